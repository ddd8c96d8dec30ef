import { D } from '../decimal';
import type { Ratio } from '../types';

export const DEFAULT_RATIO: Ratio = { region: new D(1), municipalities: new D(1) };

const NUMBER = String.raw`(\d{1,9}(?:[.,]\d{1,9})?)`;
/** A whole ratio as typed: "1:1", "2:1", "60/40", "60 % / 40 %", "0,6:0,4" — nothing before or after. */
const WHOLE = new RegExp(String.raw`^\s*${NUMBER}\s*%?\s*[:/]\s*${NUMBER}\s*%?\s*$`);
/**
 * A ratio inside model words ("1:1 lika", "SGD-modellen 60/40"): the same
 * shape, not touching other digits, signs, fractions or exponents, so
 * "2/3:1/3", "1e3:1" and "-1:2" are no ratio at all.
 */
const INSIDE = new RegExp(String.raw`(?:^|[^\d.,:/+\-e])${NUMBER}\s*%?\s*[:/]\s*${NUMBER}\s*%?(?=$|[^\d.,:/e%])`);

function toRatio(m: RegExpExecArray | null): Ratio | null {
  if (!m) return null;
  const region = new D(m[1].replace(',', '.'));
  const municipalities = new D(m[2].replace(',', '.'));
  // 0:1 or 1:0 is not a ratio between two payers: use a model that names who pays.
  if (!region.gt(0) || !municipalities.gt(0)) return null;
  return { region, municipalities };
}

/**
 * Parses a ratio given on its own (`--ratio`, the pane, a function argument).
 * @returns null unless the whole text is one ratio of two positive numbers
 * @example parseRatio('60/40') // { region: 60, municipalities: 40 }
 * @example parseRatio('2/3:1/3') // null
 */
export function parseRatio(text: string): Ratio | null {
  return toRatio(WHOLE.exec(text));
}

/** A ratio written inside model words, or null. */
export function ratioInside(text: string): Ratio | null {
  return toRatio(INSIDE.exec(text));
}

/** "1:1", "60:40" — the ratio as the plans write it. */
export const ratioText = (r: Ratio): string => `${r.region.toString()}:${r.municipalities.toString()}`;
