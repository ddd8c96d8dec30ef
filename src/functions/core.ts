import { apportionInto } from '../engine/apportion';
import { decimalFromCellNumber, parseAmount } from '../engine/amountText';
import { D, Dec, RoundingUnit, UNITS_PER_KRONA, finestUnitNeeded } from '../engine/decimal';
import type { Flag } from '../engine/flags';
import type { Lang } from '../engine/lang';
import { messageFor } from '../engine/messages';
import { DEFAULT_MODEL, describeModel, missingPopulation, modelKey, parseModelOption, parseRatio, rateFor, WeightBook, withRatio } from '../engine/models';
import { normalise } from '../engine/text';
import type { ModelSpec, Principal, Ratio } from '../engine/types';
import { GridView } from '../workbook/grid';
import { explainText, FnMessage, fnTexts } from './messages';
import type { CellValue } from '../workbook/port';
import { classifyPrincipalHeader, readPrincipals } from '../workbook/readPrincipals';

/**
 * The pure cores of the SGD.* custom functions. They take what Excel passes
 * (numbers, text, 2-D arrays, with empty cells as 0 on desktop and null on
 * the web) and return a value or an error to show in the cell; they never
 * throw and never touch Office.
 */

/** An error for the cell: #VALUE! or #N/A with its text in both languages (the adapter picks Excel's). */
export type FnError = { readonly error: 'value' | 'na'; readonly message: Readonly<Record<Lang, string>> };
export type FnResult<T> = T | FnError;

export const isError = (x: unknown): x is FnError => typeof x === 'object' && x !== null && 'error' in x && 'message' in x;
const fail = (key: FnMessage, params: Readonly<Record<string, string | number>> = {}, error: FnError['error'] = 'value'): FnError => ({
  error,
  message: fnTexts(key, params),
});
/** A flag from the engine or a reader, as a cell error with the flag's own two texts. */
const failFlag = (f: Flag): FnError => ({ error: 'value', message: { sv: messageFor(f, 'sv'), en: messageFor(f, 'en') } });

/** Empty as Excel passes it: null (web), 0 or '' (desktop), undefined (omitted). */
const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '' || v === 0;

interface Options {
  readonly model: ModelSpec;
  readonly ratio: Ratio | undefined;
  readonly rounding: RoundingUnit;
}

function parseOptions(model: unknown, ratio: unknown, rounding: unknown): FnResult<Options> {
  let m: ModelSpec = DEFAULT_MODEL;
  if (!isBlank(model)) {
    const parsed = parseModelOption(String(model));
    if (!parsed) return fail('UNKNOWN_MODEL', { text: String(model) });
    m = parsed;
  }
  let r: Ratio | undefined;
  if (!isBlank(ratio)) {
    if (typeof ratio !== 'string') return fail('RATIO_NOT_TEXT');
    const parsed = parseRatio(ratio);
    if (!parsed) return fail('BAD_RATIO', { text: ratio });
    r = parsed;
  }
  let unit: RoundingUnit = 'kr';
  if (!isBlank(rounding)) {
    const t = normalise(rounding);
    if (t === 'ore' || t === 'oren') unit = 'ore';
    else if (t !== 'kr' && t !== 'kronor') return fail('BAD_ROUNDING', { text: String(rounding) });
  }
  return { model: withRatio(m, r), ratio: r, rounding: unit };
}

/** An amount argument: a number, or Swedish text such as "1 150 000 kr". Blank is 0. */
function parseAmountArg(v: unknown): FnResult<Dec> {
  if (isBlank(v)) return new D(0);
  if (typeof v === 'number') {
    const d = decimalFromCellNumber(v);
    return d ?? fail('NOT_FINITE', { text: String(v) });
  }
  const p = parseAmount(v);
  if (p.kind === 'amount') return p.value;
  if (p.kind === 'empty') return new D(0);
  return fail('NOT_AN_AMOUNT', { text: String(v) });
}

/** The principals range, parsed once per content (see RangeCache). */
export interface PreparedRange {
  readonly principals: readonly Principal[];
  /** For each row of the range: the principal's index, or -1 for a header or blank row. */
  readonly rowIndex: Int32Array;
  readonly book: WeightBook;
  readonly byKey: ReadonlyMap<string, number>;
  /** Splits already computed: key → shares in units. */
  readonly splits: Map<string, { shares: Float64Array; extra: Uint8Array; unit: RoundingUnit }>;
}

/**
 * A range value as the readers take it. A data-type cell (a Geography or
 * other entity in the name column, a formatted number) arrives as an object
 * when Excel passes rich values; its `basicValue` is what the cell shows.
 */
const toCell = (v: unknown): CellValue => {
  if (v !== null && typeof v === 'object' && 'basicValue' in v) return toCell((v as { basicValue: unknown }).basicValue);
  return v === undefined || v === '' ? null : (v as CellValue);
};

/**
 * Reads a principals range: with a header row (Kod, Namn, Typ, Folkmängd,
 * key columns) or without one, positionally as code or name, kind, population.
 */
function prepareRange(range: unknown): FnResult<PreparedRange> {
  if (!Array.isArray(range) || range.length === 0 || !range.every(Array.isArray)) {
    return fail('NOT_A_RANGE');
  }
  const rows = range as unknown[][];
  const hasHeader = rows[0].filter((v) => typeof v === 'string' && classifyPrincipalHeader(normalise(v)) !== null).length >= 2;
  const firstData = rows.find((r, i) => (hasHeader ? i > 0 : true) && !r.every(isBlank));
  if (!firstData) return fail('EMPTY_RANGE');
  const values: CellValue[][] = [];
  let offset = 0;
  if (!hasHeader) {
    // Positional: code or name, kind, population, then unnamed key columns.
    const looksLikeCode = typeof firstData[0] === 'number' || /^\d{2}(\d{2})?$/.test(String(firstData[0]).trim());
    values.push([looksLikeCode ? 'Kod' : 'Namn', 'Typ', 'Folkmängd', ...firstData.slice(3).map((_, i) => `Kolumn ${i + 4}`)]);
    offset = 1;
  }
  // Empty is 0 on desktop and null on the web: in number columns (population,
  // keys) both become 0, in text columns (code, name, kind, date) both become empty.
  const header = hasHeader ? rows[0] : (values[0] as unknown[]);
  const numeric = header.map((h, c) => {
    const role = typeof h === 'string' ? classifyPrincipalHeader(normalise(h)) : null;
    return role === 'population' || (role === null && (hasHeader || c >= 2));
  });
  rows.forEach((r, i) => {
    if (hasHeader && i === 0) values.push(r.map(toCell));
    else values.push(r.map((raw, c) => {
      const v = toCell(raw);
      return numeric[c] ? (isBlank(v) ? 0 : v) : isBlank(v) ? null : v;
    }));
  });
  const grid = new GridView({ name: 'område', values, merges: [], marked: false });
  const read = readPrincipals([grid]);
  if (!read.table || read.table.principals.length === 0) return fail('NO_PRINCIPALS');
  const firstProblem = read.flags.find((f) => f.severity === 'error');
  if (firstProblem) return failFlag(firstProblem);
  const principals = read.table.principals;
  const rowIndex = new Int32Array(rows.length).fill(-1);
  const byKey = new Map<string, number>();
  for (let i = 0; i < principals.length; i++) {
    const p = principals[i];
    const row = Number(/\d+$/.exec(p.ref!.cell)![0]) - 1 - offset;
    if (row >= 0 && row < rows.length) rowIndex[row] = i;
    const code = normalise(p.code);
    const earlier = byKey.get(code);
    if (earlier !== undefined && normalise(principals[earlier].code) === code) return fail('DUPLICATE_PRINCIPAL', { code: p.code, name: p.name });
    byKey.set(code, i); // a code wins over another principal's name
    if (!byKey.has(normalise(p.name))) byKey.set(normalise(p.name), i);
  }
  return { principals, rowIndex, book: new WeightBook(principals), byKey, splits: new Map() };
}

/**
 * Parsed ranges by content. Excel passes a fresh array on every call, so a
 * column of 1 000 SGD.SHARE cells over one range would otherwise parse and
 * split the same table 1 000 times. Entries are found by a cheap fingerprint
 * and confirmed by comparing every cell.
 */
export class RangeCache {
  private entries: Array<{ fingerprint: string; copy: unknown[][]; prepared: PreparedRange }> = [];
  constructor(private readonly capacity = 8) {}

  get(range: unknown): FnResult<PreparedRange> {
    if (!Array.isArray(range)) return prepareRange(range);
    const rows = range as unknown[][];
    const fp = fingerprint(rows);
    const hit = this.entries.findIndex((e) => e.fingerprint === fp && sameCells(e.copy, rows));
    if (hit >= 0) {
      const e = this.entries[hit];
      if (hit > 0) this.entries.splice(0, 0, ...this.entries.splice(hit, 1));
      return e.prepared;
    }
    const prepared = prepareRange(range);
    if (isError(prepared)) return prepared;
    this.entries.unshift({ fingerprint: fp, copy: rows.map((r) => (Array.isArray(r) ? r.slice() : r)), prepared });
    if (this.entries.length > this.capacity) this.entries.pop();
    return prepared;
  }

  clear(): void {
    this.entries = [];
  }
}

function fingerprint(rows: unknown[][]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return `${rows.length}x${Array.isArray(first) ? first.length : 0}|${Array.isArray(first) ? first.join('\u0001') : ''}|${Array.isArray(last) ? last.join('\u0001') : ''}`;
}

function sameCells(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
  }
  return true;
}

/** The full exact split of an amount over the range, computed once per (amount, options). */
function split(prep: PreparedRange, amount: Dec, opts: Options): FnResult<{ shares: Float64Array; extra: Uint8Array; unit: RoundingUnit }> {
  const unitNeeded = finestUnitNeeded(amount);
  if (unitNeeded === null) return fail('FRACTION_OF_ORE', { text: amount.toString() });
  const unit: RoundingUnit = opts.rounding === 'ore' || unitNeeded === 'ore' ? 'ore' : 'kr';
  const units = amount.times(UNITS_PER_KRONA[unit]);
  if (units.abs().gt(Number.MAX_SAFE_INTEGER)) return fail('TOO_LARGE');
  const key = `${modelKey(opts.model)}|${unit}|${units.toString()}`;
  const hit = prep.splits.get(key);
  if (hit) return hit;
  const missing = missingPopulation(prep.principals, [opts.model]);
  if (missing.length > 0) return failFlag(missing[0]);
  const w = prep.book.forModel(opts.model);
  const problem: Flag | undefined = w.flags.find((f) => f.severity === 'error');
  if (problem) return failFlag(problem);
  if (!w.set) return fail('SPLITS_NOTHING', modelNames(opts.model));
  const shares = new Float64Array(w.set.weights.length);
  const extra = new Uint8Array(w.set.weights.length);
  if (!apportionInto(units.toNumber(), w.set, shares, extra)) return fail('ZERO_WEIGHT', modelNames(opts.model));
  const result = { shares, extra, unit };
  if (prep.splits.size >= 256) prep.splits.delete(prep.splits.keys().next().value as string);
  prep.splits.set(key, result);
  return result;
}

function findPrincipal(prep: PreparedRange, principal: unknown): FnResult<number> {
  if (isBlank(principal) && principal !== 0) return fail('NO_PRINCIPAL');
  const key = normalise(typeof principal === 'number' && Number.isInteger(principal) ? String(principal).padStart(principal < 100 ? 2 : 4, '0') : principal);
  const i = prep.byKey.get(key);
  return i === undefined ? fail('UNKNOWN_PRINCIPAL', { text: String(principal) }, 'na') : i;
}

const modelNames = (m: ModelSpec) => ({ model: describeModel(m, 'sv'), modelEn: describeModel(m, 'en') });

const toNumber = (units: number, unit: RoundingUnit) => (unit === 'kr' ? units : units / 100);

interface Split {
  readonly opts: Options;
  readonly amount: Dec;
  readonly prep: PreparedRange;
  readonly split: { shares: Float64Array; extra: Uint8Array; unit: RoundingUnit };
}

/** The arguments every splitting function shares, checked in order, and the split they ask for. */
function splitFor(cache: RangeCache, amount: unknown, range: unknown, model: unknown, ratio: unknown, rounding: unknown): FnResult<Split> {
  const opts = parseOptions(model, ratio, rounding);
  if (isError(opts)) return opts;
  const a = parseAmountArg(amount);
  if (isError(a)) return a;
  const prep = cache.get(range);
  if (isError(prep)) return prep;
  const s = split(prep, a, opts);
  return isError(s) ? s : { opts, amount: a, prep, split: s };
}

/** SGD.SHARE: one principal's share, the same number as its entry of the full allocation. */
export function shareCore(cache: RangeCache, amount: unknown, principal: unknown, range: unknown, model?: unknown, ratio?: unknown, rounding?: unknown): FnResult<number> {
  const r = splitFor(cache, amount, range, model, ratio, rounding);
  if (isError(r)) return r;
  const i = findPrincipal(r.prep, principal);
  return isError(i) ? i : toNumber(r.split.shares[i], r.split.unit);
}

/** SGD.ALLOCATE: every principal's share as a column aligned with the range ("" for header and blank rows). */
export function allocateCore(cache: RangeCache, amount: unknown, range: unknown, model?: unknown, ratio?: unknown, rounding?: unknown): FnResult<Array<[number | string]>> {
  const r = splitFor(cache, amount, range, model, ratio, rounding);
  if (isError(r)) return r;
  const { shares, unit } = r.split;
  return Array.from(r.prep.rowIndex, (i) => [i < 0 ? '' : toNumber(shares[i], unit)] as [number | string]);
}

/** SGD.RATE: öre per inhabitant and organisation, as the plans state it: amount / (2 × population), two decimals. */
export function rateCore(amount: unknown, population: unknown): FnResult<number> {
  const a = parseAmountArg(amount);
  if (isError(a)) return a;
  const p = parseAmountArg(population);
  if (isError(p)) return p;
  if (!p.gt(0)) return fail('POPULATION_NOT_POSITIVE');
  return a.times(100).dividedBy(p.times(2)).toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber();
}

/** SGD.EXPLAIN: one line saying how the share was computed. */
export function explainCore(
  cache: RangeCache,
  amount: unknown,
  principal: unknown,
  range: unknown,
  model?: unknown,
  ratio?: unknown,
  rounding?: unknown,
  lang: Lang = 'sv',
): FnResult<string> {
  const r = splitFor(cache, amount, range, model, ratio, rounding);
  if (isError(r)) return r;
  const i = findPrincipal(r.prep, principal);
  if (isError(i)) return i;
  const { prep, opts, amount: a, split: s } = r;
  const p = prep.principals[i];
  const set = prep.book.forModel(opts.model).set!;
  const rate = rateFor(a, [opts.model], prep.principals);
  return explainText(lang, {
    name: p.name,
    code: p.code,
    share: new D(s.shares[i]).dividedBy(UNITS_PER_KRONA[s.unit]),
    amount: a,
    model: describeModel(opts.model, lang),
    population: p.population,
    date: p.populationDate,
    rate: rate ? rate.orePerInhabitant : null,
    exact: a.times(set.weights[i].toString()).dividedBy(set.total.toString()).toDecimalPlaces(2, D.ROUND_HALF_UP),
    unit: s.unit,
    extra: s.extra[i] === 1,
  });
}

/** SGD.AMOUNT: a number from Swedish amount text ("1 150 000 kr", "82,09 öre/inv", "−50 000"). */
export function amountCore(text: unknown): FnResult<number> {
  if (typeof text === 'number') return text;
  const p = parseAmount(text);
  if (p.kind === 'amount') return p.value.toNumber();
  if (p.kind === 'empty') return 0;
  return fail('AMOUNT_TEXT', { text: String(text ?? '') });
}
