import * as fs from 'fs';
import * as path from 'path';
import { populationDatasets } from '../../src/engine/reference';

/**
 * SCB's responses for tests: the real v2 JSON-stat 2 response recorded in
 * ../shared/data/scb-api (rOpenGov/pxweb's fixture), and a county response
 * in that same shape whose figures are SCB's own from data/reference
 * (sources in SOURCES.md): no figure is made up.
 */
export const FIXTURES = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'scb-api');
export const REAL_V2 = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v2-TAB638-data-response-json-stat2.json'), 'utf8'));

/** The recorded response with its Region dimension replaced by a county's municipalities (and the county), values SCB's from data/reference. */
export function countyResponse(county: string, date: string, countyTotal: number | 'sum' | null = 'sum'): unknown {
  const ds = populationDatasets(county).find((d) => d.date === date)!;
  const rows = [...ds.rows].sort((a, b) => a[0].localeCompare(b[0]));
  const codes = [...(countyTotal === null ? [] : [county]), ...rows.map(([c]) => c)];
  const sum = rows.reduce((s, [, p]) => s + p, 0);
  const values = [...(countyTotal === null ? [] : [countyTotal === 'sum' ? sum : countyTotal]), ...rows.map(([, p]) => p)];
  const copy = JSON.parse(JSON.stringify(REAL_V2));
  copy.size[copy.id.indexOf('Region')] = codes.length;
  copy.dimension.Region.category = { index: Object.fromEntries(codes.map((c, i) => [c, i])), label: Object.fromEntries(codes.map((c) => [c, c])) };
  copy.value = values;
  return copy;
}

