import { formatSv } from '../engine/format';
import { D } from '../engine/decimal';
import { a1, parseRange } from './a1';
import { GridView } from './grid';
import type { CellValue, SheetGrid } from './port';

/**
 * A flagged cell as the user would see it in the sheet: its value, the label
 * of its row (the first text to its left) and of its column (the nearest
 * text above it), and its neighbours, so the pane can show where the
 * problem is without Excel's selection (the browser page has none).
 */
export interface CellContext {
  readonly sheet: string;
  readonly cell: string;
  readonly value: string;
  readonly rowLabel: string | null;
  readonly columnLabel: string | null;
  /** The cells around it, row by row: [ref, shown text]; the flagged cell is at `at`. */
  readonly rows: ReadonlyArray<ReadonlyArray<readonly [string, string]>>;
  readonly at: readonly [number, number];
}

const AROUND_ROWS = 1;
const AROUND_COLS = 2;

export function cellContext(grids: readonly SheetGrid[], sheet: string, cell: string): CellContext | null {
  const grid = grids.find((g) => g.name === sheet);
  const box = parseRange(cell);
  if (!grid || !box) return null;
  const g = new GridView(grid);
  const { top: r, left: c } = box;
  const top = Math.max(0, r - AROUND_ROWS);
  const left = Math.max(0, c - AROUND_COLS);
  const rows: Array<Array<readonly [string, string]>> = [];
  for (let y = top; y <= r + AROUND_ROWS; y++) {
    const row: Array<readonly [string, string]> = [];
    for (let x = left; x <= c + AROUND_COLS; x++) row.push([a1(y, x), shown(g.get(y, x))]);
    rows.push(row);
  }
  return { sheet, cell, value: shown(g.get(r, c)), rowLabel: rowLabel(g, r, c), columnLabel: columnLabel(g, r, c), rows, at: [r - top, c - left] };
}

/** The cell's value as text: numbers the Swedish way, errors as Excel shows them, formulas without a value as their formula. */
export function shown(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? formatSv(new D(v), Number.isInteger(v) ? 0 : 2) : String(v);
  if (typeof v === 'boolean') return v ? 'SANT' : 'FALSKT';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return 'error' in v ? v.error : `=${v.formula.replace(/^=/, '')}`;
  return v;
}

/** Text that names something: two letters at least, and not an amount written as text ("**", "1 414 324 inv", "82,09 öre/inv" are not). */
const isLabel = (v: CellValue): v is string =>
  typeof v === 'string' && /\p{L}{2}/u.test(v) && !/^[-+]?[\d\s\u00a0.,]+\s*(kr|tkr|inv|öre(\/inv)?|%)?$/i.test(v.trim());

function rowLabel(g: GridView, r: number, c: number): string | null {
  for (let x = 0; x < c; x++) {
    const v = g.get(r, x);
    if (isLabel(v)) return v.trim();
  }
  return null;
}

/**
 * The column's header: the top of the block of filled cells above the cell
 * (one empty row does not end it, two do, as for the readers). Under a header
 * merged over several columns ("BUDGET 2024" over Annan and SGD), both rows.
 */
function columnLabel(g: GridView, r: number, c: number): string | null {
  let top = r;
  for (let y = r - 1, empty = 0; y >= 0 && empty < 2; y--) {
    const v = spanned(g, y, c);
    if (v === null || v === '') empty++;
    else [empty, top] = [0, y];
  }
  for (let y = top; y < r; y++) {
    const head = spanned(g, y, c);
    if (!isLabel(head)) continue;
    const wide = g.span(y, c).right > g.span(y, c).left;
    const below = y + 1 < r ? spanned(g, y + 1, c) : null;
    return wide && isLabel(below) ? `${head.trim()} – ${below.trim()}` : head.trim();
  }
  return null;
}

/** A header cell's value, also where a merged header ("BUDGET 2024" over two columns) covers it. */
function spanned(g: GridView, r: number, c: number): CellValue {
  const s = g.span(r, c);
  return g.get(s.top, s.left);
}
