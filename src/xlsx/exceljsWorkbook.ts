import ExcelJS from 'exceljs';
import { a1, sheetRef } from '../workbook/a1';
import type { Flag } from '../engine/flags';
import { droppedFeatures } from '../workbook/exporter';
import type { CellValue, Inventory, OutCell, SheetGrid, SheetSpec, StagedSheet, WorkbookPort } from '../workbook/port';

/** Workbook-level defined name listing the sheets the add-in owns (one range per sheet). */
export const OWNED_NAME = 'SGD_OWNED';
const MAX_CELLS_READ = 2_000_000;

/**
 * The workbook port over an .xlsx held in memory by exceljs: the file host of
 * the command line and of the browser page. Nothing is written to disk here;
 * callers save the buffer (atomically) where they choose.
 */
export class ExcelJsWorkbook implements WorkbookPort {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    /** The bytes the workbook was read from; null for a new one. */
    private readonly source: Uint8Array | ArrayBuffer | null,
  ) {}

  /** @throws Error when the bytes are not a readable .xlsx (callers turn it into exit code 2). */
  static async fromBuffer(data: ArrayBuffer | Uint8Array): Promise<ExcelJsWorkbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as ArrayBuffer);
    return new ExcelJsWorkbook(wb, data);
  }

  static empty(): ExcelJsWorkbook {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SGD kostnadsfördelning';
    return new ExcelJsWorkbook(wb, null);
  }

  async inventory(): Promise<Inventory> {
    const owned = this.ownedNames();
    const sheets = this.workbook.worksheets.map((ws) => ({ name: ws.name, owned: owned.has(ws.name) }));
    const tables = this.workbook.worksheets.filter((ws) => !owned.has(ws.name)).flatMap((ws) => (ws.getTables() as unknown as ExcelJS.Table[]).map((t) => tableName(t)));
    const names = (this.workbook.definedNames.model as Array<{ name: string }>).map((n) => n.name).filter((n) => n !== OWNED_NAME);
    return { sheets, reservedNames: [...tables, ...names] };
  }

  async readSheets(names?: readonly string[]): Promise<SheetGrid[]> {
    const owned = this.ownedNames();
    let budget = MAX_CELLS_READ;
    return this.workbook.worksheets
      .filter((ws) => !names || names.includes(ws.name))
      .map((ws) => {
        const values: CellValue[][] = [];
        ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
          if (budget <= 0) return;
          const out: CellValue[] = [];
          row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
            if (budget-- <= 0) return;
            out[colNumber - 1] = toCellValue(cell.value);
          });
          values[rowNumber - 1] = out;
        });
        for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
        const merges: string[] = ((ws.model as { merges?: string[] }).merges ?? []).slice();
        return { name: ws.name, values, merges, owned: owned.has(ws.name) };
      });
  }

  async stage(sheets: readonly StagedSheet[]): Promise<void> {
    sheets.forEach((s, i) => renderSheet(this.workbook.addWorksheet(s.name), s.spec, i));
  }

  async discard(names: readonly string[]): Promise<void> {
    for (const name of names) {
      const ws = this.workbook.getWorksheet(name);
      if (ws) this.workbook.removeWorksheet(ws.id);
    }
  }

  async swap(remove: readonly string[], renames: ReadonlyArray<{ from: string; to: string }>): Promise<void> {
    await this.discard(remove);
    for (const { from, to } of renames) this.workbook.getWorksheet(from)!.name = to;
    const names = this.workbook.definedNames;
    const entry = (names.model as Array<{ name: string; ranges: string[] }>).find((n) => n.name === OWNED_NAME);
    for (const range of entry?.ranges ?? []) names.remove(range, OWNED_NAME);
    for (const { to } of renames) names.add(sheetRef(to, '$A$1'), OWNED_NAME);
  }

  async add(sheets: readonly StagedSheet[]): Promise<void> {
    sheets.forEach((s, i) => renderSheet(this.workbook.addWorksheet(s.name), s.spec, 100 + i));
  }

  /** What the result file cannot keep of the input (charts, pivot tables, slicers, macros). */
  async writeNotes(): Promise<Flag[]> {
    if (!this.source) return [];
    const { default: JSZip } = await import('jszip');
    return droppedFeatures(Object.keys((await JSZip.loadAsync(this.source)).files));
  }

  async toBuffer(): Promise<Uint8Array> {
    // Totals rows are formulas; have Excel recalculate them when the file opens.
    this.workbook.calcProperties.fullCalcOnLoad = true;
    const buf = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  }

  private ownedNames(): Set<string> {
    const model = this.workbook.definedNames.model as Array<{ name: string; ranges: string[] }>;
    const entry = model.find((n) => n.name === OWNED_NAME);
    const names = new Set<string>();
    for (const range of entry?.ranges ?? []) {
      const sheet = range.slice(0, range.lastIndexOf('!')).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      if (this.workbook.getWorksheet(sheet)) names.add(sheet);
    }
    return names;
  }
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

/** Renders a sheet spec with exceljs: cells, Excel tables with totals and number formats. */
function renderSheet(ws: ExcelJS.Worksheet, spec: SheetSpec, index = 0): void {
  for (const [r, c, v] of spec.cells) ws.getCell(r + 1, c + 1).value = outValue(v);
  for (const [r, c] of spec.bold ?? []) ws.getCell(r + 1, c + 1).font = { bold: true };
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
        ...(sums.has(i)
          ? {
              totalsRowFunction: 'sum' as const,
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
    for (let c = 0; c < t.headers.length; c++) ws.getCell(t.row + 1, t.col + c + 1).font = { bold: true };
  });
  spec.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
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
