import { flag, Flag } from './flags';
import { fillPopulations, knownSource, mostCommon } from './population';
import type { CellRef, Principal } from './types';

/**
 * The principals of one budget year (docs/domain.md, "Membership changes"):
 * those taking part that year ("Deltar från" / "Deltar till"), each with the
 * population that year uses — the latest figure dated before the year starts
 * when the table has several dated columns.
 */
export interface YearView {
  readonly year: number;
  readonly active: readonly Principal[];
  readonly inactive: readonly Principal[];
  /** Every principal with the figures of the year, taking part or not: the region's population is checked against all its municipalities. */
  readonly everyone: readonly Principal[];
  /** The population date the year uses when it is more than two years before the year (POPULATION_STALE). */
  readonly stale: { readonly date: string; readonly ref: CellRef | null } | null;
  readonly flags: readonly Flag[];
  /** Same key, same weights: which principals take part and which figures they use. */
  readonly key: string;
}

/** The years after a population's year-end date that it may still be used without a warning. */
export const STALE_AFTER_YEARS = 2;

export function takesPart(p: Principal, year: number): boolean {
  return (p.fromYear ?? -Infinity) <= year && year <= (p.toYear ?? Infinity);
}

export function yearView(all: readonly Principal[], year: number, fill: boolean): YearView {
  const flags: Flag[] = [];
  let active = all.filter((p) => takesPart(p, year)).map((p) => knownSource(populationFor(p, year)));
  if (fill) {
    const filled = fillPopulations(active, year);
    active = filled.principals;
    flags.push(...filled.flags);
  }
  return {
    year,
    active,
    inactive: all.filter((p) => !takesPart(p, year)),
    everyone: all.map((p) => active.find((q) => q.code === p.code) ?? populationFor(p, year)),
    stale: staleness(active, year),
    flags,
    key: active.map((p) => `${p.code}@${p.populationDate ?? ''}:${p.population?.toString() ?? ''}`).join('|'),
  };
}

/** The figure a year uses: the latest dated before the year starts, else the earliest there is. */
function populationFor(p: Principal, year: number): Principal {
  const dated = (p.populations ?? []).filter((x) => x.date !== null).sort((a, b) => a.date!.localeCompare(b.date!));
  if (dated.length === 0) return p;
  const before = dated.filter((x) => x.date! < `${year}-01-01`);
  const chosen = before.length > 0 ? before[before.length - 1] : dated[0];
  return { ...p, population: chosen.value, populationDate: chosen.date, populationRef: chosen.ref, populationSource: chosen.source ?? p.populationSource };
}

/** The year's figures when they are dated more than two years before it (2022-12-31 for 2026). */
function staleness(active: readonly Principal[], year: number): YearView['stale'] {
  const date = mostCommon(active.filter((p) => p.population && p.populationDate && /^\d{4}-/.test(p.populationDate)).map((p) => p.populationDate!));
  if (!date || year - Number(date.slice(0, 4)) <= STALE_AFTER_YEARS) return null;
  const at = active.find((p) => p.populationDate === date);
  return { date, ref: at?.populationRef ?? at?.ref ?? null };
}

/** POPULATION_STALE: one warning per population date, naming every year that uses it while stale. */
export function staleNotes(views: readonly YearView[]): Flag[] {
  const byDate = new Map<string, { years: number[]; ref: CellRef | null }>();
  for (const v of views) {
    if (!v.stale) continue;
    const entry = byDate.get(v.stale.date) ?? { years: [], ref: v.stale.ref };
    entry.years.push(v.year);
    byDate.set(v.stale.date, entry);
  }
  return [...byDate].map(([date, e]) =>
    flag('POPULATION_STALE', e.ref, { year: e.years.join(', '), date, suggested: `${e.years[0] - 1}-12-31` }),
  );
}

/** MEMBERSHIP: one info flag per principal that sits out some of the plan's years. */
export function membershipNotes(all: readonly Principal[], years: readonly number[]): Flag[] {
  return all.flatMap((p) => {
    const out = years.filter((y) => !takesPart(p, y));
    if (out.length === 0) return [];
    return [flag('MEMBERSHIP', p.ref, { name: p.name, from: p.fromYear ?? null, to: p.toYear ?? null, years: out.join(', ') })];
  });
}
