/** Lower case, no diacritics, no footnote stars, single spaces: for matching header words. */
export function normalise(text: unknown): string {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\*+/g, ' ')
    .replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
    .trim();
}
