import { a1, parseRange, RangeBox, sheetRef, totalsFormula } from '../workbook/a1';
import { ProofCell, provesOwned, readMark } from '../workbook/ownership';
import { CellNotEmptyError, CellValue, FillCell, FORMULA_LIKE, Inventory, OutCell, OutTable, Rename, SheetGrid, SheetSpec, StagedSheet, WorkbookPort } from '../workbook/port';
import { headerText } from '../workbook/layout';
import { supports } from './office';

/** Excel on the web rejects requests of 5 MB; stay well under. */
export const MAX_REQUEST_BYTES = 3_500_000;

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Excel.run with the options this Excel supports (Excel.RunOptions): wait
 * while the user edits a cell (ExcelApi 1.11) rather than fail the batch, and
 * make each run one undo step (ExcelApi 1.20). Older Excel fails a batch in
 * cell-edit mode with InvalidOperationInCellEditMode, which the pane turns
 * into guidance. The manifest asks for ExcelApi 1.7, what the rest needs.
 */
const excelRun: Run = (batch) => {
  const options: Excel.RunOptions = {};
  if (supports('ExcelApi', '1.11')) options.delayForCellEdit = true;
  if (supports('ExcelApi', '1.20')) (options as { mergeUndoGroup?: boolean }).mergeUndoGroup = true;
  return Object.keys(options).length ? Excel.run(options, batch) : Excel.run(batch);
};

/**
 * The workbook port over the open workbook, through Excel.run. Reading is
 * three context.sync() calls to locate the used ranges and marks, then one
 * per slice of cells under the payload limit; each store primitive of the
 * exporter is one Excel.run (inventory three syncs, stage one, more only for
 * very large results, swap one).
 */
export class OfficeWorkbook implements WorkbookPort {
  constructor(private readonly run: Run = excelRun) {}

  /**
   * Three syncs: where every sheet's used range is and its last row's
   * column A (the mark, see workbook/ownership.ts); then, for the sheets
   * with a mark only, the cells that prove it (values and formulas).
   */
  async inventory(): Promise<Inventory> {
    return this.run(async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load('items/name,items/worksheet/name');
      const names = ctx.workbook.names;
      names.load('items/name');
      const located = await locateMarks(ctx);
      const candidates = located.filter((l) => l.mark && l.box && (l.box.bottom - l.box.top + 1) * (l.box.right - l.box.left + 1) <= MAX_PROOF_CELLS);
      const loaded = candidates.map((l) => {
        const used = l.ws.getUsedRange(true);
        used.load('address,values,formulas');
        return { l, used };
      });
      if (loaded.length) await ctx.sync();
      const owned = new Set(loaded.filter(({ l, used }) => provesOwned(l.name, proofCells(used.address, used.values, used.formulas), l.markAt!)).map(({ l }) => l.name));
      return {
        sheets: located.map((l) => ({ name: l.name, owned: owned.has(l.name) })),
        reservedNames: [...tables.items.filter((t) => !owned.has(t.worksheet.name)).map((t) => t.name), ...names.items.map((n) => n.name)],
      };
    });
  }

  /**
   * Three syncs to locate the used ranges and the marks, then the cells of
   * every sheet without the add-in's mark, in slices that each stay under
   * the payload limit (several small sheets share one sync). A sheet is read
   * to its first MAX_ROWS_READ rows: no plan or principals table is longer,
   * and a ledger beside the plan must not cost the user a failed request.
   */
  async readSheets(names?: readonly string[]): Promise<SheetGrid[]> {
    return this.run(async (ctx) => {
      const located = (await locateMarks(ctx)).filter((l) => !names || names.includes(l.name));
      const merges = supports('ExcelApi', '1.13');
      const grids = located.map((l) => {
        const merged = !l.mark && l.box && merges ? l.ws.getRange().getMergedAreasOrNullObject() : null;
        merged?.load('address');
        return { l, rows: [] as CellValue[][], merged, rowCount: l.box ? l.box.bottom + 1 : 0 };
      });
      const slices = grids.flatMap((g) => (g.l.mark || !g.l.box ? [] : sliceRows(g.l.box).map((box) => ({ g, box }))));
      await readSlices(ctx, slices);
      return grids.map(({ l, rows, merged, rowCount }) => ({
        name: l.name,
        marked: l.mark,
        hidden: l.hidden,
        values: rows,
        merges: merged && !merged.isNullObject && merged.address ? merged.address.split(',').map((a) => a.slice(a.lastIndexOf('!') + 1).trim()) : [],
        truncatedAt: rowCount > MAX_ROWS_READ ? MAX_ROWS_READ : undefined,
      }));
    });
  }

  /** Renders the sheets hidden, with calculation suspended, syncing between slices so no request passes the limit. */
  async stage(staged: readonly StagedSheet[]): Promise<void> {
    await this.run(async (ctx) => {
      suspendCalculation(ctx);
      const budget = new SyncBudget(ctx);
      for (const s of staged) {
        const ws = ctx.workbook.worksheets.add(s.name);
        ws.visibility = Excel.SheetVisibility.hidden;
        await renderSpec(ws, s.spec, budget);
      }
      await ctx.sync();
    });
  }

  async discard(names: readonly string[]): Promise<void> {
    await this.run(async (ctx) => {
      for (const name of names) ctx.workbook.worksheets.getItemOrNullObject(name).delete();
      await ctx.sync();
    });
  }

  /** Old results out, new sheets and tables in under their names: one batch. */
  async swap(remove: readonly string[], renames: readonly Rename[], tables: readonly Rename[]): Promise<void> {
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      for (const name of remove) wb.worksheets.getItem(name).delete();
      for (const { from, to } of renames) {
        const ws = wb.worksheets.getItem(from);
        ws.name = to;
        ws.visibility = Excel.SheetVisibility.visible;
      }
      for (const { from, to } of tables) wb.tables.getItem(from).name = to;
      await ctx.sync();
    });
  }

  async add(sheets: readonly StagedSheet[]): Promise<void> {
    await this.run(async (ctx) => {
      const budget = new SyncBudget(ctx);
      for (const s of sheets) await renderSpec(ctx.workbook.worksheets.add(s.name), s.spec, budget);
      if (sheets.length > 0) ctx.workbook.worksheets.getItem(sheets[0].name).activate();
      await ctx.sync();
    });
  }

  /**
   * Values into empty cells of a user's sheet: one sync loads the cells'
   * values and formulas, the next writes them only if every one is empty
   * (numbers as whole numbers with a thousands separator). A protected
   * sheet is refused before any write (AccessDenied, which the pane
   * explains): with some cells unlocked, Excel would take some writes and
   * refuse others, and a batch is not a transaction.
   */
  async fillEmpty(sheet: string, cells: readonly FillCell[]): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const protection = ws.protection;
      protection.load('protected');
      const ranges = cells.map((c) => {
        const range = ws.getRangeByIndexes(c.row, c.col, 1, 1);
        range.load('values,formulas');
        return { c, range };
      });
      await ctx.sync();
      if (protection.protected) throw Object.assign(new Error(`${sheet} is protected`), { code: 'AccessDenied' });
      for (const { c, range } of ranges) {
        if (range.values[0][0] !== '' || range.formulas[0][0] !== '') throw new CellNotEmptyError(sheet, a1(c.row, c.col));
      }
      for (const { c, range } of ranges) {
        range.values = [[typeof c.value === 'number' ? c.value : (excelValue(c.value) as string)]];
        if (typeof c.value === 'number') range.numberFormat = [['#,##0']];
      }
      await ctx.sync();
    });
  }

  /** Selects a cell for the user (a flag was clicked). */
  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
  }
}

/** Rows of a sheet read as input: no plan or principals table is longer. */
export const MAX_ROWS_READ = 20_000;
/** A response budget per sync, under Excel on the web's 5 MB (R6 in the strict fake). */
const READ_SLICE_BYTES = 3_000_000;
/** A cell's value and value type as JSON, estimated high; long texts are caught by halving the slice. */
const BYTES_PER_CELL = 48;

interface Slice {
  readonly g: { l: Located; rows: CellValue[][] };
  readonly box: RangeBox;
}

/** The rows of a used range (to MAX_ROWS_READ) in slices of about READ_SLICE_BYTES. */
function sliceRows(box: RangeBox): RangeBox[] {
  const cols = box.right - box.left + 1;
  const per = Math.max(1, Math.floor(READ_SLICE_BYTES / (cols * BYTES_PER_CELL)));
  const last = Math.min(box.bottom, MAX_ROWS_READ - 1);
  const out: RangeBox[] = [];
  for (let top = box.top; top <= last; top += per) out.push({ ...box, top, bottom: Math.min(last, top + per - 1) });
  return out;
}

/**
 * Loads slices, several to a sync while their estimate fits the budget. A
 * slice whose response is still too large (long texts) is halved and read
 * again.
 */
async function readSlices(ctx: Excel.RequestContext, slices: Slice[]): Promise<void> {
  const queue = [...slices];
  while (queue.length > 0) {
    const batch: Array<{ slice: Slice; range: Excel.Range }> = [];
    let bytes = 0;
    while (queue.length > 0) {
      const next = queue[0];
      const size = (next.box.bottom - next.box.top + 1) * (next.box.right - next.box.left + 1) * BYTES_PER_CELL;
      if (batch.length > 0 && bytes + size > READ_SLICE_BYTES) break;
      queue.shift();
      bytes += size;
      const range = next.g.l.ws.getRangeByIndexes(next.box.top, next.box.left, next.box.bottom - next.box.top + 1, next.box.right - next.box.left + 1);
      range.load('address,values,valueTypes');
      batch.push({ slice: next, range });
    }
    try {
      await ctx.sync();
    } catch (e) {
      const rows = batch[0].slice.box.bottom - batch[0].slice.box.top + 1;
      if ((e as { code?: string }).code !== 'ResponsePayloadSizeLimitExceeded' || (batch.length === 1 && rows === 1)) throw e;
      // Read the same cells again in halves.
      const halves = batch.flatMap(({ slice }) => {
        const mid = slice.box.top + Math.floor((slice.box.bottom - slice.box.top) / 2);
        return slice.box.top === slice.box.bottom ? [slice] : [{ ...slice, box: { ...slice.box, bottom: mid } }, { ...slice, box: { ...slice.box, top: mid + 1 } }];
      });
      queue.unshift(...halves);
      continue;
    }
    for (const { slice, range } of batch) {
      const part = toGrid(range.address, range.values, range.valueTypes);
      for (let r = slice.box.top; r < part.length; r++) slice.g.rows[r] = part[r];
    }
  }
  for (const s of slices) for (let r = 0; r < s.g.rows.length; r++) if (!s.g.rows[r]) s.g.rows[r] = [];
}

/** Cells of a sheet the add-in may read to prove it is its own: far more than any result sheet holds. */
const MAX_PROOF_CELLS = 400_000;

interface Located {
  readonly ws: Excel.Worksheet;
  readonly name: string;
  readonly hidden: boolean;
  /** The used range (values only), or null for an empty sheet. */
  readonly box: RangeBox | null;
  /** True when column A of the last used row holds the add-in's mark. */
  readonly mark: boolean;
  readonly markAt: { row: number; col: number } | null;
}

/** Two syncs: every sheet's used range, then column A of its last row (one cell a sheet). */
async function locateMarks(ctx: Excel.RequestContext): Promise<Located[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await ctx.sync();
  const used = sheets.items.map((ws) => {
    const u = ws.getUsedRangeOrNullObject(true);
    u.load('address');
    return { ws, u };
  });
  await ctx.sync();
  const withCell = used.map(({ ws, u }) => {
    const box = u.isNullObject ? null : parseRange(u.address.slice(u.address.lastIndexOf('!') + 1));
    // A result sheet starts in column A; its mark is in column A of the last row.
    const cell = box && box.left === 0 ? ws.getCell(box.bottom, 0) : null;
    cell?.load('values');
    return { ws, box, cell };
  });
  if (withCell.some((x) => x.cell)) await ctx.sync();
  return withCell.map(({ ws, box, cell }) => {
    const mark = cell ? readMark(cell.values?.[0]?.[0]) !== null : false;
    return { ws, name: ws.name, hidden: ws.visibility !== 'Visible', box, mark, markAt: mark && box ? { row: box.bottom, col: 0 } : null };
  });
}

/** Constant cells of a used range as ProofCells (formula cells left out: Excel computes their values). */
function proofCells(address: string, values: unknown[][], formulas: unknown[][]): ProofCell[] {
  const box = parseRange(address.slice(address.lastIndexOf('!') + 1));
  const top = box?.top ?? 0;
  const left = box?.left ?? 0;
  const cells: ProofCell[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      const f = formulas?.[r]?.[c];
      if (typeof f === 'string' && f.startsWith('=')) return;
      if (v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') cells.push({ row: top + r, col: left + c, value: v });
    }),
  );
  return cells;
}

function suspendCalculation(ctx: Excel.RequestContext): void {
  if (supports('ExcelApi', '1.6')) ctx.application.suspendApiCalculationUntilNextSync();
}

/** Used range values → a grid from A1, errors as { error }. */
function toGrid(address: string, values: unknown[][], types: string[][]): CellValue[][] {
  const box = parseRange(address);
  const top = box?.top ?? 0;
  const left = box?.left ?? 0;
  const grid: CellValue[][] = Array.from({ length: top }, () => []);
  values.forEach((row, r) => {
    const out: CellValue[] = new Array(left);
    row.forEach((v, c) => {
      const t = types?.[r]?.[c];
      out[left + c] = t === 'Empty' || v === '' ? null : t === 'Error' ? { error: String(v) } : (v as CellValue);
    });
    grid.push(out);
  });
  return grid;
}

/** Syncs in the middle of a large write so no request exceeds the host's limit. */
class SyncBudget {
  private bytes = 0;
  constructor(private readonly ctx: Excel.RequestContext) {}
  async add(payload: number): Promise<void> {
    this.bytes += payload;
    if (this.bytes > MAX_REQUEST_BYTES) {
      await this.ctx.sync();
      this.bytes = payload;
    }
  }
}

/** Text is written as text: a leading apostrophe keeps "=…", "+…", "-…", "@…" from becoming formulas. */
export function excelValue(v: OutCell): string | number {
  if (v === null) return '';
  if (typeof v === 'object') return v.text;
  if (typeof v === 'string' && FORMULA_LIKE.test(v)) return `'${v}`;
  return v;
}


async function renderSpec(ws: Excel.Worksheet, spec: SheetSpec, budget: SyncBudget): Promise<void> {
  for (const [r, c, v] of spec.cells) {
    const cell = ws.getCell(r, c);
    cell.values = [[excelValue(v)]];
    if (v !== null && typeof v === 'object') cell.hyperlink = { documentReference: sheetRef(v.link.sheet, v.link.cell), textToDisplay: v.text };
  }
  for (const [r, c, fmt] of spec.cellFormats ?? []) ws.getCell(r, c).numberFormat = [[fmt]];
  for (const [r, c] of spec.bold ?? []) ws.getCell(r, c).format.font.bold = true;
  for (const t of spec.tables) await renderTable(ws, t, budget);
  spec.columnWidths?.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
  layOut(ws, spec);
  for (const ch of spec.charts ?? []) {
    const n = ch.lastRow - ch.firstRow + 1;
    if (n <= 0) continue;
    const values = ws.getRangeByIndexes(ch.firstRow, ch.valueCol, n, 1);
    const chart = ws.charts.add(Excel.ChartType.barClustered, values, Excel.ChartSeriesBy.columns);
    chart.title.text = ch.title;
    chart.legend.visible = false;
    chart.series.getItemAt(0).setXAxisValues(ws.getRangeByIndexes(ch.firstRow, ch.categoryCol, n, 1));
    chart.setPosition(ws.getCell(ch.anchor[0], ch.anchor[1]));
    chart.height = Math.max(240, n * 14);
  }
}

/**
 * Frozen header rows (Worksheet.freezePanes, ExcelApi 1.7) and print setup
 * (Worksheet.pageLayout and horizontalPageBreaks, ExcelApi 1.9, only where
 * Excel has it: an older Excel prints with its defaults rather than fail).
 */
function layOut(ws: Excel.Worksheet, spec: SheetSpec): void {
  if (spec.freeze) {
    if (spec.freeze.cols) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, spec.freeze.rows, spec.freeze.cols));
    else ws.freezePanes.freezeRows(spec.freeze.rows);
  }
  const print = spec.print;
  if (!print || !supports('ExcelApi', '1.9')) return;
  const page = ws.pageLayout;
  page.orientation = print.landscape ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
  page.paperSize = Excel.PaperType.a4;
  page.zoom = print.onePage ? { horizontalFitToPages: 1, verticalFitToPages: 1 } : { horizontalFitToPages: 1 };
  if (print.titleRows) page.setPrintTitleRows(`$${print.titleRows[0] + 1}:$${print.titleRows[1] + 1}`);
  page.headersFooters.defaultForAllPages.leftHeader = headerText(print.header);
  for (const r of print.breaksBefore ?? []) if (r > 0) ws.horizontalPageBreaks.add(ws.getCell(r, 0));
}


/** An Excel table: values in slices that each fit a request, links, the totals row and number formats. */
async function renderTable(ws: Excel.Worksheet, t: OutTable, budget: SyncBudget): Promise<void> {
  const rows = t.rows.map((row) => row.map(excelValue));
  const body = [t.headers.map((h) => excelValue(h)), ...rows];
  // Rows in slices that each fit one request; the budget syncs between them.
  let start = 0;
  while (start < body.length) {
    let end = start;
    let size = 0;
    while (end < body.length) {
      const rowSize = JSON.stringify(body[end]).length + 1;
      if (end > start && size + rowSize > MAX_REQUEST_BYTES / 2) break;
      size += rowSize;
      end++;
    }
    await budget.add(size);
    ws.getRangeByIndexes(t.row + start, t.col, end - start, t.headers.length).values = body.slice(start, end);
    start = end;
  }
  const range = ws.getRangeByIndexes(t.row, t.col, body.length, t.headers.length);
  const table = ws.tables.add(range, true);
  table.name = t.name;
  table.style = 'TableStyleMedium2';
  t.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && typeof v === 'object') {
        ws.getCell(t.row + 1 + r, t.col + c).hyperlink = { documentReference: sheetRef(v.link.sheet, v.link.cell), textToDisplay: v.text };
      }
    }),
  );
  if (t.totals) {
    table.showTotals = true;
    const sums = new Set(t.totals.sumColumns);
    ws.getRangeByIndexes(t.row + 1 + rows.length, t.col, 1, t.headers.length).formulas = [
      t.headers.map((_, c) => (c === 0 ? t.totals!.label : sums.has(c) ? `=${totalsFormula(t, c)}` : '')),
    ];
  }
  const height = rows.length + (t.totals ? 1 : 0);
  for (const [colText, fmt] of Object.entries(t.formats ?? {})) {
    if (height === 0) continue;
    ws.getRangeByIndexes(t.row + 1, t.col + Number(colText), height, 1).numberFormat = Array.from({ length: height }, () => [fmt]);
  }
}
