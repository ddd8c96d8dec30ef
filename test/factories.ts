import { D, Dec } from '../src/engine/decimal';
import type { ModelSpec, Plan, PlanLine, Principal, PrincipalTable } from '../src/engine/types';
import { municipality, populationDatasets, regionName } from '../src/engine/reference';
export { rng } from '../scripts/random';

/** Principals of a county from the bundled SCB data: the region (county total) first, then the municipalities. */
export function countyPrincipals(county: string, date?: string): Principal[] {
  const ds = populationDatasets(county).find((d) => !date || d.date === date)!;
  const total = ds.rows.reduce((s, [, p]) => s + p, 0);
  const region: Principal = principal(county, regionName(county)!, 'region', total, ds.date);
  return [region, ...ds.rows.map(([code, pop]) => principal(code, municipality(code)!.name, 'municipality', pop, ds.date))];
}

export function principal(
  code: string,
  name: string,
  kind: Principal['kind'],
  population: number | null,
  date = '2022-12-31',
  keys: Record<string, number | null> = {},
): Principal {
  return {
    code,
    name,
    kind,
    population: population === null ? null : new D(population),
    populationDate: date,
    populationSource: 'test',
    keys: Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v === null ? null : new D(v)])),
    ref: { sheet: 'Huvudmän', cell: 'A2' },
    populationRef: { sheet: 'Huvudmän', cell: 'D2' },
  };
}

export function table(principals: Principal[]): PrincipalTable {
  return { sheet: 'Huvudmän', principals, userShares: [] };
}

export function line(area: string, year: number, amount: number | string | Dec, extra: Partial<PlanLine> = {}): PlanLine {
  return {
    area,
    year,
    financing: 'joint',
    model: null,
    amount: new D(amount as never),
    outcome: null,
    forecast: null,
    coFinancing: null,
    externalDeduction: null,
    payer: null,
    refs: { area: { sheet: 'Plan', cell: 'A2' }, amount: { sheet: 'Plan', cell: 'B2' } },
    ...extra,
  };
}

export function plan(lines: PlanLine[], extra: Partial<Plan> = {}, defaultModel: ModelSpec | null = null): Plan {
  return {
    sheet: 'Plan',
    layout: 'long',
    lines,
    defaultModel,
    statedTotals: [],
    statedRates: [],
    statedPopulation: null,
    years: [...new Set(lines.map((l) => l.year))],
    ...extra,
  };
}

/** The SGD 2024 budget lines as published (seed 001), joint financing only. */
export const SGD_2024: Array<[string, number]> = [
  ['Nationell patientöversikt', 100_000],
  ['Säker digital kommunikation', 100_000],
  ['Mina planer', 500_000],
  ['Beslutsstöd', 0],
  ['Avvikelsehantering', 400_000],
  ['Digitala hjälpmedel', 400_000],
  ['Diagnos och behandling', 250_000],
];
export const SGD_2023: Array<[string, number]> = [
  ['Nationell patientöversikt', 50_000],
  ['Säker digital kommunikation', 50_000],
  ['Mina planer', 1_100_000],
  ['Beslutsstöd', 700_000],
  ['Avvikelsehantering', 400_000],
  ['Diagnos och behandling', 0],
];

export function sgdPlan(): Plan {
  return plan([...SGD_2024.map(([a, v]) => line(a, 2024, v)), ...SGD_2023.map(([a, v]) => line(a, 2023, v))]);
}

