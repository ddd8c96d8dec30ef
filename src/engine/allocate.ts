import { WeightSet, compareCodes } from './apportion';
import { D, Dec, RoundingUnit, UNITS_PER_KRONA, finestUnitNeeded } from './decimal';
import { flag, Flag } from './flags';
import { DEFAULT_MODEL, dedupeModels, describeModel, rateFor, Rate, WeightBook, withRatio } from './models';
import { roundTable } from './tableRounding';
import { normalise } from './text';
import type { AllocationOptions, CellRef, LineHold, ModelSpec, PlanLine, Principal, Ratio } from './types';

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
  readonly rate: Rate | null;
  readonly defaultModel: ModelSpec;
  /** The models the year's joint lines actually use, in order of first use. */
  readonly models: readonly ModelSpec[];
  /** True when some line is co-financed (its participants' part is not split by the model). */
  readonly coFinanced: boolean;
  readonly external: readonly ExternalItem[];
  readonly ownCost: readonly ExternalItem[];
  /** Lines with an amount that are not split (not carried out, unclassified words). */
  readonly held: readonly HeldItem[];
  /** Principals that do not take part this year ("Deltar från"/"Deltar till"): rows of zeros. */
  readonly inactive: readonly string[];
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

/** How much one year may hold: the cost table is one column per focus area. */
export const LIMITS = { areasPerYear: 1_000, lines: 10_000 } as const;

/** A joint line ready to split: its amount after external deductions and its weights. */
interface JointLine {
  readonly line: PlanLine;
  readonly amount: Dec;
  readonly set: WeightSet;
  readonly model: ModelSpec;
}

/** A line with an amount that is not split: not carried out, or with words the tool cannot classify. */
export interface HeldItem {
  readonly area: string;
  readonly amount: Dec;
  readonly reason: LineHold['reason'];
  readonly text: string;
  readonly ref: CellRef | null;
}

/** The lines of one year sorted by what happens to them, with the flags found on the way. */
interface CollectedLines {
  readonly joint: JointLine[];
  readonly external: ExternalItem[];
  readonly ownCost: ExternalItem[];
  readonly held: HeldItem[];
  readonly flags: Flag[];
}

/**
 * Check: sorts a year's lines into lines held back, external money, own cost
 * and joint lines that can be split exactly (amount in whole öre, a model
 * with weights that are not all zero). Everything else becomes a flag;
 * nothing is computed yet.
 */
function collectLines(year: number, lines: readonly PlanLine[], book: WeightBook, defaultModel: ModelSpec, ratio: Ratio | undefined): CollectedLines {
  const out: CollectedLines = { joint: [], external: [], ownCost: [], held: [], flags: [] };
  for (const line of lines) {
    if (line.hold) {
      hold(year, line, line.hold, out);
      continue;
    }
    const item = (amount: Dec, payer = line.payer): ExternalItem => ({ area: line.area, amount, payer, ref: line.refs.amount });
    if (line.financing === 'external') {
      // "Betalas av Falkenberg": a principal paying alone is its own cost, named; anyone else is external money.
      const i = line.payer ? book.indexOf(line.payer) : -1;
      if (i < 0) out.external.push(item(line.amount));
      else {
        out.ownCost.push(item(line.amount, book.principals[i].name));
        out.flags.push(flag('OWN_COST_NAMED', line.refs.amount, { area: line.area, year, amount: line.amount, payer: book.principals[i].name }));
      }
      continue;
    }
    const model = withRatio(line.model ?? defaultModel, ratio);
    if (line.financing === 'own' || model.kind === 'own-cost') {
      out.ownCost.push(item(line.amount));
      continue;
    }
    let amount = line.amount;
    if (line.externalDeduction && !line.externalDeduction.isZero()) {
      amount = amount.minus(line.externalDeduction);
      out.external.push(item(line.externalDeduction));
    }
    const co = outsideCoFinancing(line, amount, book, out);
    if (!co) continue;
    amount = co.amount;
    if (finestUnitNeeded(amount) === null) {
      out.flags.push(flag('BAD_AMOUNT', line.refs.amount, { text: amount.toString(), reason: 'fraction-of-ore', area: line.area }));
      continue;
    }
    const w = book.forLine(co.line, model);
    // A model-level flag (a missing key column) points at the line's model cell.
    out.flags.push(...w.flags.map((f) => (f.sheet === null && f.cell === null && line.refs.model ? { ...f, ...line.refs.model } : f)));
    // A model that cannot weigh the line (no key column, every weight zero): the line is held back and listed, never 0 kr.
    const notApplicable = () => out.held.push({ area: line.area, amount: line.amount, reason: 'model-not-applicable', text: describeModel(model, 'sv'), ref: line.refs.amount });
    if (!w.set) {
      notApplicable();
      continue;
    }
    if (w.set.total === 0n) {
      out.flags.push(flag('ZERO_WEIGHT', line.refs.amount, { area: line.area, year, model: describeModel(model, 'sv'), modelEn: describeModel(model, 'en') }));
      notApplicable();
      continue;
    }
    out.joint.push({ line, amount, set: w.set, model });
  }
  return out;
}

/** A line held back: listed apart; a line not carried out says so (an unclassified one was flagged where it was read). */
function hold(year: number, line: PlanLine, h: LineHold, out: CollectedLines): void {
  out.held.push({ area: line.area, amount: line.amount, reason: h.reason, text: h.text, ref: line.refs.amount });
  if (h.reason === 'not-carried-out') out.flags.push(flag('LINE_NOT_CARRIED_OUT', h.ref ?? line.refs.amount, { area: line.area, year, amount: line.amount, text: h.text }));
}

/**
 * Co-financing by participants outside the principals (a private care
 * provider): their part is external money with their names, the rest goes
 * through the model. Principals and outsiders on one line cannot be split
 * exactly without a key for the outsiders, so that is an error.
 */
function outsideCoFinancing(line: PlanLine, amount: Dec, book: WeightBook, out: CollectedLines): { line: PlanLine; amount: Dec } | null {
  const co = line.coFinancing;
  if (!co || co.percent.isNegative() || co.percent.gt(100)) return { line, amount };
  const outside = book.outsiders(co);
  if (outside.length === 0) return { line, amount };
  if (outside.length < co.participants.length) {
    out.flags.push(flag('UNKNOWN_PARTICIPANT', co.ref ?? line.refs.area, { participant: outside[0], area: line.area, mixed: 'yes' }));
    return null;
  }
  const part = amount.times(co.percent).dividedBy(100);
  out.external.push({ area: line.area, amount: part, payer: outside.join(', '), ref: co.ref ?? line.refs.amount });
  return { line: { ...line, coFinancing: null }, amount: amount.minus(part) };
}

/**
 * A year the cost table cannot hold: more focus areas than columns allow, or
 * a total whose units would not stay exact integers in a double (cells, rows
 * and sums). Refused with a flag, never approximated.
 */
function checkLimits(year: number, joint: readonly JointLine[]): Flag | null {
  if (new Set(joint.map((j) => normalise(j.line.area))).size > LIMITS.areasPerYear) {
    return flag('LIMIT_EXCEEDED', joint[0].line.refs.area, { what: 'areas', year, limit: LIMITS.areasPerYear });
  }
  const units = joint.reduce((s, j) => s.plus(j.amount.abs().times(100)), new D(0));
  return units.gt(Number.MAX_SAFE_INTEGER) ? flag('LIMIT_EXCEEDED', joint[0].line.refs.amount, { what: 'total', year }) : null;
}

/** One column of the cost table: a focus area with its lines (several lines of one area are added up). */
interface Column {
  readonly area: string;
  readonly items: JointLine[];
}

function groupByArea(year: number, joint: readonly JointLine[], flags: Flag[]): Column[] {
  const index = new Map<string, Column>();
  for (const j of joint) {
    const key = normalise(j.line.area);
    const column = index.get(key);
    if (column) {
      flags.push(flag('DUPLICATE_AREA', j.line.refs.area, { area: j.line.area, year }));
      column.items.push(j);
    } else {
      index.set(key, { area: j.line.area, items: [j] });
    }
  }
  return [...index.values()];
}

/** Exact quotas of the table as BigInt rationals: cell r,c = cellNum / colDen[c]; row r = rowNum / common. */
interface ExactTable {
  readonly cellNum: bigint[];
  readonly colDen: bigint[];
  readonly colUnits: bigint[];
  readonly rowNum: bigint[];
  readonly common: bigint;
}

/** Compute: every cell's exact quota in units, over one denominator per column, and the rows over a common one. */
function exactQuotas(columns: readonly Column[], R: number, perKr: number): ExactTable {
  const C = columns.length;
  const colDen: bigint[] = [];
  const colUnits: bigint[] = [];
  const cellNum: bigint[] = new Array(R * C);
  columns.forEach((column, c) => {
    const den = column.items.reduce((acc, j) => lcm(acc, j.set.total), 1n);
    colDen.push(den);
    const scaled = column.items.map((j) => ({ u: BigInt(j.amount.times(perKr).toFixed(0)), factor: den / j.set.total, set: j.set }));
    colUnits.push(scaled.reduce((s, x) => s + x.u, 0n));
    for (let r = 0; r < R; r++) {
      let num = 0n;
      for (const x of scaled) num += x.u * x.set.weights[r] * x.factor;
      cellNum[r * C + c] = num;
    }
  });
  const common = colDen.reduce((a, d) => lcm(a, d), 1n);
  const rowNum: bigint[] = new Array(R).fill(0n);
  for (let c = 0; c < C; c++) {
    const f = common / colDen[c];
    for (let r = 0; r < R; r++) rowNum[r] += cellNum[r * C + c] * f;
  }
  return { cellNum, colDen, colUnits, rowNum, common };
}

/**
 * Round: each principal's year total by largest remainder over its exact
 * quota, then the principal × area table by controlled rounding so rows
 * meet those totals and columns their areas.
 */
function roundYear(exact: ExactTable, columns: readonly Column[], principals: readonly Principal[]) {
  const R = principals.length;
  const C = columns.length;
  const codes = principals.map((p) => p.code);
  const totalUnits = exact.colUnits.reduce((a, b) => a + b, 0n);
  const { targets, extra } = largestRemainder(exact.rowNum, exact.common, totalUnits, codes);
  const floor = new Float64Array(R * C);
  const fracNum: bigint[] = new Array(R * C);
  for (let c = 0; c < C; c++)
    for (let r = 0; r < R; r++) {
      const k = r * C + c;
      const fl = floorDiv(exact.cellNum[k], exact.colDen[c]);
      floor[k] = Number(fl);
      fracNum[k] = exact.cellNum[k] - fl * exact.colDen[c];
    }
  const rowRank = new Int32Array(R);
  rankRows(exact.rowNum, codes).forEach((r, rank) => (rowRank[r] = rank));
  const table = roundTable({
    rowKeys: codes,
    colKeys: columns.map((c) => normalise(c.area)),
    floor,
    fracNum,
    colDen: exact.colDen,
    rowRank,
    rowTarget: Float64Array.from(targets, Number),
    colTarget: Float64Array.from(exact.colUnits, Number),
  });
  return { table, extra, totalUnits };
}

/** Each principal's row: its cells in kronor, their sum, the exact quota and the remainder unit. */
function shareRows(principals: readonly Principal[], C: number, table: ReturnType<typeof roundTable>, exact: ExactTable, extra: readonly number[], perKr: number): ShareRow[] {
  const toKr = (units: number) => new D(units.toString()).dividedBy(perKr);
  return principals.map((p, r) => {
    const byArea = Array.from({ length: C }, (_, c) => toKr(table.cells[r * C + c]));
    return {
      principal: p,
      amount: byArea.reduce((s, v) => s.plus(v), new D(0)),
      exactQuota: exact.common === 0n ? new D(0) : new D(exact.rowNum[r].toString()).dividedBy(exact.common.toString()).dividedBy(perKr),
      remainderUnits: extra[r],
      byArea,
      roundedUp: Array.from({ length: C }, (_, c) => table.up[r * C + c] === 1),
    };
  });
}

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
): { result: YearResult | null; flags: Flag[] } {
  const defaultModel = withRatio(options.model ?? planDefault ?? DEFAULT_MODEL, options.ratio);
  const { joint, external, ownCost, held, flags } = collectLines(year, lines, book, defaultModel, options.ratio);
  const overLimit = checkLimits(year, joint);
  if (overLimit) return { result: null, flags: [...flags, overLimit] };

  // Öre if any amount has öre; the parts must add up to the amount exactly.
  let unit: RoundingUnit = options.rounding;
  const withOre = joint.find((j) => !j.amount.isInteger());
  const total = joint.reduce((s, j) => s.plus(j.amount), new D(0));
  if (unit === 'kr' && withOre) {
    unit = 'ore';
    flags.push(flag('SPLIT_IN_ORE', withOre.line.refs.amount, { year, amount: total }));
  }
  const perKr = UNITS_PER_KRONA[unit];
  const columns = groupByArea(year, joint, flags);
  const principals = book.principals;
  const exact = exactQuotas(columns, principals.length, perKr);
  const { table, extra, totalUnits } = roundYear(exact, columns, principals);

  const toKr = (units: number | bigint) => new D(units.toString()).dividedBy(perKr);
  const shares = shareRows(principals, columns.length, table, exact, extra, perKr);
  const adjusted = table.adjustedRows.map((r) => principals[r].code);
  if (adjusted.length > 0) {
    flags.push(flag('ROUNDING_ADJUSTED', null, { year, names: table.adjustedRows.map((r) => principals[r].name).join(', ') }));
  }
  const coFinanced = joint.some((j) => j.line.coFinancing);
  const result: YearResult = {
    year,
    unit,
    amount: toKr(totalUnits),
    areas: columns.map((c, i) => ({
      area: c.area,
      amount: toKr(exact.colUnits[i]),
      models: dedupeModels(c.items.map((j) => j.model)),
      lines: c.items.map((j) => j.line),
    })),
    shares,
    rate: coFinanced ? null : rateFor(total, joint.map((j) => j.model), principals),
    defaultModel,
    models: dedupeModels(joint.map((j) => j.model)),
    coFinanced,
    external,
    ownCost,
    held,
    inactive: [],
    adjusted,
  };
  return { result, flags };
}

/**
 * Largest remainder over exact rational quotas num_i / den that add up to
 * `total`. Negative totals are split symmetrically. Ties: larger quota, then code.
 */
function largestRemainder(
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

/** The region's (or regions') share of a year, for summaries: the rest is the municipalities'. */
export function regionShare(y: YearResult): Dec {
  return y.shares.filter((s) => s.principal.kind === 'region').reduce((a, s) => a.plus(s.amount), new D(0));
}

/**
 * The year's table over every principal: those not taking part this year
 * get a row of zeros (they pay nothing; the others' shares already cover
 * the line), in the order of the principals table.
 */
export function withInactive(y: YearResult, inactive: readonly Principal[], order: readonly Principal[]): YearResult {
  if (inactive.length === 0) return y;
  const zero = new D(0);
  const rows = new Map(y.shares.map((s) => [s.principal.code, s]));
  for (const p of inactive) {
    rows.set(p.code, { principal: p, amount: zero, exactQuota: zero, remainderUnits: 0, byArea: y.areas.map(() => zero), roundedUp: y.areas.map(() => false) });
  }
  return { ...y, shares: order.map((p) => rows.get(p.code)).filter((s): s is ShareRow => !!s), inactive: inactive.map((p) => p.code) };
}
