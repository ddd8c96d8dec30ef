import ExcelJS from 'exceljs';
import { ExcelJsWorkbook } from '../src/xlsx/exceljsWorkbook';
import { readWorkbook } from '../src/workbook/pipeline';
import { countyPrincipals } from './factories';
import { municipality } from '../src/engine/reference';

export interface SheetDef {
  name: string;
  rows: unknown[][];
  merges?: string[];
  /** Cells to set raw exceljs values on (formulas, errors, rich text), by A1. */
  raw?: Record<string, ExcelJS.CellValue>;
}

/** Builds an .xlsx in memory from rows of values. */
export async function xlsx(sheets: SheetDef[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => row.forEach((v, c) => v !== undefined && v !== null && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [ref, v] of Object.entries(s.raw ?? {})) ws.getCell(ref).value = v;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function read(sheets: SheetDef[]) {
  return readWorkbook(await ExcelJsWorkbook.fromBuffer(await xlsx(sheets)));
}

/** A principals sheet of a county from the bundled SCB data. */
export function principalsSheet(county = '12', date?: string, name = 'Huvudmän'): SheetDef {
  const ps = countyPrincipals(county, date);
  return {
    name,
    rows: [['Kod', 'Namn', 'Typ', 'Folkmängd', 'Datum'], ...ps.map((p) => [p.code, municipality(p.code)?.name ?? p.name, p.kind === 'region' ? 'Region' : 'Kommun', p.population!.toNumber(), p.populationDate])],
  };
}

/** Reads .xlsx bytes with exceljs (its types predate Node's generic Buffer). */
export async function loadXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}
