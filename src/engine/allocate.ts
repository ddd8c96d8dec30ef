import { WeightSet, compareCodes } from './apportion';
import { D, Dec, RoundingUnit, UNITS_PER_KRONA, finestUnitNeeded } from './decimal';
import { flag, Flag } from './flags';
import { describeModel } from './messages';
import { DEFAULT_MODEL, WeightBook, withRatio } from './models';
import { roundTable } from './tableRounding';
import { normalise } from './text';
import type { AllocationOptions, CellRef, ModelSpec, PlanLine, Principal } from './types';

/** One focus area (column) of a year's cost table. */
export interface AreaResult {
  readonly area: string;
  /** Joint amount split for this area (after external deductions). */
  readonly amount: Dec;
  readonly models: readonly ModelSpec[];
  readonly lines: readonly PlanLine[];
}

/** One principal's row of a year's cost table. */
export interface ShareRow {
  readonly principal: Principal;
  /** The principal's share of the year's joint amount. */
  readonly amount: Dec;
  /** The exact, unrounded share. */
  readonly exactQuota: Dec;
  /** Units (kr or öre) it received from the remainder: 0 or 1. */
  readonly remainderUnits: number;
  /** Shares per focus area, aligned with YearResult.areas; they add up to `amount`. */
  readonly byArea: readonly Dec[];
  /** Which area cells were rounded up rather than down. */
  readonly roundedUp: readonly boolean[];
}

export interface ExternalItem {
  readonly area: string;
  readonly amount: Dec;
  readonly payer: string | null;
  readonly ref: CellRef | null;
}

export interface YearResult {
  readonly year: number;
  readonly unit: RoundingUnit;
  readonly amount: Dec;
  readonly areas: readonly AreaResult[];
  readonly shares: readonly ShareRow[];
  /** Öre per inhabitant and organisation, as the plans state it; null for models without one. */
  readonly rate: { readonly orePerInhabitant: Dec; readonly exact: Dec; readonly divisor: Dec } | null;
  readonly defaultModel: ModelSpec;
  /** The models the year's joint lines actually use, in order of first use. */
  readonly models: readonly ModelSpec[];
  /** True when some line is co-financed (its participants' part is not split by the model). */
  readonly coFinanced: boolean;
  readonly external: readonly ExternalItem[];
  readonly ownCost: readonly ExternalItem[];
  /** Codes of principals whose row could not meet its largest-remainder total. */
  readonly adjusted: readonly string[];
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
};

/**
 * Allocates one year of a plan: every joint line through its model, then the
 * principal × focus-area table rounded so that rows add up to each
 * principal's largest-remainder share of the year and columns to each area.
 */
export function allocateYear(
  year: number,
  lines: readonly PlanLine[],
  book: WeightBook,
  planDefault: ModelSpec | null,
  options: AllocationOptions,
): { result: YearResult; flags: Flag[] } {
  const flags: Flag[] = [];
  const defaultModel = withRatio(options.model ?? planDefault ?? DEFAULT_MODEL, options.ratio);
  const modelOf = (l: PlanLine) => withRatio(l.model ?? defaultModel, options.ratio);
  const external: ExternalItem[] = [];
  const ownCost: ExternalItem[] = [];
  const joint: Array<{ line: PlanLine; amount: Dec; set: WeightSet; model: ModelSpec }> = [];

  for (const line of lines) {
    if (line.financing === 'external') {
      external.push({ area: line.area, amount: line.amount, payer: line.payer, ref: line.refs.amount });
      continue;
    }
    const model = modelOf(line);
    if (line.financing === 'own' || model.kind === 'own-cost') {
      ownCost.push({ area: line.area, amount: line.amount, payer: null, ref: line.refs.amount });
      continue;
    }
    let amount = line.amount;
    if (line.externalDeduction && !line.externalDeduction.isZero()) {
      amount = amount.minus(line.externalDeduction);
      external.push({ area: line.area, amount: line.externalDeduction, payer: line.payer, ref: line.refs.amount });
    }
    if (finestUnitNeeded(amount) === null) {
      flags.push(flag('BAD_AMOUNT', line.refs.amount, { text: amount.toString(), reason: 'fraction-of-ore', area: line.area }));
      continue;
    }
    const w = book.forLine(line, model);
    flags.push(...w.flags.map((f) => (f.sheet === null && f.cell === null && line.refs.model ? { ...f, sheet: line.refs.model.sheet, cell: line.refs.model.cell } : f)));
    if (!w.set) continue;
    if (w.set.total === 0n) {
      flags.push(flag('ZERO_WEIGHT', line.refs.amount, { area: line.area, year, model: describeModel(model, 'sv'), modelEn: describeModel(model, 'en') }));
      continue;
    }
    joint.push({ line, amount, set: w.set, model });
  }

  // Öre if any amount has öre; the parts must add up to the amount exactly.
  let unit: RoundingUnit = options.rounding;
  const total = joint.reduce((s, j) => s.plus(j.amount), new D(0));
  if (unit === 'kr' && joint.some((j) => !j.amount.isInteger())) {
    unit = 'ore';
    flags.push(flag('SPLIT_IN_ORE', joint.find((j) => !j.amount.isInteger())!.line.refs.amount, { year, amount: total }));
  }
  const perKr = UNITS_PER_KRONA[unit];

  // Columns: focus areas, lines of the same area added up.
  const areaIndex = new Map<string, number>();
  const columns: Array<{ area: string; items: typeof joint }> = [];
  for (const j of joint) {
    const key = normalise(j.line.area);
    let c = areaIndex.get(key);
    if (c === undefined) {
      c = columns.length;
      areaIndex.set(key, c);
      columns.push({ area: j.line.area, items: [] });
    } else {
      flags.push(flag('DUPLICATE_AREA', j.line.refs.area, { area: j.line.area, year }));
    }
    columns[c].items.push(j);
  }

  const principals = book.principals;
  const R = principals.length;
  const C = columns.length;
  const colDen: bigint[] = [];
  const colUnits: bigint[] = [];
  const cellNum: bigint[] = new Array(R * C); // exact cell quota × colDen
  for (let c = 0; c < C; c++) {
    const items = columns[c].items;
    const den = items.reduce((acc, j) => lcm(acc, j.set.total), 1n);
    colDen.push(den);
    let units = 0n;
    const scaled = items.map((j) => {
      const u = BigInt(j.amount.times(perKr).toFixed(0));
      units += u;
      return { u, factor: den / j.set.total, set: j.set };
    });
    colUnits.push(units);
    for (let r = 0; r < R; r++) {
      let num = 0n;
      for (const s of scaled) num += s.u * s.set.weights[r] * s.factor;
      cellNum[r * C + c] = num;
    }
  }

  // Row quotas over a common denominator, then largest remainder for the row totals.
  const common = colDen.reduce((a, d) => lcm(a, d), 1n);
  const rowNum: bigint[] = new Array(R).fill(0n);
  for (let c = 0; c < C; c++) {
    const f = common / colDen[c];
    for (let r = 0; r < R; r++) rowNum[r] += cellNum[r * C + c] * f;
  }
  const totalUnits = colUnits.reduce((a, b) => a + b, 0n);
  const { targets, extra } = largestRemainder(rowNum, common, totalUnits, principals.map((p) => p.code));

  // Cells: floor and exact fraction per column, then the controlled rounding.
  const floor = new Float64Array(R * C);
  const fracNum: bigint[] = new Array(R * C);
  for (let c = 0; c < C; c++)
    for (let r = 0; r < R; r++) {
      const k = r * C + c;
      const fl = floorDiv(cellNum[k], colDen[c]);
      floor[k] = Number(fl);
      fracNum[k] = cellNum[k] - fl * colDen[c];
    }
  const rowRank = new Int32Array(R);
  rankRows(rowNum, principals.map((p) => p.code)).forEach((r, rank) => (rowRank[r] = rank));
  const table = roundTable({
    rowKeys: principals.map((p) => p.code),
    colKeys: columns.map((c) => normalise(c.area)),
    floor,
    fracNum,
    colDen,
    rowRank,
    rowTarget: Float64Array.from(targets, Number),
    colTarget: Float64Array.from(colUnits, Number),
  });

  const toKr = (units: number | bigint) => new D(units.toString()).dividedBy(perKr);
  const shares: ShareRow[] = principals.map((p, r) => {
    const byArea = columns.map((_, c) => toKr(table.cells[r * C + c]));
    const rowSum = byArea.reduce((s, v) => s.plus(v), new D(0));
    return {
      principal: p,
      amount: rowSum,
      exactQuota: common === 0n ? new D(0) : new D(rowNum[r].toString()).dividedBy(common.toString()).dividedBy(perKr),
      remainderUnits: extra[r],
      byArea,
      roundedUp: columns.map((_, c) => table.up[r * C + c] === 1),
    };
  });
  const adjusted = table.adjustedRows.map((r) => principals[r].code);
  if (adjusted.length > 0) {
    flags.push(flag('ROUNDING_ADJUSTED', null, { year, names: table.adjustedRows.map((r) => principals[r].name).join(', ') }));
  }

  const result: YearResult = {
    year,
    unit,
    amount: toKr(totalUnits),
    areas: columns.map((c, i) => ({
      area: c.area,
      amount: toKr(colUnits[i]),
      models: dedupeModels(c.items.map((j) => j.model)),
      lines: c.items.map((j) => j.line),
    })),
    shares,
    rate: joint.some((j) => j.line.coFinancing) ? null : rateFor(total, joint.map((j) => j.model), principals),
    defaultModel,
    models: dedupeModels(joint.map((j) => j.model)),
    coFinanced: joint.some((j) => j.line.coFinancing),
    external,
    ownCost,
    adjusted,
  };
  return { result, flags };
}

/**
 * Largest remainder over exact rational quotas num_i / den that add up to
 * `total`. Negative totals are split symmetrically. Ties: larger quota, then code.
 */
export function largestRemainder(
  num: readonly bigint[],
  den: bigint,
  total: bigint,
  codes: readonly string[],
): { targets: bigint[]; extra: number[] } {
  const n = num.length;
  const sign = total < 0n ? -1n : 1n;
  const a = num.map((x) => x * sign);
  const fl = a.map((x) => floorDiv(x, den));
  const rem = a.map((x, i) => x - fl[i] * den);
  let left = total * sign - fl.reduce((s, x) => s + x, 0n);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (rem[i] === rem[j] ? (a[i] === a[j] ? compareCodes(codes[i], codes[j]) : a[i] > a[j] ? -1 : 1) : rem[i] > rem[j] ? -1 : 1),
  );
  const extra = new Array<number>(n).fill(0);
  for (let k = 0; k < n && left > 0n; k++, left--) extra[order[k]] = 1;
  return { targets: fl.map((x, i) => (x + BigInt(extra[i])) * sign), extra };
}

/** Row order for ties inside a column: larger row quota first, then code. */
function rankRows(rowNum: readonly bigint[], codes: readonly string[]): number[] {
  return rowNum
    .map((_, i) => i)
    .sort((i, j) => (rowNum[i] === rowNum[j] ? compareCodes(codes[i], codes[j]) : rowNum[i] > rowNum[j] ? -1 : 1));
}

/** The distinct models of a list, in order of first use. */
export function dedupeModels(models: readonly ModelSpec[]): ModelSpec[] {
  const seen = new Set<string>();
  return models.filter((m) => {
    const k = JSON.stringify(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The region's (or regions') share of a year, for summaries: the rest is the municipalities'. */
export function regionShare(y: YearResult): Dec {
  return y.shares.filter((s) => s.principal.kind === 'region').reduce((a, s) => a.plus(s.amount), new D(0));
}

/**
 * The cost per inhabitant and organisation, as the plans state it: under
 * region : municipalities a:b the municipalities' part over their population
 * (with 1:1 this is cost / (2 × county population)); per capita, the cost over
 * everyone's population. Two decimals, half up, like Excel's ROUND.
 */
export function rateFor(
  amount: Dec,
  models: readonly ModelSpec[],
  principals: readonly Principal[],
): { orePerInhabitant: Dec; exact: Dec; divisor: Dec } | null {
  const distinct = dedupeModels(models);
  if (distinct.length !== 1) return null;
  const m = distinct[0];
  const pop = (p: Principal) => p.population ?? new D(0);
  let divisor: Dec;
  if (m.kind === 'region-municipality') {
    const PM = principals.filter((p) => p.kind === 'municipality').reduce((s, p) => s.plus(pop(p)), new D(0));
    if (m.ratio.municipalities.isZero()) return null;
    divisor = PM.times(m.ratio.region.plus(m.ratio.municipalities)).dividedBy(m.ratio.municipalities);
  } else if (m.kind === 'per-capita') {
    divisor = principals.reduce((s, p) => s.plus(pop(p)), new D(0));
  } else {
    return null;
  }
  if (divisor.isZero()) return null;
  const exact = amount.times(100).dividedBy(divisor);
  return { orePerInhabitant: exact.toDecimalPlaces(2, D.ROUND_HALF_UP), exact, divisor };
}

/** The rate of an amount over a known divisor (for checking a stated rate against a stated total). */
export function rateOver(amount: Dec, divisor: Dec): Dec {
  return amount.times(100).dividedBy(divisor).toDecimalPlaces(2, D.ROUND_HALF_UP);
}
