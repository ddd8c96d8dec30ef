import { populationDatasets } from './reference';
import { D } from './decimal';
import { flag, Flag } from './flags';
import type { Principal } from './types';

/**
 * Fills missing populations from the bundled SCB reference data, only when the
 * user asks. Uses the dataset of the date the other principals already use
 * (else the newest of the county dated before the budget year, if one is given). A region gets the county total. Each fill
 * is an info flag naming the source and date.
 */
export function fillPopulations(principals: readonly Principal[], year?: number): { principals: Principal[]; flags: Flag[] } {
  const flags: Flag[] = [];
  const missing = (p: Principal) => !p.population || p.population.isZero();
  if (!principals.some(missing)) return { principals: principals.slice(), flags };
  const counties = principals.filter((p) => p.kind === 'municipality' && p.code.length === 4).map((p) => p.code.slice(0, 2));
  const county = mostCommon(counties) ?? principals.find((p) => p.kind === 'region')?.code.slice(0, 2);
  const dates = principals.filter((p) => !missing(p) && p.populationDate).map((p) => p.populationDate!);
  const wantedDate = mostCommon(dates);
  const sets = populationDatasets(county);
  // The date the others use; else, for a budget year, the newest bundled figure dated before it starts; else the newest.
  const forYear = year !== undefined ? sets.find((d) => d.date < `${year}-01-01`) : undefined;
  const dataset = sets.find((d) => d.date === wantedDate) ?? (wantedDate ? undefined : (forYear ?? sets[0]));
  if (!dataset) return { principals: principals.slice(), flags };
  const rows = new Map(dataset.rows.map(([code, pop]) => [code, pop]));
  const countyTotal = dataset.rows.reduce((s, [, pop]) => s + pop, 0);
  const filled = principals.map((p) => {
    if (!missing(p)) return p;
    const value = p.kind === 'region' && p.code === dataset.county ? countyTotal : rows.get(p.code);
    if (value === undefined) return p;
    flags.push(flag('POPULATION_FILLED', p.populationRef ?? p.ref, { name: p.name, population: value, date: dataset.date, source: dataset.source }));
    return { ...p, population: new D(value), populationDate: dataset.date, populationSource: dataset.source, populationFilled: true };
  });
  return { principals: filled, flags };
}

export function mostCommon<T>(xs: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  xs.forEach((x) => counts.set(x, (counts.get(x) ?? 0) + 1));
  let best: T | undefined;
  let n = 0;
  for (const [x, c] of counts) if (c > n) [best, n] = [x, c];
  return best;
}

/**
 * A population without a named source whose figure and date are exactly
 * SCB's in the bundled reference data is named by that source (the audit
 * sheet's "Befolkningskälla" then says where the figure comes from). Any
 * other figure keeps no source: it is never guessed.
 */
export function knownSource(p: Principal): Principal {
  if (p.populationSource || !p.population || !p.populationDate) return p;
  const county = p.kind === 'region' ? p.code : p.code.slice(0, 2);
  const ds = populationDatasets(county).find((d) => d.date === p.populationDate);
  if (!ds) return p;
  const value = p.kind === 'region' && p.code === ds.county ? ds.rows.reduce((s, [, v]) => s + v, 0) : ds.rows.find(([c]) => c === p.code)?.[1];
  return value !== undefined && p.population.eq(value) ? { ...p, populationSource: ds.source } : p;
}

/**
 * Population figures fetched for a date (SCB's, on the user's request): by
 * principal code, the region's code giving the county figure, with the
 * source as it is to be written next to them.
 */
export interface PopulationFigures {
  /** 31 December of the year: "2024-12-31". */
  readonly date: string;
  /** "SCB, folkmängd 31 december 2024, tabell TAB638 (https://…), hämtad 2025-02-20 10:15". */
  readonly source: string;
  readonly byCode: ReadonlyMap<string, number>;
}
