import { D, Dec } from './decimal';

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** How a language writes numbers: the group separator, the decimal mark and the minus sign. */
interface NumberStyle {
  readonly group: string;
  readonly decimal: string;
  readonly minus: string;
}

const SV: NumberStyle = { group: NBSP, decimal: ',', minus: MINUS };
const EN: NumberStyle = { group: ',', decimal: '.', minus: '-' };

function formatWith(style: NumberStyle, value: Dec | number | string, decimals?: number): string {
  const d = value instanceof D ? value : new D(value);
  const fixed = decimals === undefined ? trimZeros(d.toFixed(2)) : d.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [intPart, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  const body = frac ? `${grouped}${style.decimal}${frac}` : grouped;
  // "−0" is not a number anyone writes: a value that rounds to zero has no sign.
  return negative && /[1-9]/.test(body) ? style.minus + body : body;
}

/**
 * Formats a number the Swedish way: groups of three separated by a no-break
 * space, a decimal comma and a true minus sign (U+2212), as Excel shows it
 * with the Swedish locale.
 * @param value amount (Decimal, number or integer string)
 * @param decimals fixed number of decimals; default: as many as needed (max 2)
 * @example formatSv(new D('1750000')) // '1 750 000'
 * @example formatSv(new D('61.87'), 2) // '61,87'
 */
export function formatSv(value: Dec | number | string, decimals?: number): string {
  return formatWith(SV, value, decimals);
}

/** English formatting for `--lang en`: `1,750,000` and `61.87`. */
export function formatEn(value: Dec | number | string, decimals?: number): string {
  return formatWith(EN, value, decimals);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** "a, b och c" / "a, b and c". */
export function listText(items: readonly string[], lang: 'sv' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items[items.length - 1]}`;
}
