import { countyName, isKnownCode, municipalityCount } from './reference';
import { allocateYear, withInactive, YearResult } from './allocate';
import { D, Dec } from './decimal';
import { flag, Flag, sortFlags } from './flags';
import { DEFAULT_MODEL, dedupeModels, missingPopulation, modelChecks, rateOver, WeightBook, withRatio } from './models';
import { membershipNotes, staleNotes, yearView, YearView } from './membership';
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
  const principals: Principal[] = table ? dedupe(table.principals, flags) : [];
  if (!plan) {
    const filled = options.fillPopulation ? fillPopulations(principals) : { principals, flags: [] };
    return { plan, principals: filled.principals, years: [], flags: sortFlags([...flags, ...filled.flags]) };
  }
  if (principals.length === 0 && plan.lines.some((l) => l.financing === 'joint')) flags.push(flag('NO_PRINCIPALS', null));

  const defaultModel = withRatio(options.model ?? plan.defaultModel ?? DEFAULT_MODEL, options.ratio);
  const ctx: YearsContext = {
    plan,
    principals,
    options,
    modelsOf: (lines) => dedupeModels(lines.filter((l) => l.financing === 'joint' && !l.hold).map((l) => withRatio(l.model ?? defaultModel, options.ratio))),
    membershipVaries: principals.some((p) => p.fromYear != null || p.toYear != null),
  };
  const wanted = options.years && options.years.length > 0 ? new Set(options.years) : null;
  const allYears = [...new Set(plan.lines.map((l) => l.year))].sort((a, b) => a - b).filter((y) => !wanted || wanted.has(y));
  const views = principals.length === 0 ? [] : allYears.map((y) => yearView(principals, y, !!options.fillPopulation));
  flags.push(...checkTable(ctx, views, allYears));
  const years = allocateYears(ctx, views, flags);
  flags.push(...checkPlan(plan, years, principals, defaultModel));
  if (table) flags.push(...checkUserShares(table, years));
  // The principals as the last year sees them (its population figures).
  const shown = new Map((views.length > 0 ? views[views.length - 1].active : principals).map((p) => [p.code, p]));
  return { plan, principals: principals.map((p) => shown.get(p.code) ?? p), years, flags: sortFlags(flags) };
}

/** What every year of one analysis shares. */
interface YearsContext {
  readonly plan: Plan;
  readonly principals: readonly Principal[];
  readonly options: AnalyseOptions;
  readonly modelsOf: (lines: readonly PlanLine[]) => ModelSpec[];
  readonly membershipVaries: boolean;
}

/** The principals table as a whole: unknown codes, the count (when membership is fixed), who sits out which years, stale populations. */
function checkTable(ctx: YearsContext, views: readonly YearView[], allYears: readonly number[]): Flag[] {
  const { principals, options, plan } = ctx;
  if (principals.length === 0) return [];
  return [
    ...principals.filter((p) => !isKnownCode(p.code)).map((p) => flag('UNKNOWN_CODE', p.ref, { code: p.code, name: p.name })),
    ...(ctx.membershipVaries ? [] : checkCount(principals, options, null)),
    ...membershipNotes(principals, allYears),
    // Without years to allocate, the table is still checked as it stands.
    ...(views.length === 0 ? checkYearPrincipals({ active: principals, everyone: principals }, ctx.modelsOf(plan.lines), plan) : []),
    ...staleNotes(views),
  ];
}

/** Each year over the principals taking part, with the year's populations; one weight book per distinct set. */
function allocateYears(ctx: YearsContext, views: readonly YearView[], flags: Flag[]): YearResult[] {
  const { plan, options } = ctx;
  const years: YearResult[] = [];
  const books = new Map<string, WeightBook>();
  for (const view of views) {
    const yearLines = plan.lines.filter((l) => l.year === view.year);
    flags.push(...view.flags, ...checkYearPrincipals(view, ctx.modelsOf(yearLines), plan));
    if (ctx.membershipVaries) flags.push(...checkCount(view.active, options, view.year));
    if (view.active.length === 0) continue;
    const book = books.get(view.key) ?? new WeightBook(view.active);
    books.set(view.key, book);
    const { result, flags: yf } = allocateYear(view.year, yearLines, book, plan.defaultModel, options);
    if (result) years.push(withInactive(result, view.inactive, ctx.principals));
    flags.push(...yf);
  }
  return years;
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

/** The principals of a year against the models its lines use: populations, keys, percentages; the region's population against all its municipalities. */
function checkYearPrincipals(view: Pick<YearView, 'active' | 'everyone'>, models: readonly ModelSpec[], plan: Plan): Flag[] {
  return [...missingPopulation(view.active, models), ...checkPopulations(view.everyone, plan), ...modelChecks(view.active, models)];
}

/** The number of principals (of a year, when membership varies) against the county's (33 + 1 in Skåne), or the number the user expects. */
function checkCount(principals: readonly Principal[], options: AnalyseOptions, year: number | null): Flag[] {
  const county = mostCommon(principals.filter((p) => p.kind === 'municipality' && p.code.length === 4).map((p) => p.code.slice(0, 2)));
  const expected = options.expectedPrincipals ?? (county && countyName(county) ? municipalityCount(county) + 1 : undefined);
  if (expected === undefined || principals.length === expected) return [];
  return [
    flag('PRINCIPAL_COUNT', principals[0]?.ref ?? null, {
      found: principals.length,
      expected,
      municipalities: expected - 1,
      county: county ? (countyName(county) ?? county) : '',
      year,
    }),
  ];
}

/** The 1:1 premise (the region's population is its municipalities' sum), the plan's stated population, one date for all. */
function checkPopulations(principals: readonly Principal[], plan: Plan): Flag[] {
  const flags: Flag[] = [];
  const municipalities = principals.filter((p) => p.kind === 'municipality');
  const regions = principals.filter((p) => p.kind === 'region');
  const PM = municipalities.reduce((s, p) => s.plus(p.population ?? 0), new D(0));
  const region = regions.length === 1 ? regions[0] : null;
  if (region?.population && municipalities.length > 0 && !region.population.eq(PM)) {
    flags.push(
      flag('POPULATION_MISMATCH', region.populationRef ?? region.ref, {
        kind: 'region-sum',
        region: region.name,
        regionPopulation: region.population,
        municipalities: PM,
        diff: region.population.minus(PM),
      }),
    );
  }
  const stated = plan.statedPopulation;
  if (stated && municipalities.length > 0 && !stated.value.eq(PM)) {
    flags.push(flag('POPULATION_MISMATCH', stated.ref, { kind: 'stated', stated: stated.value, actual: PM, diff: stated.value.minus(PM) }));
  }
  const dates = [...new Set(principals.filter((p) => p.population && p.populationDate).map((p) => p.populationDate!))];
  if (dates.length > 1) flags.push(flag('POPULATION_DATE', principals[0].ref, { dates: dates.sort().join(', ') }));
  return flags;
}

function sumLines(lines: readonly PlanLine[], pred: (l: PlanLine) => boolean): Dec {
  return lines.filter(pred).reduce((s, l) => s.plus(l.amount), new D(0));
}

function checkPlan(plan: Plan, years: readonly YearResult[], principals: readonly Principal[], defaultModel: ModelSpec): Flag[] {
  return [...checkStatedTotals(plan), ...checkStatedRates(plan, years, defaultModel), ...checkLines(plan, principals.length), ...externalNotes(years)];
}

/** DELSUMMA and SUMMA as written against the lines they sum. */
function checkStatedTotals(plan: Plan): Flag[] {
  const inYear = (y: number | null) => (l: PlanLine) => y === null || l.year === y;
  return plan.statedTotals.flatMap((t) => {
    const parts = sumLines(plan.lines, (l) => inYear(t.year)(l) && (t.scope === 'all' || l.financing === t.scope));
    if (parts.eq(t.value)) return [];
    const external = sumLines(plan.lines, (l) => inYear(t.year)(l) && l.financing === 'external');
    const noOther = t.scope === 'all' && external.isZero();
    return [flag('TOTAL_MISMATCH', t.ref, { label: t.label, year: t.year, stated: t.value, parts, diff: t.value.minus(parts), noOther: noOther ? 'yes' : null })];
  });
}

/**
 * Stated öre/inv against the year's computed rate (or, for a year not
 * allocated, the plan's stated population under 1:1); a stated rate that
 * fits another stated total says which.
 */
function checkStatedRates(plan: Plan, years: readonly YearResult[], defaultModel: ModelSpec): Flag[] {
  const stated2P = plan.statedPopulation ? plan.statedPopulation.value.times(2) : null;
  return plan.statedRates.flatMap((r) => {
    const y = years.find((x) => x.year === r.year);
    const amount = y ? y.amount : sumLines(plan.lines, (l) => l.year === r.year && l.financing === 'joint');
    const divisor = y?.rate?.divisor ?? (isOneToOne(defaultModel) ? stated2P : null);
    if (!divisor || divisor.isZero() || !plan.lines.some((l) => l.year === r.year)) return [];
    const computed = rateOver(amount, divisor);
    if (computed.eq(r.value)) return [];
    const fits = plan.statedTotals.find((t) => t.year === r.year && !t.value.eq(amount) && rateOver(t.value, divisor).eq(r.value));
    return [
      flag('RATE_MISMATCH', r.ref, {
        year: r.year,
        stated: r.value,
        computed,
        amount,
        divisor,
        fits: fits ? fits.value : null,
        fitsLabel: fits ? `${fits.label} ${fits.year}` : null,
      }),
    ];
  });
}

/** Per line: negative amounts, and outcome or forecast above the budget. */
function checkLines(plan: Plan, principalCount: number): Flag[] {
  const flags: Flag[] = [];
  for (const l of plan.lines) {
    if (l.amount.isNegative()) {
      flags.push(flag('NEGATIVE_AMOUNT', l.refs.amount, { area: l.area, year: l.year, value: l.amount }));
      continue;
    }
    const spent = [['outcome', l.outcome, l.refs.outcome], ['forecast', l.forecast, l.refs.forecast]] as const;
    for (const [what, value, ref] of spent) {
      if (value && value.gt(l.amount)) {
        flags.push(flag('OVER_BUDGET', ref ?? l.refs.amount, { what, area: l.area, year: l.year, value, budget: l.amount, diff: value.minus(l.amount), principals: principalCount }));
      }
    }
  }
  return flags;
}

/** External money is reported, never split: one info flag per item. */
function externalNotes(years: readonly YearResult[]): Flag[] {
  return years.flatMap((y) =>
    y.external.filter((e) => !e.amount.isZero()).map((e) => flag('EXTERNAL_NOT_ALLOCATED', e.ref, { area: e.area, year: y.year, amount: e.amount, payer: e.payer })),
  );
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
