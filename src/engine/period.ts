import type { YearResult } from './allocate';
import { D, Dec } from './decimal';
import { normalise } from './text';
import type { Principal } from './types';

/**
 * The plan period (Örebro 2026–2030 is five years): each principal's and
 * each focus area's shares added up over the years allocated. Sums of exact
 * year tables, so every row and column still adds up to the öre.
 */
export interface PeriodTotals {
  readonly years: readonly number[];
  readonly byYear: readonly Dec[];
  readonly total: Dec;
  readonly areas: ReadonlyArray<{ readonly area: string; readonly byYear: readonly Dec[]; readonly total: Dec }>;
  readonly shares: ReadonlyArray<{ readonly principal: Principal; readonly byYear: readonly Dec[]; readonly total: Dec }>;
}

/** Totals over the years, or null for a plan of one year (the year sheet already is the total). */
export function periodTotals(years: readonly YearResult[]): PeriodTotals | null {
  if (years.length < 2) return null;
  const zero = new D(0);
  const blank = () => years.map(() => zero);
  const areas = new Map<string, { area: string; byYear: Dec[] }>();
  const shares = new Map<string, { principal: Principal; byYear: Dec[] }>();
  years.forEach((y, i) => {
    y.areas.forEach((a) => {
      const key = normalise(a.area);
      const row = areas.get(key) ?? { area: a.area, byYear: blank() };
      row.byYear[i] = row.byYear[i].plus(a.amount);
      areas.set(key, row);
    });
    y.shares.forEach((s) => {
      const row = shares.get(s.principal.code) ?? { principal: s.principal, byYear: blank() };
      row.byYear[i] = row.byYear[i].plus(s.amount);
      shares.set(s.principal.code, row);
    });
  });
  const sum = (xs: readonly Dec[]) => xs.reduce((a, b) => a.plus(b), zero);
  return {
    years: years.map((y) => y.year),
    byYear: years.map((y) => y.amount),
    total: sum(years.map((y) => y.amount)),
    areas: [...areas.values()].map((a) => ({ ...a, total: sum(a.byYear) })),
    shares: [...shares.values()].map((s) => ({ ...s, total: sum(s.byYear) })),
  };
}
