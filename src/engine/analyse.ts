import { countyName, isKnownCode, municipalityCount } from './reference';
import { allocateYear, YearResult } from './allocate';
import { D, Dec } from './decimal';
import { flag, Flag, sortFlags } from './flags';
import { DEFAULT_MODEL, dedupeModels, missingPopulation, modelChecks, rateOver, WeightBook, withRatio } from './models';
import { fillPopulations, mostCommon } from './population';
import type { AllocationOptions, ModelSpec, Plan, PlanLine, Principal, PrincipalTable } from './types';

export interface Analysis {
  readonly plan: Plan | null;
  readonly principals: readonly Principal[];
  readonly years: readonly YearResult[];
  readonly flags: readonly Flag[];
}

export interface AnalyseOptions extends AllocationOptions {
  /** Fill missing populations from bundled SCB data (an info flag says so). */
  readonly fillPopulation?: boolean;
}

/**
 * Validates a plan and its principals and allocates every year: the one entry
 * point of the engine. Pure: takes typed values, returns typed results and
 * flags, never throws on bad data.
 */
export function analyse(plan: Plan | null, table: PrincipalTable | null, options: AnalyseOptions, readFlags: readonly Flag[] = []): Analysis {
  const flags: Flag[] = [...readFlags];
  let principals: Principal[] = [];
  if (table) {
    const deduped = dedupe(table.principals, flags);
    if (options.fillPopulation) {
      const filled = fillPopulations(deduped);
      principals = filled.principals;
      flags.push(...filled.flags);
    } else {
      principals = deduped;
    }
  }
  if (!plan) return { plan, principals, years: [], flags: sortFlags(flags) };

  const defaultModel = withRatio(options.model ?? plan.defaultModel ?? DEFAULT_MODEL, options.ratio);
  const models = dedupeModels(plan.lines.filter((l) => l.financing === 'joint').map((l) => withRatio(l.model ?? defaultModel, options.ratio)));
  if (!table || principals.length === 0) {
    if (plan.lines.some((l) => l.financing === 'joint')) flags.push(flag('NO_PRINCIPALS', null));
  } else {
    flags.push(...checkPrincipals(principals, models, options, plan));
  }

  const years: YearResult[] = [];
  const book = new WeightBook(principals);
  const wanted = options.years && options.years.length > 0 ? new Set(options.years) : null;
  const allYears = [...new Set(plan.lines.map((l) => l.year))].sort((a, b) => a - b);
  for (const year of allYears) {
    if (wanted && !wanted.has(year)) continue;
    if (principals.length === 0) continue;
    const { result, flags: yf } = allocateYear(year, plan.lines.filter((l) => l.year === year), book, plan.defaultModel, options);
    years.push(result);
    flags.push(...yf);
  }
  flags.push(...checkPlan(plan, years, principals, defaultModel));
  if (table) flags.push(...checkUserShares(table, years));
  return { plan, principals, years, flags: sortFlags(flags) };
}

/** Keeps the first principal of each code; later ones are flagged. */
function dedupe(list: readonly Principal[], flags: Flag[]): Principal[] {
  const seen = new Map<string, Principal>();
  const out: Principal[] = [];
  for (const p of list) {
    const first = seen.get(p.code);
    if (first) {
      flags.push(flag('DUPLICATE_PRINCIPAL', p.ref, { code: p.code, name: p.name, first: first.ref?.cell ?? '' }));
      continue;
    }
    seen.set(p.code, p);
    out.push(p);
  }
  return out;
}

function checkPrincipals(principals: readonly Principal[], models: readonly ModelSpec[], options: AnalyseOptions, plan: Plan): Flag[] {
  const flags: Flag[] = [];
  for (const p of principals) {
    if (!isKnownCode(p.code)) flags.push(flag('UNKNOWN_CODE', p.ref, { code: p.code, name: p.name }));
  }
  const municipalities = principals.filter((p) => p.kind === 'municipality');
  const regions = principals.filter((p) => p.kind === 'region');
  const county = mostCommon(municipalities.filter((p) => p.code.length === 4).map((p) => p.code.slice(0, 2)));
  const expected = options.expectedPrincipals ?? (county && countyName(county) ? municipalityCount(county) + 1 : undefined);
  if (expected !== undefined && principals.length !== expected) {
    flags.push(
      flag('PRINCIPAL_COUNT', principals[0]?.ref ?? null, {
        found: principals.length,
        expected,
        municipalities: expected - 1,
        county: county ? (countyName(county) ?? county) : '',
      }),
    );
  }
  flags.push(...missingPopulation(principals, models));
  const PM = municipalities.reduce((s, p) => s.plus(p.population ?? 0), new D(0));
  if (regions.length === 1 && regions[0].population && municipalities.length > 0 && !regions[0].population.eq(PM)) {
    const r = regions[0];
    flags.push(
      flag('POPULATION_MISMATCH', r.populationRef ?? r.ref, {
        kind: 'region-sum',
        region: r.name,
        regionPopulation: r.population,
        municipalities: PM,
        diff: r.population!.minus(PM),
      }),
    );
  }
  if (plan.statedPopulation && municipalities.length > 0 && !plan.statedPopulation.value.eq(PM)) {
    flags.push(
      flag('POPULATION_MISMATCH', plan.statedPopulation.ref, {
        kind: 'stated',
        stated: plan.statedPopulation.value,
        actual: PM,
        diff: plan.statedPopulation.value.minus(PM),
      }),
    );
  }
  const dates = [...new Set(principals.filter((p) => p.population && p.populationDate).map((p) => p.populationDate!))];
  if (dates.length > 1) flags.push(flag('POPULATION_DATE', principals[0].ref, { dates: dates.sort().join(', ') }));
  flags.push(...modelChecks(principals, models));
  return flags;
}

function sumLines(lines: readonly PlanLine[], pred: (l: PlanLine) => boolean): Dec {
  return lines.filter(pred).reduce((s, l) => s.plus(l.amount), new D(0));
}

function checkPlan(plan: Plan, years: readonly YearResult[], principals: readonly Principal[], defaultModel: ModelSpec): Flag[] {
  const flags: Flag[] = [];
  const inYear = (y: number | null) => (l: PlanLine) => y === null || l.year === y;
  for (const t of plan.statedTotals) {
    const scopeOk = (l: PlanLine) => t.scope === 'all' || l.financing === t.scope;
    const parts = sumLines(plan.lines, (l) => inYear(t.year)(l) && scopeOk(l));
    if (!parts.eq(t.value)) {
      const external = sumLines(plan.lines, (l) => inYear(t.year)(l) && l.financing === 'external');
      const noOther = t.scope === 'all' && external.isZero();
      flags.push(
        flag('TOTAL_MISMATCH', t.ref, {
          label: t.label,
          year: t.year,
          stated: t.value,
          parts,
          diff: t.value.minus(parts),
          note: noOther ? 'Ingen annan finansiering är angiven med belopp.' : null,
          noteEn: noOther ? 'No other financing is stated as an amount.' : null,
        }),
      );
    }
  }
  // Stated rates against the computed rate of the year.
  const stated2P = plan.statedPopulation ? plan.statedPopulation.value.times(2) : null;
  for (const r of plan.statedRates) {
    const y = years.find((x) => x.year === r.year);
    const amount = y ? y.amount : sumLines(plan.lines, (l) => l.year === r.year && l.financing === 'joint');
    const divisor = y?.rate?.divisor ?? (defaultModel.kind === 'region-municipality' && isOneToOne(defaultModel) ? stated2P : null);
    if (!divisor || divisor.isZero() || !plan.lines.some((l) => l.year === r.year)) continue;
    const computed = rateOver(amount, divisor);
    if (computed.eq(r.value)) continue;
    const candidates = plan.statedTotals.filter((t) => t.year === r.year && !t.value.eq(amount));
    const fits = candidates.find((t) => rateOver(t.value, divisor).eq(r.value));
    flags.push(
      flag('RATE_MISMATCH', r.ref, {
        year: r.year,
        stated: r.value,
        computed,
        amount,
        divisor,
        fits: fits ? fits.value : null,
        fitsLabel: fits ? `${fits.label} ${fits.year}` : null,
      }),
    );
  }
  const count = principals.length || 0;
  for (const l of plan.lines) {
    if (l.amount.isNegative()) flags.push(flag('NEGATIVE_AMOUNT', l.refs.amount, { area: l.area, year: l.year, value: l.amount }));
    for (const [what, value, ref] of [
      ['outcome', l.outcome, l.refs.outcome],
      ['forecast', l.forecast, l.refs.forecast],
    ] as const) {
      if (value && value.gt(l.amount) && !l.amount.isNegative()) {
        flags.push(flag('OVER_BUDGET', ref ?? l.refs.amount, { what, area: l.area, year: l.year, value, budget: l.amount, diff: value.minus(l.amount), principals: count }));
      }
    }
  }
  for (const y of years) {
    for (const e of y.external) {
      if (!e.amount.isZero()) flags.push(flag('EXTERNAL_NOT_ALLOCATED', e.ref, { area: e.area, year: y.year, amount: e.amount, payer: e.payer }));
    }
  }
  return flags;
}

function isOneToOne(m: ModelSpec): boolean {
  return m.kind === 'region-municipality' && m.group.by === 'population' && m.ratio.region.eq(m.ratio.municipalities);
}

/** The user's own share cells of a year must add up to the amount split. */
function checkUserShares(table: PrincipalTable, years: readonly YearResult[]): Flag[] {
  const flags: Flag[] = [];
  for (const col of table.userShares) {
    const y = years.find((x) => x.year === col.year);
    if (!y) continue;
    const sum = col.values.reduce((s, v) => s.plus(v.value), new D(0));
    if (!sum.eq(y.amount)) flags.push(flag('ROUNDING_RESIDUE', col.header, { year: col.year, sum, total: y.amount, diff: sum.minus(y.amount) }));
  }
  return flags;
}
