import { normalise } from '../engine/text';
import { a1, parseRange, RangeBox } from './a1';
import type { CellValue, SheetGrid } from './port';

/**
 * Read access to one sheet: values by 0-based row/column, merged areas known,
 * and the cells covered by a merge (not its top-left cell) read as empty.
 */
export class GridView {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  private readonly merges: RangeBox[];
  /**
   * The merged areas by the rows they cover (only rows that hold cells):
   * memory grows with the cells read, not with the merged area, so 60 merges
   * of 500 × 500 cost nothing (they once cost gigabytes as a set of cells).
   */
  private readonly mergesByRow = new Map<number, RangeBox[]>();

  private readonly hiddenRows: ReadonlySet<number>;

  constructor(private readonly grid: SheetGrid) {
    this.name = grid.name;
    this.hiddenRows = new Set(grid.hiddenRows ?? []);
    this.rowCount = grid.values.length;
    this.colCount = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
    this.merges = grid.merges.map((m) => parseRange(m)).filter((b): b is RangeBox => b !== null);
    for (const b of this.merges) {
      for (let r = b.top; r <= Math.min(b.bottom, this.rowCount - 1); r++) {
        const list = this.mergesByRow.get(r);
        if (list) list.push(b);
        else this.mergesByRow.set(r, [b]);
      }
    }
  }

  /** True for a cell covered by a merged area but not its top-left cell (Excel shows it empty). */
  private covered(r: number, c: number): boolean {
    const list = this.mergesByRow.get(r);
    return !!list && list.some((b) => c >= b.left && c <= b.right && (r !== b.top || c !== b.left));
  }

  /** True for a row the user has hidden. */
  isRowHidden(r: number): boolean {
    return this.hiddenRows.has(r);
  }

  get(r: number, c: number): CellValue {
    if (this.covered(r, c)) return null;
    const row = this.grid.values[r];
    const v = row ? row[c] : undefined;
    return v === undefined ? null : v;
  }

  /** The cell's value as trimmed text ('' for empty, errors and formulas without value). */
  text(r: number, c: number): string {
    const v = this.get(r, c);
    if (v === null || typeof v === 'object') return v instanceof Date ? v.toISOString().slice(0, 10) : '';
    return String(v).trim();
  }

  /** Normalised text for matching header words. */
  norm(r: number, c: number): string {
    return normalise(this.text(r, c));
  }

  isEmpty(r: number, c: number): boolean {
    const v = this.get(r, c);
    return v === null || (typeof v === 'string' && v.trim() === '');
  }

  rowIsEmpty(r: number, from = 0, to = this.colCount - 1): boolean {
    for (let c = from; c <= to; c++) if (!this.isEmpty(r, c)) return false;
    return true;
  }

  /** The merged area the cell belongs to, or the cell itself. */
  span(r: number, c: number): RangeBox {
    return (this.mergesByRow.get(r) ?? []).find((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right) ?? { top: r, left: c, bottom: r, right: c };
  }

  ref(r: number, c: number) {
    return { sheet: this.name, cell: a1(r, c) };
  }
}

/**
 * The rows of a table below its header, from `from` on: rows empty between
 * columns `left` and `right` are skipped, and two empty rows in a row end the
 * table (a single blank row inside a table is common; two mean it is over).
 */
export function* tableRows(g: GridView, from: number, left: number, right: number): Generator<number> {
  let emptyRun = 0;
  for (let r = from; r < g.rowCount; r++) {
    if (g.rowIsEmpty(r, left, right)) {
      if (++emptyRun >= 2) return;
      continue;
    }
    emptyRun = 0;
    yield r;
  }
}
