import { COUNTIES, MUNICIPALITIES, POPULATIONS, PopulationDataset } from './data';
import { normalise } from '../text';

export { COUNTIES, MUNICIPALITIES, POPULATIONS };
export type { PopulationDataset };

const byCode = new Map(MUNICIPALITIES.map(([code, name, county]) => [code, { code, name, county }]));
const byName = new Map(MUNICIPALITIES.map(([code, name, county]) => [normalise(name), { code, name, county }]));
const counties = new Map(COUNTIES.map(([code, name]) => [code, name]));

export function municipality(code: string): { code: string; name: string; county: string } | undefined {
  return byCode.get(code);
}

export function municipalityByName(name: string): { code: string; name: string; county: string } | undefined {
  return byName.get(normalise(name).replace(/ kommun$/, '').replace(/ stad$/, ''));
}

export function countyName(code: string): string | undefined {
  return counties.get(code);
}

/** The municipalities of a county, by code. */
export function municipalitiesOf(county: string): Array<{ code: string; name: string; county: string }> {
  return MUNICIPALITIES.filter(([, , c]) => c === county).map(([code, name, c]) => ({ code, name, county: c })).sort((a, b) => a.code.localeCompare(b.code));
}

/** Number of municipalities in a county. */
export function municipalityCount(county: string): number {
  return MUNICIPALITIES.filter(([, , c]) => c === county).length;
}

/** True for a known four-digit municipality code or two-digit county code. */
export function isKnownCode(code: string): boolean {
  return byCode.has(code) || counties.has(code);
}

/**
 * The region of a county, as a principal: code = county code, name = "Region X"
 * (with the official names where they differ, e.g. Västra Götalandsregionen).
 */
export function regionName(county: string): string | undefined {
  const c = counties.get(county);
  if (!c) return undefined;
  const official: Record<string, string> = {
    '04': 'Region Sörmland',
    '08': 'Region Kalmar län',
    '14': 'Västra Götalandsregionen',
    '23': 'Region Jämtland Härjedalen',
  };
  if (official[county]) return official[county];
  return 'Region ' + c.replace(/s län$/, '').replace(/ län$/, '');
}

/** The population datasets bundled, newest first, optionally for one county. */
export function populationDatasets(county?: string): PopulationDataset[] {
  return POPULATIONS.filter((d) => !county || d.county === county).sort((a, b) => b.date.localeCompare(a.date));
}
