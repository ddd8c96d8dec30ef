import { D, Dec } from './decimal';

/**
 * Reading amounts as officers type them: numbers, or Swedish text such as
 * `1 150 000 kr`, `1150000,50`, `1 150 tkr`, `−50 000` (U+2212),
 * `82,09 öre/inv`, with ordinary, no-break, thin or narrow spaces.
 */
export type ParsedAmount =
  | { kind: 'amount'; value: Dec; unit: 'kr' | 'ore' | 'none' }
  /** Nothing there: blank, or a dash. */
  | { kind: 'empty' }
  /** A footnote marker such as `*`, `**` or `***` standing where an amount would be. */
  | { kind: 'marker'; text: string }
  | { kind: 'error'; reason: AmountError; text: string };

export type AmountError = 'not-a-number' | 'excel-error' | 'too-large' | 'not-finite' | 'wrong-type' | 'ambiguous' | 'too-precise';

/** Largest magnitude accepted as an amount: 10^12 kr (a thousand billion) is beyond any joint budget, and keeps sums of öre exact in doubles. */
const MAX_ABS = new D('1e12');

/** Significant digits an amount or key may have: weights are scaled to integers inside 40 digits. */
const MAX_DIGITS = 30;

const SPACES = /[\s\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a']/g;
const MINUS = /[\u2212\u2013\u2012\u2014\u2010\u2011]/g;

/** A JavaScript number from a cell: Excel keeps 15 significant digits, so we do too. */
export function decimalFromCellNumber(n: number): Dec | null {
  if (!Number.isFinite(n)) return null;
  return new D(Number(n.toPrecision(15)).toString());
}

/**
 * Parses an amount cell value.
 * @param value a number, a string, or anything else a cell may hold
 * @example parseAmount('1 150 000 kr') // { kind: 'amount', value: 1150000, unit: 'kr' }
 */
export function parseAmount(value: unknown): ParsedAmount {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    const d = decimalFromCellNumber(value);
    if (!d) return { kind: 'error', reason: 'not-finite', text: String(value) };
    if (d.abs().gt(MAX_ABS)) return { kind: 'error', reason: 'too-large', text: String(value) };
    return { kind: 'amount', value: d, unit: 'none' };
  }
  if (typeof value === 'object' && value !== null && 'error' in value) {
    return { kind: 'error', reason: 'excel-error', text: String((value as { error: unknown }).error) };
  }
  if (typeof value !== 'string') {
    return { kind: 'error', reason: 'wrong-type', text: value instanceof Date ? value.toISOString().slice(0, 10) : String(value) };
  }
  return parseAmountText(value);
}

function parseAmountText(raw: string): ParsedAmount {
  const text = raw.trim();
  if (text === '' || /^[-\u2212\u2013\u2014]$/.test(text)) return { kind: 'empty' };
  if (/^\*+\)?$/.test(text)) return { kind: 'marker', text };
  if (/^#[A-Z0-9/]+[!?]?$/i.test(text)) return { kind: 'error', reason: 'excel-error', text };

  let s = text.toLowerCase().replace(MINUS, '-').replace(SPACES, '');
  let unit: 'kr' | 'ore' | 'none' = 'none';
  let factor = new D(1);
  // Trailing units, longest first. "öre/inv" and "kr/inv" are per-inhabitant rates.
  const suffixes: Array<[RegExp, 'kr' | 'ore' | 'none', string]> = [
    [/(öre|ore)(\/(inv|invånare|invanare|capita))?\.?$/, 'ore', '1'],
    [/(mnkr|mkr|msek)\.?$/, 'kr', '1000000'],
    [/(tkr|ksek)\.?$/, 'kr', '1000'],
    [/(kr|kronor|sek|:-)(\/(inv|invånare|invanare))?\.?$/, 'kr', '1'],
    [/(inv|invånare|invanare|st)\.?$/, 'none', '1'],
  ];
  for (const [re, u, f] of suffixes) {
    if (re.test(s)) {
      s = s.replace(re, '');
      unit = u;
      factor = new D(f);
      break;
    }
  }
  s = s.replace(/:-$/, '').replace(/\*+$/, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  // "1,150" or "1.150": a thousand and fifty, or one and fifteen hundredths? Ask, do not guess.
  if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(s)) return { kind: 'error', reason: 'ambiguous', text };
  const normalised = normaliseSeparators(s);
  if (normalised === null || !/^\d+(\.\d+)?$/.test(normalised)) {
    return { kind: 'error', reason: 'not-a-number', text };
  }
  // More digits than the engine computes exactly with (40) once weights are scaled: refused, not rounded.
  if (normalised.replace('.', '').replace(/^0+/, '').length > MAX_DIGITS) return { kind: 'error', reason: 'too-precise', text };
  let value = new D(normalised).times(factor);
  if (negative) value = value.negated();
  if (value.abs().gt(MAX_ABS)) return { kind: 'error', reason: 'too-large', text };
  return { kind: 'amount', value, unit };
}

/**
 * Swedish uses a comma for decimals and spaces (already removed) for
 * thousands; some files use dots for thousands. When both appear, the last one
 * is the decimal separator.
 */
function normaliseSeparators(s: string): string | null {
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  if (commas === 0 && dots === 0) return s;
  if (commas > 0 && dots > 0) {
    const lastComma = s.lastIndexOf(',');
    const lastDot = s.lastIndexOf('.');
    const decimalSep = lastComma > lastDot ? ',' : '.';
    const thousandSep = decimalSep === ',' ? '.' : ',';
    if ((s.match(new RegExp('\\' + decimalSep, 'g')) ?? []).length > 1) return null;
    if (!validThousands(s.split(decimalSep)[0], thousandSep)) return null;
    return s.split(thousandSep).join('').replace(decimalSep, '.');
  }
  const sep = commas > 0 ? ',' : '.';
  const count = commas + dots;
  if (count === 1) return s.replace(sep, '.');
  // Several of the same separator: thousands grouping, e.g. 1.150.000
  if (!validThousands(s, sep)) return null;
  return s.split(sep).join('');
}

function validThousands(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  if (groups.length === 1) return true;
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}
