import { analyse, AnalyseOptions, Analysis } from './analyse';
import type { ExternalItem, YearResult } from './allocate';
import { D, Dec } from './decimal';
import { flag, Flag, sortFlags } from './flags';
import type { Plan, PlanLine, Principal, PrincipalTable } from './types';

/**
 * The yearly follow-up and settlement (docs/domain.md, "Follow-up and
 * settlement"): the joint-financed outcome of a year (or, before year end,
 * the forecast, always labelled which) is split by the same models, ratio,
 * membership, populations and rounding as the budget; per principal the
 * settlement is outcome share − paid (positive: to invoice; negative: to
 * refund). The settlements add up exactly to total outcome − total paid.
 */
export type Basis = 'outcome' | 'forecast';

export interface FollowUpArea {
  readonly area: string;
  readonly budget: Dec;
  readonly outcome: Dec;
  readonly deviation: Dec;
  /** Deviation in per cent of the budget, two decimals; null when the budget is zero. */
  readonly deviationPercent: Dec | null;
}

export interface Settlement {
  readonly principal: Principal;
  readonly budgetShare: Dec;
  readonly outcomeShare: Dec;
  /** What the principal has paid or been invoiced for the year ("Inbetalt 2025"); its budget share when the plan does not say. */
  readonly paid: Dec;
  /** True when `paid` was written in the plan, false when it is the budget share. */
  readonly paidStated: boolean;
  readonly settlement: Dec;
}

export interface FollowUpYear {
  readonly year: number;
  readonly basis: Basis;
  readonly budget: Dec;
  readonly outcome: Dec;
  readonly areas: readonly FollowUpArea[];
  readonly shares: readonly Settlement[];
  /** External money and own costs of the year as spent: reported, not settled. */
  readonly external: readonly ExternalItem[];
  readonly ownCost: readonly ExternalItem[];
  /** The budget and outcome allocations behind the figures (for the sheets). */
  readonly budgetYear: YearResult;
  readonly outcomeYear: YearResult;
}

export interface FollowUp {
  readonly budget: Analysis;
  readonly years: readonly FollowUpYear[];
  readonly flags: readonly Flag[];
}

export interface FollowUpOptions extends AnalyseOptions {
  /** The year it is now: years before it without outcome are OUTCOME_MISSING. */
  readonly currentYear: number;
}

/** The outcome (or forecast) a line reports for the follow-up. */
function spent(l: PlanLine): { value: Dec; basis: Basis } | null {
  if (l.outcome) return { value: l.outcome, basis: 'outcome' };
  if (l.forecast) return { value: l.forecast, basis: 'forecast' };
  return null;
}

export function followUp(plan: Plan | null, table: PrincipalTable | null, options: FollowUpOptions, readFlags: readonly Flag[] = []): FollowUp {
  const budget = analyse(plan, table, options, readFlags);
  const flags: Flag[] = [...budget.flags];
  if (!plan) return { budget, years: [], flags: budget.flags };
  const years: FollowUpYear[] = [];
  for (const by of budget.years) {
    const lines = plan.lines.filter((l) => l.year === by.year);
    const checked = checkYear(by, lines, options.currentYear, table?.principals.length ?? 0);
    flags.push(...checked.flags);
    if (!checked.basis) continue;
    // The outcome as a plan of its own: the same lines, models and principals, the amount spent in place of the budget.
    const outcomePlan: Plan = { ...plan, lines: lines.filter((l) => spent(l)).map((l) => ({ ...l, amount: spent(l)!.value })), statedTotals: [], statedRates: [] };
    const oy = analyse(outcomePlan, table, { ...options, years: [by.year] }).years[0];
    if (!oy) continue;
    years.push(settle(by, oy, checked.basis));
  }
  return { budget, years, flags: sortFlags(flags) };
}

/**
 * A year's follow-up flags and basis: outcome when every joint line has one,
 * the forecast (FORECAST_USED) when some have only that, nothing when none
 * has either (OUTCOME_MISSING for a past year). A joint line without either
 * in a year that has them is OUTCOME_INCOMPLETE, an error, and the year is
 * not settled: an empty cell is not 0 kr spent (write 0 when it is).
 */
function checkYear(y: YearResult, lines: readonly PlanLine[], currentYear: number, principals: number): { basis: Basis | null; flags: Flag[] } {
  const joint = lines.filter((l) => l.financing === 'joint' && !l.hold);
  const flags: Flag[] = [];
  const reported = joint.filter((l) => spent(l));
  if (reported.length === 0) {
    if (y.year < currentYear && joint.length > 0) flags.push(flag('OUTCOME_MISSING', joint[0].refs.amount, { year: y.year, area: null }));
    return { basis: null, flags };
  }
  const missing = joint.filter((x) => !spent(x));
  for (const l of missing) flags.push(flag('OUTCOME_INCOMPLETE', l.refs.outcome ?? l.refs.amount, { year: y.year, area: l.area }));
  if (missing.length > 0) return { basis: null, flags };
  const basis: Basis = reported.some((l) => !l.outcome) ? 'forecast' : 'outcome';
  if (basis === 'forecast') flags.push(flag('FORECAST_USED', reported.find((l) => !l.outcome)!.refs.forecast ?? null, { year: y.year }));
  const total = reported.reduce((s, l) => s.plus(spent(l)!.value), new D(0));
  const budget = joint.reduce((s, l) => s.plus(l.amount), new D(0));
  if (total.gt(budget)) {
    flags.push(flag('OVER_BUDGET', null, { what: basis, area: null, year: y.year, value: total, budget, diff: total.minus(budget), principals }));
  }
  return { basis, flags };
}

/** Per area and per principal: budget against outcome, and the settlement. */
function settle(by: YearResult, oy: YearResult, basis: Basis): FollowUpYear {
  const areaKeys = [...new Set([...by.areas.map((a) => a.area), ...oy.areas.map((a) => a.area)])];
  const zero = new D(0);
  const areas = areaKeys.map((area) => {
    const budget = by.areas.find((a) => a.area === area)?.amount ?? zero;
    const outcome = oy.areas.find((a) => a.area === area)?.amount ?? zero;
    const deviation = outcome.minus(budget);
    return { area, budget, outcome, deviation, deviationPercent: budget.isZero() ? null : deviation.times(100).dividedBy(budget).toDecimalPlaces(2, D.ROUND_HALF_UP) };
  });
  const outcomeBy = new Map(oy.shares.map((s) => [s.principal.code, s.amount]));
  const shares = by.shares.map((s) => {
    const stated = s.principal.paid?.[by.year];
    const paid = stated ?? s.amount;
    const outcomeShare = outcomeBy.get(s.principal.code) ?? zero;
    return { principal: s.principal, budgetShare: s.amount, outcomeShare, paid, paidStated: stated !== undefined, settlement: outcomeShare.minus(paid) };
  });
  return { year: by.year, basis, budget: by.amount, outcome: oy.amount, areas, shares, external: oy.external, ownCost: oy.ownCost, budgetYear: by, outcomeYear: oy };
}
