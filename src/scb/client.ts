import type { Lang } from '../engine/lang';
import type { PopulationFigures } from '../engine/population';
import { municipalitiesOf, regionName } from '../engine/reference';

/**
 * Population from Statistics Sweden (SCB), fetched only when the user asks:
 * folkmängd on 31 December of a year (table TAB638, content BE0101N1,
 * PxWebApi 2.0, JSON-stat 2) for a county's municipalities, the county
 * total as the region's figure, with the table, the address and the time of
 * fetching recorded. The only request the add-in makes besides office.js.
 *
 * SCB allows ten calls per ten seconds from an address and answers
 * "HTTP 403 Forbidden" (or 429) beyond that (scb.se, "Öppna data": "Så
 * fungerar SCB:s API"): one request per county, a timeout, and at most two
 * retries after 10 s and 20 s on a refusal or a server error.
 */
export const SCB_API = 'https://statistikdatabasen.scb.se/api/v2';
export const SCB_TABLE = 'TAB638';
export const SCB_CONTENT = 'BE0101N1';

export interface ScbPopulation {
  readonly county: string;
  readonly year: number;
  /** 31 December of the year. */
  readonly date: string;
  /** Municipality code → population, for every municipality of the county. */
  readonly municipalities: ReadonlyArray<{ readonly code: string; readonly name: string; readonly population: number }>;
  /** SCB's own figure for the county, when the response has it (checked against the sum). */
  readonly countyTotal: number | null;
  readonly regionName: string;
  /** "SCB, folkmängd 31 december 2024, tabell TAB638 (https://…), hämtad 2025-02-20 10:15". */
  readonly source: string;
  readonly url: string;
  readonly fetchedAt: string;
}

export type ScbProblem = 'offline' | 'refused' | 'http' | 'timeout' | 'malformed' | 'missing' | 'unknown-county';

/** Why the figures could not be had: a message for the user, never a partial result. */
export class ScbError extends Error {
  constructor(
    readonly problem: ScbProblem,
    readonly detail = '',
  ) {
    super(`SCB: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'ScbError';
  }

  /** The message for the user (the CLI's line, the pane's error), saying that nothing was changed. */
  text(lang: Lang): string {
    const d = this.detail;
    const texts: Record<Lang, Record<ScbProblem, string>> = {
      sv: {
        offline: 'kunde inte nå SCB (statistikdatabasen.scb.se); inget ändrades. Är datorn ansluten till internet?',
        refused: 'SCB nekade frågan (högst tio frågor per tio sekunder); inget ändrades. Försök igen om en stund.',
        http: `SCB svarade med fel ${d}; inget ändrades.`,
        timeout: 'SCB svarade inte i tid; inget ändrades. Försök igen senare.',
        malformed: `SCB:s svar gick inte att läsa (${d}); inget ändrades.`,
        missing: `SCB:s svar saknar kommunen ${d}; inget ändrades.`,
        'unknown-county': `${d} är ingen länskod`,
      },
      en: {
        offline: 'could not reach SCB (statistikdatabasen.scb.se); nothing was changed. Is the computer online?',
        refused: 'SCB refused the request (at most ten per ten seconds); nothing was changed. Try again in a while.',
        http: `SCB answered with error ${d}; nothing was changed.`,
        timeout: 'SCB did not answer in time; nothing was changed. Try again later.',
        malformed: `SCB's answer could not be read (${d}); nothing was changed.`,
        missing: `SCB's answer lacks the municipality ${d}; nothing was changed.`,
        'unknown-county': `${d} is not a county code`,
      },
    };
    return texts[lang][this.problem];
  }
}

export interface ScbOptions {
  /** The API's base address; tests point it at a local server. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Waits before each retry (SCB's window is ten seconds). */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** The query of one county and year: every municipality and the county, folkmängd, the year. */
export function scbQuery(county: string, year: number): unknown {
  const codes = [county, ...municipalitiesOf(county).map((m) => m.code)];
  return {
    selection: [
      { variableCode: 'Region', valueCodes: codes },
      { variableCode: 'ContentsCode', valueCodes: [SCB_CONTENT] },
      { variableCode: 'Tid', valueCodes: [String(year)] },
    ],
  };
}

export async function fetchCountyPopulation(county: string, year: number, options: ScbOptions = {}): Promise<ScbPopulation> {
  const municipalities = municipalitiesOf(county);
  if (municipalities.length === 0 || !regionName(county)) throw new ScbError('unknown-county', county);
  const base = (options.baseUrl ?? SCB_API).replace(/\/$/, '');
  const url = `${base}/tables/${SCB_TABLE}/data?lang=sv&outputFormat=json-stat2`;
  const body = JSON.stringify(scbQuery(county, year));
  const doFetch = options.fetch ?? fetch;
  const delays = options.retryDelaysMs ?? [10_000, 20_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last: ScbError = new ScbError('offline');
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await sleep(delays[attempt - 1]);
    const result = await once(doFetch, url, body, options.timeoutMs ?? 20_000);
    if (!(result instanceof ScbError)) {
      const fetchedAt = (options.now?.() ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
      return parsePopulation(result, county, year, { url, fetchedAt });
    }
    last = result;
    // Retry what may pass a moment later: refusal by the rate limit, a server error, a timeout. Offline stays offline.
    if (!['refused', 'timeout'].includes(result.problem) && !(result.problem === 'http' && /^5/.test(result.detail))) break;
  }
  throw last;
}

/** One request: the parsed JSON, or why not. */
async function once(doFetch: typeof fetch, url: string, body: string, timeoutMs: number): Promise<unknown | ScbError> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await doFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body, signal: controller.signal });
    if (res.status === 403 || res.status === 429) return new ScbError('refused', String(res.status));
    if (!res.ok) return new ScbError('http', String(res.status));
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      return new ScbError('malformed', 'not JSON');
    }
  } catch (e) {
    return controller.signal.aborted ? new ScbError('timeout', `${timeoutMs} ms`) : new ScbError('offline', e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

interface JsonStat2 {
  id?: string[];
  size?: number[];
  value?: Array<number | null> | Record<string, number | null>;
  dimension?: Record<string, { category?: { index?: Record<string, number> | string[]; label?: Record<string, string> } }>;
}

/**
 * Reads a JSON-stat 2.0 dataset: the value of each region with every other
 * dimension at its single category. Anything else (more than one category
 * of another dimension, a missing municipality, a value that is not a whole
 * number) is malformed: no figure is guessed.
 */
export function parsePopulation(json: unknown, county: string, year: number, meta: { url: string; fetchedAt: string }): ScbPopulation {
  const valueOf = regionValues(json);
  const municipalities = municipalitiesOf(county).map((m) => {
    const population = valueOf(m.code);
    if (population === null) throw new ScbError('missing', m.code);
    return { code: m.code, name: m.name, population };
  });
  const date = `${year}-12-31`;
  return {
    county,
    year,
    date,
    municipalities,
    countyTotal: valueOf(county),
    regionName: regionName(county)!,
    source: `SCB, folkmängd 31 december ${year}, tabell ${SCB_TABLE} (${meta.url.replace(/\?.*$/, '')}), hämtad ${meta.fetchedAt}`,
    url: meta.url,
    fetchedAt: meta.fetchedAt,
  };
}

/** Each region's value in a JSON-stat 2.0 dataset whose other dimensions have one category each; null for a region it lacks. */
export function regionValues(json: unknown): (code: string) => number | null {
  const ds = json as JsonStat2;
  if (!ds || !Array.isArray(ds.id) || !Array.isArray(ds.size) || !ds.dimension || ds.id.length !== ds.size.length) throw new ScbError('malformed', 'not JSON-stat 2');
  const regionAt = ds.id.indexOf('Region');
  if (regionAt < 0) throw new ScbError('malformed', 'no Region dimension');
  ds.id.forEach((d, i) => {
    if (i !== regionAt && ds.size![i] !== 1) throw new ScbError('malformed', `${d} has ${ds.size![i]} categories`);
  });
  const index = categoryIndex(ds.dimension.Region?.category?.index);
  const valueOf = (code: string): number | null => {
    const i = index.get(code);
    if (i === undefined) return null;
    const v = Array.isArray(ds.value) ? ds.value[i] : ds.value?.[String(i)];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ScbError('malformed', `${code}: ${String(v)}`);
    return v;
  };
  return valueOf;
}

function categoryIndex(index: Record<string, number> | string[] | undefined): Map<string, number> {
  if (Array.isArray(index)) return new Map(index.map((code, i) => [code, i]));
  return new Map(Object.entries(index ?? {}));
}

/** The figures by principal code: each municipality's, and the region's as the sum of its municipalities'. */
export function scbFigures(scb: ScbPopulation): PopulationFigures {
  const sum = scb.municipalities.reduce((s, m) => s + m.population, 0);
  return { date: scb.date, source: scb.source, byCode: new Map([[scb.county, sum], ...scb.municipalities.map((m) => [m.code, m.population] as [string, number])]) };
}
