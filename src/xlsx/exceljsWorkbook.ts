import ExcelJS from 'exceljs';
import { a1, sheetRef, totalsFormula } from '../workbook/a1';
import type { Flag } from '../engine/flags';
import { droppedFeatures } from '../workbook/exporter';
import { headerText } from '../workbook/layout';
import { markAt, ProofCell, provesOwned } from '../workbook/ownership';
import { canGraft, graft } from './graft';
import { checkPackage, PackageProblem, packageFacts } from './package';
import { CellNotEmptyError } from '../workbook/port';
import type { CellValue, FillCell, Inventory, OutCell, Rename, SheetGrid, SheetPrint, SheetSpec, StagedSheet, WorkbookPort } from '../workbook/port';

const MAX_CELLS_READ = 2_000_000;
/** 1904-01-01 is 1 462 days after 1900-01-01 in Excel's serial dates. */
const DAYS_1900_TO_1904 = 1462;

/** A package the file version refuses, with why. */
export class PackageError extends Error {
  constructor(readonly problem: PackageProblem) {
    super(`package: ${problem.kind}${'what' in problem ? ` (${problem.what} ${problem.found} > ${problem.limit})` : ''}`);
    this.name = 'PackageError';
  }
}

function shiftDate(v: CellValue, days: number): CellValue {
  return days && v instanceof Date ? new Date(v.getTime() + days * 86_400_000) : v;
}

/**
 * The workbook port over an .xlsx held in memory by exceljs: the file host of
 * the command line and of the browser page. Nothing is written to disk here;
 * callers save the buffer (atomically) where they choose.
 */
export class ExcelJsWorkbook implements WorkbookPort {
  /** The sheets the input had, by exceljs id and name: what is not among them at the end was added. */
  private readonly original: Map<number, string>;
  /** The spec of every sheet this run added, by its current name (the graft renders them afresh). */
  private readonly specs = new Map<string, SheetSpec>();
  /** Values written into empty cells of the user's sheets (fillEmpty), by sheet: the graft writes them into the input's parts. */
  private readonly fills: Array<{ sheet: string; cells: readonly FillCell[] }> = [];
  /** Whether the result can be the input package with the owned sheets grafted in (decided on first use). */
  private graftable: Promise<boolean> | null = null;

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    /** The bytes the workbook was read from; null for a new one. */
    private readonly source: Uint8Array | ArrayBuffer | null,
    /** Days to add to every date exceljs reads (a 1904 date system it missed). */
    private readonly dateShift = 0,
    /** The input's tables by sheet, from the package (exceljs reads a copy without them). */
    private readonly inputTables: Readonly<Record<string, readonly string[]>> = {},
  ) {
    this.original = new Map(workbook.worksheets.map((ws) => [ws.id, ws.name]));
  }

  private canGraft(): Promise<boolean> {
    if (!this.source) return Promise.resolve(false);
    this.graftable ??= canGraft(this.source);
    return this.graftable;
  }

  /**
   * Reads an .xlsx, after checking its package against PACKAGE_LIMITS.
   * @throws PackageError when the package is not a workbook, is encrypted, damaged or too large
   * @throws Error when exceljs cannot read it (callers turn both into exit code 2)
   */
  static async fromBuffer(data: ArrayBuffer | Uint8Array): Promise<ExcelJsWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const problem = checkPackage(bytes);
    if (problem) throw new PackageError(problem);
    const facts = await packageFacts(bytes).catch(() => ({ date1904: false, problem: { kind: 'damaged' } as const, readable: null, tables: {} }));
    if (facts.problem) throw new PackageError(facts.problem);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((facts.readable ?? data) as ArrayBuffer);
    return new ExcelJsWorkbook(wb, data, facts.date1904 && !wb.properties.date1904 ? DAYS_1900_TO_1904 : 0, facts.tables ?? {});
  }

  static empty(): ExcelJsWorkbook {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SGD kostnadsfördelning';
    return new ExcelJsWorkbook(wb, null);
  }

  async inventory(): Promise<Inventory> {
    const sheets = this.workbook.worksheets.map((ws) => ({ name: ws.name, owned: isOwned(ws) }));
    const owned = new Set(sheets.filter((s) => s.owned).map((s) => s.name));
    const present = new Set(this.workbook.worksheets.filter((ws) => this.original.has(ws.id)).map((ws) => ws.name));
    const tables = [
      ...Object.entries(this.inputTables).filter(([sheet]) => present.has(sheet) && !owned.has(sheet)).flatMap(([, names]) => names),
      ...this.workbook.worksheets.filter((ws) => !owned.has(ws.name)).flatMap((ws) => (ws.getTables() as unknown as ExcelJS.Table[]).map((t) => tableName(t))),
    ];
    const names = (this.workbook.definedNames.model as Array<{ name: string }>).map((n) => n.name);
    return { sheets, reservedNames: [...tables, ...names] };
  }

  async readSheets(names?: readonly string[]): Promise<SheetGrid[]> {
    let budget = MAX_CELLS_READ;
    return this.workbook.worksheets
      .filter((ws) => !names || names.includes(ws.name))
      .map((ws) => {
        const values: CellValue[][] = [];
        const hiddenRows: number[] = [];
        ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
          if (budget <= 0) return;
          if (row.hidden) hiddenRows.push(rowNumber - 1);
          const out: CellValue[] = [];
          row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
            if (budget-- <= 0) return;
            out[colNumber - 1] = shiftDate(toCellValue(cell.value), this.dateShift);
          });
          values[rowNumber - 1] = out;
        });
        for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
        const merges: string[] = ((ws.model as { merges?: string[] }).merges ?? []).slice();
        return { name: ws.name, values, merges, marked: markAt(values) !== null, hidden: ws.state !== 'visible', hiddenRows };
      });
  }

  async stage(sheets: readonly StagedSheet[]): Promise<void> {
    sheets.forEach((s, i) => {
      renderSheet(this.workbook.addWorksheet(s.name), s.spec, i);
      this.specs.set(s.name, s.spec);
    });
  }

  async discard(names: readonly string[]): Promise<void> {
    for (const name of names) {
      const ws = this.workbook.getWorksheet(name);
      if (ws) this.workbook.removeWorksheet(ws.id);
      this.specs.delete(name);
    }
  }

  async swap(remove: readonly string[], renames: readonly Rename[], tables: readonly Rename[]): Promise<void> {
    await this.discard(remove);
    for (const { from, to } of renames) {
      this.workbook.getWorksheet(from)!.name = to;
      const spec = this.specs.get(from);
      this.specs.delete(from);
      if (spec) this.specs.set(to, spec);
    }
    const byName = new Map(tables.map((t) => [t.from, t.to]));
    for (const [name, spec] of this.specs) {
      this.specs.set(name, { ...spec, tables: spec.tables.map((t) => ({ ...t, name: byName.get(t.name) ?? t.name })) });
    }
    for (const ws of this.workbook.worksheets) {
      const held = (ws as unknown as { tables: Record<string, ExcelJS.Table & { table: { name: string } }> }).tables;
      for (const [name, table] of Object.entries(held)) {
        const to = byName.get(name);
        if (!to) continue;
        delete held[name];
        table.table.name = to;
        held[to] = table;
      }
    }
  }

  async add(sheets: readonly StagedSheet[]): Promise<void> {
    sheets.forEach((s, i) => {
      renderSheet(this.workbook.addWorksheet(s.name), s.spec, 100 + i);
      this.specs.set(s.name, s.spec);
    });
  }

  /**
   * Values into empty cells of a user's sheet (a population column): checked
   * against what was read, set in the model (a second read sees them), and
   * written by the graft into the sheet's part, whose other bytes stay.
   */
  async fillEmpty(sheet: string, cells: readonly FillCell[]): Promise<void> {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws || !this.original.has(ws.id)) throw new CellNotEmptyError(sheet, '');
    for (const c of cells) {
      const v = ws.getCell(c.row + 1, c.col + 1).value;
      if (v !== null && v !== undefined && v !== '') throw new CellNotEmptyError(sheet, a1(c.row, c.col));
    }
    for (const c of cells) ws.getCell(c.row + 1, c.col + 1).value = c.value;
    this.fills.push({ sheet, cells });
  }

  /** What the result file cannot keep of the input: nothing when the sheets are grafted into the input package. */
  async writeNotes(): Promise<Flag[]> {
    if (!this.source || (await this.canGraft())) return [];
    const { default: JSZip } = await import('jszip');
    return droppedFeatures(Object.keys((await JSZip.loadAsync(this.source)).files));
  }

  /**
   * The result file. From an input package: that package, every part of the
   * user's byte for byte, with the owned sheets grafted in (graft.ts). Only
   * a package the graft cannot edit is rewritten by exceljs (writeNotes said
   * what that drops).
   */
  async toBuffer(): Promise<Uint8Array> {
    if (this.source && (await this.canGraft())) {
      const present = new Set(this.workbook.worksheets.map((ws) => ws.id));
      const remove = [...this.original].filter(([id]) => !present.has(id)).map(([, name]) => name);
      const added = this.workbook.worksheets.filter((ws) => !this.original.has(ws.id)).map((ws) => ({ name: ws.name, spec: this.specs.get(ws.name)! }));
      const fresh = await newWorkbookBuffer(added.map((a) => ({ ...a.spec, name: a.name })));
      const input = this.source instanceof Uint8Array ? this.source : new Uint8Array(this.source);
      return graft(input, fresh, { remove, add: added.map((a) => a.name), charts: added.map((a) => a.spec.charts), fills: this.fills });
    }
    // Totals rows are formulas; have Excel recalculate them when the file opens.
    this.workbook.calcProperties.fullCalcOnLoad = true;
    const buf = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  }
}


/** The constant cells of a sheet as written (formula cells left out: their values are computed). */
function proofCells(ws: ExcelJS.Worksheet, limit = 200_000): ProofCell[] | null {
  const cells: ProofCell[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cells.length >= limit) tooMany = true;
      const v = cell.value;
      if (tooMany || (v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))) return;
      const value = toCellValue(v);
      if (value === null || typeof value === 'object' || (typeof value === 'string' && value.trim() === '')) return;
      cells.push({ row: r - 1, col: c - 1, value });
    });
  });
  return tooMany ? null : cells;
}

/** True when the sheet proves to be the add-in's own (see workbook/ownership.ts). */
function isOwned(ws: ExcelJS.Worksheet): boolean {
  const cells = proofCells(ws);
  if (!cells || cells.length === 0) return false;
  const last = Math.max(...cells.map((c) => c.row));
  return provesOwned(ws.name, cells, { row: last, col: 0 });
}

/** A table's name as exceljs holds it (the model of a loaded table, the options of a new one). */
function tableName(t: ExcelJS.Table): string {
  const table = t as unknown as { name?: string; table?: { name?: string } };
  return table.table?.name ?? table.name ?? '';
}

function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v && v.error) return { error: String(v.error) };
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) {
        return { formula: String((v as { formula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula ?? '') };
      }
      return toCellValue(result as ExcelJS.CellValue);
    }
    if ('text' in v && 'hyperlink' in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}

function outValue(v: OutCell): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'object') return { text: v.text, hyperlink: `#${sheetRef(v.link.sheet, v.link.cell)}` };
  return v;
}

/** Bold in the workbook's default font: a bold font without a name or size shows in whatever a reader falls back to. */
const BOLD: Partial<ExcelJS.Font> = { bold: true, name: 'Calibri', size: 11, family: 2 };

/** Renders a sheet spec with exceljs: cells, Excel tables with totals and number formats. */
function renderSheet(ws: ExcelJS.Worksheet, spec: SheetSpec, index = 0): void {
  for (const [r, c, v] of spec.cells) ws.getCell(r + 1, c + 1).value = outValue(v);
  for (const [r, c] of spec.bold ?? []) ws.getCell(r + 1, c + 1).font = BOLD;
  for (const [r, c, fmt] of spec.cellFormats ?? []) ws.getCell(r + 1, c + 1).numFmt = fmt;
  spec.tables.forEach((t, ti) => {
    const sums = new Set(t.totals?.sumColumns ?? []);
    ws.addTable({
      name: t.name || `SGD_T${index}_${ti}`,
      ref: a1(t.row, t.col),
      headerRow: true,
      totalsRow: !!t.totals,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: t.headers.map((h, i) => ({
        name: h,
        filterButton: true,
        ...(t.totals && i === 0 ? { totalsRowLabel: t.totals.label } : {}),
        // A custom totals formula over a plain range: exceljs would write SUBTOTAL(109,Table[<header>]) with the header unescaped.
        ...(sums.has(i)
          ? {
              totalsRowFunction: 'custom' as const,
              totalsRowFormula: totalsFormula(t, i),
              ...(t.totals?.values?.[i] !== undefined ? { totalsRowResult: t.totals.values[i] } : {}),
            }
          : {}),
      })),
      rows: t.rows.map((row) => row.map(outValue)),
    });
    const lastRow = t.row + 1 + t.rows.length + (t.totals ? 1 : 0);
    for (const [colText, fmt] of Object.entries(t.formats ?? {})) {
      const col = t.col + Number(colText) + 1;
      for (let r = t.row + 2; r <= lastRow; r++) ws.getCell(r, col).numFmt = fmt;
    }
    for (let c = 0; c < t.headers.length; c++) ws.getCell(t.row + 1, t.col + c + 1).font = BOLD;
  });
  spec.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (spec.freeze) ws.views = [{ state: 'frozen', xSplit: spec.freeze.cols ?? 0, ySplit: spec.freeze.rows }];
  if (spec.print) printSetup(ws, spec.print);
}

/** Landscape or portrait A4, one page wide (and tall when it fits), header rows repeated, a header line, page breaks. */
function printSetup(ws: ExcelJS.Worksheet, print: SheetPrint): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: print.landscape ? 'landscape' : 'portrait',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: print.onePage ? 1 : 0,
    ...(print.titleRows ? { printTitlesRow: `${print.titleRows[0] + 1}:${print.titleRows[1] + 1}` } : {}),
  };
  ws.headerFooter = { oddHeader: `&L${headerText(print.header)}&R&P (&N)`, oddFooter: '' };
  for (const r of print.breaksBefore ?? []) if (r > 0) ws.getRow(r).addPageBreak();
}


/** A new workbook of plain values from sheet specs (the municipality files). */
export async function newWorkbookBuffer(specs: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SGD kostnadsfördelning';
  specs.forEach((spec, i) => renderSheet(wb.addWorksheet(spec.name.slice(0, 31)), spec, i));
  wb.calcProperties.fullCalcOnLoad = true;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
