import { parseAmount } from '../engine/amountText';
import { Dec } from '../engine/decimal';
import { flag, Flag } from '../engine/flags';
import { normalise } from '../engine/text';
import type { CellRef, Principal, PrincipalKind, PrincipalTable, UserShareColumn } from '../engine/types';
import { countyName, municipality, municipalityByName, regionName, COUNTIES } from '../engine/reference';
import { badAmount } from './cellFlags';
import { GridView, tableRows } from './grid';

/**
 * Finds and reads the principals table: code, name, kind, population, the
 * date of the population and optional key columns, in any order, Swedish or
 * English headers. Columns such as "Andel 2024" are the user's own share
 * cells for that year (checked against the allocation).
 */

type PCol = 'code' | 'name' | 'kind' | 'population' | 'date' | 'source' | 'from' | 'to';

const WORDS: Array<[PCol, RegExp]> = [
  ['code', /^(kod|kommunkod|lanskod|huvudmannakod|code|municipality code|nr|id)$/],
  ['name', /^(namn|huvudman|kommun|name|principal|organisation|kommun\/region|region\/kommun)$/],
  ['kind', /^(typ|kind|slag|huvudmannatyp|type)$/],
  ['date', /^(datum|per|befolkningsdatum|folkmangd per|date|population date|per datum|avser datum)$/],
  ['source', /^(kalla|source)$/],
  ['from', /^(deltar fran|deltar fran och med|deltar from|fran ar|fran och med|med fran|medlem fran|intrade|startar|member from|takes part from|participates from|from year|joins)( \(ar\))?$/],
  ['to', /^(deltar till|deltar till och med|deltar tom|till ar|till och med|medlem till|uttrade|slutar|member until|member to|takes part until|participates until|until year|to year|leaves)( \(ar\))?$/],
  ['population', /^(folkmangd|invanare|befolkning|population|invanarantal|antal invanare|inv|folkmangd \(scb\))( (per )?\d{4}-\d{2}-\d{2})?( \(scb\))?$/],
];

const SHARE_RE = /^(andel|kostnad|belopp|att betala|share|cost|fordelning)\D*((?:19|20)\d{2})$/;
/** What a principal has paid or been invoiced for a year (the follow-up's settlement). */
const PAID_RE = /^(inbetalt|betalt|fakturerat|debiterat|paid|invoiced)\D*((?:19|20)\d{2})$/;

export function classifyPrincipalHeader(n: string): PCol | null {
  for (const [col, re] of WORDS) if (re.test(n)) return col;
  return null;
}

export interface PrincipalsReadResult {
  readonly table: PrincipalTable | null;
  readonly flags: Flag[];
}

export function readPrincipals(sheets: readonly GridView[], skip: string | null = null): PrincipalsReadResult {
  // Prefer a sheet other than the plan's; fall back to the plan's own sheet.
  const ordered = [...sheets.filter((s) => s.name !== skip), ...sheets.filter((s) => s.name === skip)];
  for (const g of ordered) {
    const header = findPrincipalsHeader(g);
    if (header) return readTable(g, header, header.populationCols);
  }
  return { table: null, flags: [] };
}

/** The principals table's header row on a sheet: the row, the columns it names, and its population columns. */
export function findPrincipalsHeader(g: GridView) {
  for (let r = 0; r < Math.min(g.rowCount, 500); r++) {
    const cols: Partial<Record<PCol, number>> = {};
    const extra: Array<{ col: number; header: string }> = [];
    const populationCols: number[] = [];
    for (let c = 0; c < Math.min(g.colCount, 200); c++) {
      const n = g.norm(r, c);
      if (!n) continue;
      const k = classifyPrincipalHeader(n);
      if (k === 'population') populationCols.push(c);
      if (k && cols[k] === undefined) cols[k] = c;
      else if (k !== 'population') extra.push({ col: c, header: g.text(r, c) });
    }
    const identity = cols.code !== undefined || cols.name !== undefined;
    if (identity && (cols.population !== undefined || (cols.code !== undefined && cols.name !== undefined && cols.kind !== undefined))) {
      return { row: r, cols, extra, populationCols };
    }
  }
  return null;
}

interface Layout {
  readonly cols: Partial<Record<PCol, number>>;
  readonly keyCols: ReadonlyArray<{ col: number; header: string }>;
  readonly shareCols: ReadonlyArray<{ col: number; year: number; values: Array<UserShareColumn['values'][number]> }>;
  readonly paidCols: ReadonlyArray<{ col: number; year: number }>;
  /** Every population column with the date in its header ("Folkmängd 2022-12-31"), when there is no date column. */
  readonly populationCols: ReadonlyArray<{ col: number; date: string | null; scb: boolean }>;
}

interface Header {
  readonly row: number;
  readonly cols: Partial<Record<PCol, number>>;
  readonly extra: Array<{ col: number; header: string }>;
}

function readTable(g: GridView, header: Header, populationCols: readonly number[]): PrincipalsReadResult {
  const { row: headerRow, cols, extra } = header;
  const flags: Flag[] = [];
  const shareCols = extra
    .map((e) => ({ ...e, m: SHARE_RE.exec(normalise(e.header)) }))
    .filter((e) => e.m)
    .map((e) => ({ col: e.col, year: Number(e.m![2]), values: [] as UserShareColumn['values'][number][] }));
  const paidCols = extra.map((e) => ({ ...e, m: PAID_RE.exec(normalise(e.header)) })).filter((e) => e.m).map((e) => ({ col: e.col, year: Number(e.m![2]) }));
  const layout: Layout = {
    cols,
    shareCols,
    paidCols,
    keyCols: extra.filter((e) => !shareCols.some((s) => s.col === e.col) && !paidCols.some((p) => p.col === e.col)),
    populationCols: populationCols.map((col) => ({ col, date: /(\d{4}-\d{2}-\d{2})/.exec(g.text(headerRow, col))?.[1] ?? null, scb: /\(scb\)$/.test(g.norm(headerRow, col)) })),
  };
  flagRepeatedDates(g, headerRow, layout, flags);
  const lastCol = Math.max(...Object.values(cols).map((v) => v as number), ...extra.map((e) => e.col), ...populationCols);
  const principals: Principal[] = [];
  for (const r of tableRows(g, headerRow + 1, 0, lastCol)) {
    const p = readRow(g, r, layout, flags);
    if (p) principals.push(p);
  }
  // Key columns that hold no numbers at all (notes, e-mail) are not keys.
  const numericKeys = layout.keyCols.filter((k) => principals.some((p) => p.keys[k.header] !== null)).map((k) => k.header);
  const cleaned = principals.map((p) => ({ ...p, keys: Object.fromEntries(numericKeys.map((k) => [k, p.keys[k] ?? null])) }));
  const userShares: UserShareColumn[] = shareCols.filter((s) => s.values.length > 0).map((s) => ({ year: s.year, header: g.ref(headerRow, s.col), values: s.values }));
  return { table: { sheet: g.name, principals: cleaned, userShares }, flags };
}

/** Several population columns must each name their date, and no date twice: otherwise the year's figure cannot be chosen. */
function flagRepeatedDates(g: GridView, headerRow: number, layout: Layout, flags: Flag[]): void {
  if (layout.populationCols.length < 2) return;
  const seen = new Set<string>();
  // One column may take its date from the Datum column instead of its header.
  let undated = layout.cols.date !== undefined ? 1 : 0;
  for (const pc of layout.populationCols) {
    const key = pc.date ?? '';
    const bad = pc.date === null ? undated-- <= 0 : seen.has(key);
    if (bad) flags.push(flag('POPULATION_DATE', g.ref(headerRow, pc.col), { dates: g.text(headerRow, pc.col), kind: 'columns' }));
    seen.add(key);
  }
}

/** One principal's row, or null for a total row or a row with neither code nor name. */
function readRow(g: GridView, r: number, layout: Layout, flags: Flag[]): Principal | null {
  const { cols } = layout;
  const rawName = cols.name !== undefined ? g.text(r, cols.name) : '';
  const rawCode = cols.code !== undefined ? codeText(g.get(r, cols.code)) : '';
  if (/^(summa|totalt?|sum|total)\b/.test(normalise(rawName || rawCode))) return null;
  if (!rawName && !rawCode) return null;
  const kindText = cols.kind !== undefined ? g.norm(r, cols.kind) : '';
  const resolved = resolveIdentity(rawCode, rawName, kindText);
  if (kindText && resolved.kindFromText === null) {
    flags.push(flag('UNKNOWN_KIND', g.ref(r, cols.kind!), { text: g.text(r, cols.kind!), name: resolved.name, assumed: resolved.kind }));
  }
  const { keys, keyRefs } = keyCells(g, r, layout.keyCols, resolved.name, flags);
  for (const s of layout.shareCols) {
    const p = parseAmount(g.get(r, s.col));
    if (p.kind === 'amount') s.values.push({ code: resolved.code, value: p.value, ref: g.ref(r, s.col) });
  }
  const { populations, latest, source, rowDate } = populationsOf(g, r, layout, resolved.name, flags);
  return {
    code: resolved.code,
    name: resolved.name,
    kind: resolved.kind,
    population: latest?.value ?? null,
    populationDate: latest?.date ?? rowDate,
    populationSource: source,
    keys,
    ref: g.ref(r, cols.code ?? cols.name!),
    populationRef: latest?.ref ?? null,
    keyRefs,
    populations: populations.length > 1 ? populations : undefined,
    paid: paidOf(g, r, layout, resolved.name, flags),
    fromYear: yearCell(g, r, cols.from, resolved.name, flags),
    toYear: yearCell(g, r, cols.to, resolved.name, flags),
  };
}

/** The row's "Inbetalt <år>" cells; a cell that is no amount is a flag, an empty one says nothing. */
function paidOf(g: GridView, r: number, layout: Layout, name: string, flags: Flag[]): Record<number, Dec> | undefined {
  if (layout.paidCols.length === 0) return undefined;
  const out: Record<number, Dec> = {};
  for (const pc of layout.paidCols) {
    const p = parseAmount(g.get(r, pc.col));
    if (p.kind === 'amount') out[pc.year] = p.value;
    else if (p.kind === 'error') flags.push(badAmount(p, g.get(r, pc.col), g.ref(r, pc.col), name));
  }
  return out;
}

/** The row's population figures, one per population column, and the latest dated of them. */
function populationsOf(g: GridView, r: number, layout: Layout, name: string, flags: Flag[]) {
  const { cols } = layout;
  const source = cols.source !== undefined ? g.text(r, cols.source) || null : null;
  const rowDate = cols.date !== undefined ? dateText(g.get(r, cols.date)) : null;
  const populations = layout.populationCols.map((pc) => ({
    value: populationCell(g, r, pc.col, name, flags),
    // A column without a date in its header is dated by the row's Datum cell ("Folkmängd" beside "Folkmängd 2024-12-31 (SCB)").
    date: pc.date ?? (cols.date !== undefined ? rowDate : null),
    // The Källa column speaks for the only column, or for the one the Datum column dates; a header "(SCB)" names its own.
    source: layout.populationCols.length === 1 || pc.date === null ? source : pc.scb ? `SCB, folkmängd ${pc.date}` : null,
    ref: g.ref(r, pc.col),
  }));
  // The figure shown when one is needed for the whole plan: the latest dated.
  const latest = [...populations].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')).pop() ?? null;
  return { populations, latest, source: latest ? latest.source : source, rowDate };
}

/** A year a principal starts or stops taking part: 2028, "2028", "fr.o.m. 2028", a date; empty is none. */
function yearCell(g: GridView, r: number, c: number | undefined, name: string, flags: Flag[]): number | null {
  if (c === undefined) return null;
  const v = g.get(r, c);
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2100) return v;
  if (v instanceof Date) return v.getUTCFullYear();
  const m = /\b((?:19|20)\d{2})\b/.exec(String(v));
  if (m) return Number(m[1]);
  flags.push(flag('BAD_AMOUNT', g.ref(r, c), { text: g.text(r, c), reason: 'not-a-year', area: name }));
  return null;
}

/** A population: a whole, non-negative number of inhabitants, else a flag on the cell. */
function populationCell(g: GridView, r: number, c: number, name: string, flags: Flag[]): Dec | null {
  const p = parseAmount(g.get(r, c));
  if (p.kind === 'error') flags.push(badAmount(p, g.get(r, c), g.ref(r, c), name));
  if (p.kind !== 'amount') return null;
  if (p.value.isNegative() || !p.value.isInteger()) {
    flags.push(flag('BAD_AMOUNT', g.ref(r, c), { text: g.text(r, c), reason: 'not-a-number', area: name }));
    return null;
  }
  return p.value;
}

/** Key columns (users, licences, percentages) of a row; text that is not a number leaves the key empty. */
function keyCells(g: GridView, r: number, keyCols: Layout['keyCols'], name: string, flags: Flag[]) {
  const keys: Record<string, Dec | null> = {};
  const keyRefs: Record<string, CellRef> = {};
  for (const k of keyCols) {
    const p = parseAmount(stripPercent(g.get(r, k.col)));
    keyRefs[k.header] = g.ref(r, k.col);
    keys[k.header] = p.kind === 'amount' ? p.value : null;
    if (p.kind === 'error' && p.reason !== 'wrong-type' && p.reason !== 'not-a-number') flags.push(badAmount(p, g.get(r, k.col), g.ref(r, k.col), name));
  }
  return { keys, keyRefs };
}

function stripPercent(v: unknown): unknown {
  return typeof v === 'string' ? v.replace('%', '') : v;
}

/** Codes may arrive as numbers (114 for 0114, 12 for the county). */
function codeText(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    const s = String(v);
    return s.length === 3 ? '0' + s : s.length === 1 ? '0' + s : s;
  }
  return typeof v === 'string' ? v.trim() : '';
}

function dateText(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return /(\d{4}-\d{2}-\d{2})/.exec(v)?.[1] ?? (v.trim() || null);
  if (typeof v === 'number' && v > 20000 && v < 80000) {
    // An Excel serial date.
    return new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10);
  }
  return null;
}

function kindFrom(text: string): PrincipalKind | null {
  if (/^(region|landsting|county|lan)/.test(text)) return 'region';
  if (/^(kommun|municipality|stad)/.test(text)) return 'municipality';
  return null;
}

/** Code, name and kind from what the row has, completed from the reference lists. */
function resolveIdentity(code: string, name: string, kindText: string) {
  const kindFromText = kindText ? kindFrom(kindText) : null;
  let c = code;
  let n = name;
  if (!c && n) {
    const m = municipalityByName(n);
    if (m && kindFromText !== 'region') c = m.code;
    else {
      const county = COUNTIES.find(([cc]) => normalise(regionName(cc) ?? '') === normalise(n));
      if (county) c = county[0];
    }
  }
  if (!n && c) n = municipality(c)?.name ?? (countyName(c) ? regionName(c)! : c);
  if (!c) c = n;
  const inferred: PrincipalKind = /^\d{2}$/.test(c) || /^region\b|regionen$|landsting/.test(normalise(n)) ? 'region' : 'municipality';
  return { code: c, name: n, kind: kindFromText ?? inferred, kindFromText };
}
