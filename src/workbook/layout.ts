import type { OutCell, SheetSpec } from './port';

/**
 * Column widths that fit what a sheet holds, so nothing is cut ("Att
 * fördela", focus-area headers, öre/inv showing ###): the longest text of
 * each column, in characters, with room for a table's filter button and
 * for formatted numbers ("1 150 000 kr"). Text in a free cell with nothing
 * to its right may run over into the next column and is not counted; so are
 * titles. Widths stay between 6 and 60 characters.
 */
export function fitWidths(spec: SheetSpec, bounds: { min: number; max: number } = { min: 6, max: 60 }): number[] {
  const width: number[] = [];
  const see = (col: number, chars: number) => (width[col] = Math.max(width[col] ?? bounds.min, Math.min(bounds.max, Math.ceil(chars))));
  const rightmost = new Map<number, number>();
  for (const [r, c] of spec.cells) rightmost.set(r, Math.max(rightmost.get(r) ?? -1, c));
  const titles = new Set((spec.bold ?? []).map(([r, c]) => `${r}:${c}`));
  for (const [r, c, v] of spec.cells) {
    if (v === null) continue;
    const overflows = typeof v === 'string' && rightmost.get(r) === c;
    if (overflows || titles.has(`${r}:${c}`)) {
      see(c, bounds.min);
      continue;
    }
    see(c, textWidth(v) + 1);
  }
  for (const t of spec.tables) {
    t.headers.forEach((h, i) => see(t.col + i, h.length + 4));
    for (const row of t.rows) row.forEach((v, i) => see(t.col + i, textWidth(v) + 1));
    if (t.totals) {
      see(t.col, t.totals.label.length + 2);
      for (const [c, v] of Object.entries(t.totals.values ?? {})) see(t.col + Number(c), textWidth(v) + 1);
    }
  }
  return Array.from({ length: width.length }, (_, i) => width[i] ?? bounds.min);
}

/** Characters a value takes when shown: numbers with thousands spaces, two decimals and " kr". */
function textWidth(v: OutCell): number {
  if (v === null) return 0;
  if (typeof v === 'object') return v.text.length;
  if (typeof v === 'number') {
    const digits = String(Math.trunc(Math.abs(v))).length;
    return digits + Math.floor((digits - 1) / 3) + (Number.isInteger(v) ? 0 : 3) + 4;
  }
  return Math.max(...String(v).split('\n').map((line) => line.length));
}

/**
 * Header text as text: "&" starts a header code (&P, &D, &"font"), so each
 * is doubled; control characters go. Office allows 255 characters in a
 * header with its codes ([MS-OI29500] 2.1.651), so the text keeps at most
 * 230, never cutting a doubled "&&" in two.
 */
export function headerText(text: string, max = 230): string {
  let out = '';
  // eslint-disable-next-line no-control-regex -- control characters are not header text
  for (const ch of Array.from(text.replace(/[\u0000-\u001f\u007f]/g, ' '))) {
    const piece = ch === '&' ? '&&' : ch;
    if (out.length + piece.length > max) break;
    out += piece;
  }
  return out;
}
