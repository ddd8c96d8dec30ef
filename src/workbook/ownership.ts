import type { Lang } from '../engine/lang';
import type { OutCell, SheetSpec } from './port';

/**
 * How the add-in proves a sheet is its own, in every host, without trusting
 * anything a workbook could carry by accident or by design (a defined name can
 * point anywhere).
 *
 * Every owned sheet ends with a mark: column A of its last used row says, in
 * words, that the add-in made the sheet under a name, with a check of the
 * sheet's content. A sheet is the add-in's only when
 *
 * - its mark is there and its check equals the check of what the sheet holds
 *   now (every constant cell but the mark; formulas are left out, since hosts
 *   read back their computed values), and
 * - it still has the name in its mark (or a staging name of a run that died).
 *
 * So a user sheet is never the add-in's; and a result sheet the user edits or
 * renames becomes the user's and is kept: the next run writes beside it.
 */

/** A constant cell as a host reads it back: 0-based row and column, the value. */
export interface ProofCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | number | boolean;
}

const MARK = /^(?:Skapat av tillägget SGD kostnadsfördelning som bladet|Made by the SGD cost-sharing add-in as the sheet) «(.*)» \((?:kontroll|check) ([0-9a-f]{16})\)/;
/** Staging sheets of the exporter: `~sgd0~k3x9a`. */
export const STAGING_NAME = /^~sgd\d+~[0-9a-z]{1,8}$/;

const MARK_TEXT: Record<Lang, (name: string, check: string) => string> = {
  sv: (name, check) =>
    `Skapat av tillägget SGD kostnadsfördelning som bladet «${name}» (kontroll ${check}). Ändrar du bladet eller dess namn blir det ditt och lämnas orört; nya resultat skrivs bredvid.`,
  en: (name, check) =>
    `Made by the SGD cost-sharing add-in as the sheet «${name}» (check ${check}). If you change the sheet or its name, it becomes yours and is left alone; new results go beside it.`,
};

/**
 * 64 bits of FNV-1a over the text (two 32-bit lanes). Not a secret: the mark
 * guards against accidents and crafted names, and the check binds it to the
 * sheet's content, so a sheet it proves holds nothing but the add-in's output.
 */
function check(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995) ^ (b >>> 15);
  }
  return ((a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')).slice(0, 16);
}

/** The canonical text of a sheet's constant cells, in row-major order. */
function canonical(name: string, cells: readonly ProofCell[]): string {
  const sorted = [...cells].sort((x, y) => x.row - y.row || x.col - y.col);
  return [name, ...sorted.map((c) => `${c.row},${c.col}:${typeof c.value === 'number' ? `n${c.value}` : typeof c.value === 'boolean' ? `b${c.value}` : `s${c.value}`}`)].join('\n');
}

const outValue = (v: OutCell): string | number | null => (v === null ? null : typeof v === 'object' ? v.text : v);

/** The constant cells a spec writes, as hosts read them back (totals that are formulas left out). */
export function specCells(spec: SheetSpec): ProofCell[] {
  const cells = new Map<string, ProofCell>();
  const put = (row: number, col: number, v: OutCell) => {
    const value = outValue(v);
    if (value === null || value === '' || (typeof value === 'string' && value.trim() === '')) cells.delete(`${row},${col}`);
    else cells.set(`${row},${col}`, { row, col, value });
  };
  for (const [r, c, v] of spec.cells) put(r, c, v);
  for (const t of spec.tables) {
    t.headers.forEach((h, c) => put(t.row, t.col + c, h));
    t.rows.forEach((row, r) => row.forEach((v, c) => put(t.row + 1 + r, t.col + c, v)));
    if (t.totals) put(t.row + 1 + t.rows.length, t.col, t.totals.label);
  }
  return [...cells.values()];
}

/** The last row a spec writes to (0-based), totals rows included. */
function lastRow(spec: SheetSpec): number {
  const rows = [...spec.cells.map(([r]) => r), ...spec.tables.map((t) => t.row + t.rows.length + (t.totals ? 1 : 0))];
  return rows.length ? Math.max(...rows) : -1;
}

/** The spec with its mark added two rows below everything else, for the sheet's final name. */
export function withMark(spec: SheetSpec, finalName: string, lang: Lang): SheetSpec {
  const row = lastRow(spec) + 2;
  const hash = check(canonical(finalName, specCells(spec)));
  return { ...spec, cells: [...spec.cells, [row, 0, MARK_TEXT[lang](finalName, hash)]] };
}

/** The mark's text if a cell value is one, with the name it states. */
export function readMark(value: unknown): { name: string; check: string } | null {
  const m = typeof value === 'string' ? MARK.exec(value) : null;
  return m ? { name: m[1], check: m[2] } : null;
}

/**
 * Whether a sheet is provably the add-in's: `cells` are its constant cells
 * as read back, `mark` where its mark was found (column A of the last row).
 */
export function provesOwned(sheetName: string, cells: readonly ProofCell[], mark: { row: number; col: number }): boolean {
  const markCell = cells.find((c) => c.row === mark.row && c.col === mark.col);
  const parsed = markCell ? readMark(markCell.value) : null;
  if (!parsed) return false;
  if (sheetName !== parsed.name && !STAGING_NAME.test(sheetName)) return false;
  const content = cells.filter((c) => c !== markCell);
  return check(canonical(parsed.name, content)) === parsed.check;
}

/** The mark of a sheet read as a grid (column A of its last non-empty row), or null. */
export function markAt(values: ReadonlyArray<ReadonlyArray<unknown>>): { name: string; check: string } | null {
  for (let r = values.length - 1; r >= 0; r--) {
    const row = values[r] ?? [];
    if (!row.some((v) => v !== null && v !== undefined && v !== '')) continue;
    return readMark(row[0]);
  }
  return null;
}
