/** A1 addresses: 0-based row/column ↔ "C14". */

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Parses "C14" or "$C$14" to 0-based row/col; null if not an address. */
function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref.trim());
  if (!m) return null;
  const col = m[1].toUpperCase().split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

export interface RangeBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Parses "B1:C1" (or "Sheet!B1:C1") to a 0-based box. */
export function parseRange(ref: string): RangeBox | null {
  const body = ref.includes('!') ? ref.slice(ref.lastIndexOf('!') + 1) : ref;
  const [a, b] = body.split(':');
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** Quotes a sheet name for a reference: 'Samlad budget'!C14 */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/**
 * The formula of a totals cell: SUBTOTAL(109, …) over the column's data rows
 * as a plain range (`SUBTOTAL(109,E9:E42)`). No header text, no table name:
 * nothing a user typed ever becomes part of a formula.
 */
export function totalsFormula(table: { readonly row: number; readonly col: number; readonly rows: readonly unknown[] }, column: number): string {
  const c = table.col + column;
  if (table.rows.length === 0) return 'SUBTOTAL(109,0)';
  return `SUBTOTAL(109,${a1(table.row + 1, c)}:${a1(table.row + table.rows.length, c)})`;
}
