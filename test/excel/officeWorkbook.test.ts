import * as fs from 'fs';
import * as path from 'path';
import { OfficeWorkbook, excelValue, ownedSheets, MAX_REQUEST_BYTES } from '../../src/excel/officeWorkbook';
import { writeOwnedSheets } from '../../src/workbook/exporter';
import { allocateWorkbook, validateWorkbook } from '../../src/workbook/pipeline';
import type { SheetSpec } from '../../src/workbook/port';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { fakeBook, FakeBook, fakeRun, installGlobals, liveSheets } from './mockExcel';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'sgd-handlingsplan-2024.xlsx');
const OPTIONS = { rounding: 'kr' as const };
const SHEET_OPTIONS = { lang: 'sv' as const, source: 'test' };

/** The bundled example as Excel would hold it: values and merged areas. */
async function exampleBook(): Promise<FakeBook> {
  const grids = await (await ExcelJsWorkbook.fromBuffer(fs.readFileSync(EXAMPLE))).readSheets();
  return fakeBook(grids.map((g) => ({ name: g.name, values: g.values.map((r) => Array.from(r, (v) => (v && typeof v === 'object' && 'error' in v ? v.error : v))), merges: [...g.merges] })));
}

const userSheets = ['Samlad budget', 'Huvudmän'];

beforeAll(() => installGlobals());

describe('OfficeWorkbook (office-addin-mock)', () => {
  it('validates in two context.sync() calls and finds the four errors', async () => {
    const book = await exampleBook();
    const a = await validateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS);
    expect(a.flags.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell])).toEqual([
      ['TOTAL_MISMATCH', 'C14'],
      ['DUPLICATE_YEAR', 'C22'],
      ['RATE_MISMATCH', 'B23'],
      ['RATE_MISMATCH', 'C23'],
    ]);
    expect(book.syncs).toBe(2);
  });

  it('allocates and writes back in five syncs, into its own sheets only', async () => {
    const book = await exampleBook();
    const { written } = await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    expect(book.syncs).toBeLessThanOrEqual(6);
    expect(book.syncs).toBe(5);
    expect(written).toEqual(['SGD Fördelning 2023', 'SGD Fördelning 2024', 'SGD Kontroller', 'SGD Revision']);
    for (const name of userSheets) expect(liveSheets(book).find((s) => s.name === name)!.writes).toEqual([]);
    expect(liveSheets(book).map((s) => [s.name, s.visibility])).toEqual([
      ['Samlad budget', 'Visible'],
      ['Huvudmän', 'Visible'],
      ...written.map((n) => [n, 'Visible']),
    ]);
    expect([...ownedSheets({ isNullObject: false, formula: book.names.get('SGD_OWNED') })]).toEqual(written);
    const y2024 = liveSheets(book).find((s) => s.name === 'SGD Fördelning 2024')!;
    expect(y2024.writes.some((w) => w.what === 'table')).toBe(true);
    expect(y2024.writes.some((w) => w.what === 'chart')).toBe(true);
    const totals = y2024.writes.find((w) => w.what === 'formulas')!.value as string[][];
    expect(totals[0][0]).toBe('Summa');
    expect(totals[0]).toContain('=SUBTOTAL(109,SGD_Fordelning_2024[Summa])');
  });

  it('running twice gives the same sheets, not duplicates', async () => {
    const book = await exampleBook();
    await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    const first = liveSheets(book).map((s) => s.name);
    await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    expect(liveSheets(book).map((s) => s.name)).toEqual(first);
    expect(book.sheets.filter((s) => s.deleted).map((s) => s.name)).toEqual(first.slice(2));
  });

  it('keeps the previous results when a write fails in the middle', async () => {
    const book = await exampleBook();
    await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    const before = liveSheets(book).map((s) => ({ name: s.name, writes: s.writes.length }));
    book.failTableOnStaging = 2;
    await expect(allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS)).rejects.toThrow(/simulated/);
    expect(liveSheets(book).map((s) => ({ name: s.name, writes: s.writes.length }))).toEqual(before);
    expect(liveSheets(book).some((s) => s.name.startsWith('~sgd'))).toBe(false);
  });

  it('keeps the previous results when the write’s sync itself fails', async () => {
    const book = await exampleBook();
    await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    const before = liveSheets(book).map((s) => s.name);
    book.failOnSync = book.syncs + 4; // read (2) + load names (1) + the staged write (1)
    await expect(allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS)).rejects.toThrow(/simulated/);
    expect(liveSheets(book).map((s) => s.name)).toEqual(before);
  });

  it('leaves a user sheet with an owned sheet’s name alone', async () => {
    const book = await exampleBook();
    book.sheets.push({ name: 'SGD Kontroller', visibility: 'Visible', values: [['mina anteckningar']], merges: [], writes: [], deleted: false, tables: [] });
    const { written } = await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    expect(written).toContain('SGD Kontroller (2)');
    expect(liveSheets(book).find((s) => s.name === 'SGD Kontroller')!.writes).toEqual([]);
  });

  it('writes text that starts with =, +, - or @ as text', async () => {
    expect(excelValue('=cmd|\' /C calc\'!A0')).toBe("'=cmd|' /C calc'!A0");
    expect(excelValue('+46')).toBe("'+46");
    expect(excelValue('-x')).toBe("'-x");
    expect(excelValue('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(excelValue('Malmö')).toBe('Malmö');
    expect(excelValue(-5)).toBe(-5);
    const book = fakeBook([{ name: 'Plan', values: [['Insatsområde', 'År', 'Belopp'], ['=HYPERLINK("x")', 2025, 100]] }]);
    await writeOwnedSheets(new OfficeWorkbook(fakeRun(book)), [{ name: 'SGD Test', cells: [[0, 0, '=HYPERLINK("x")']], tables: [] }]);
    const written = liveSheets(book).find((s) => s.name === 'SGD Test')!.writes.find((w) => w.what === 'values')!;
    expect(written.value).toEqual([["'=HYPERLINK(\"x\")"]]);
  });

  it('splits a large write so no request exceeds the limit', async () => {
    const book = fakeBook([{ name: 'Plan', values: [['x']] }]);
    const big = 'x'.repeat(200);
    const rows = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${big}${r}-${c}`));
    const spec = (i: number): SheetSpec => ({ name: `SGD Stor ${i}`, cells: [], tables: [{ name: `T${i}`, row: 0, col: 0, headers: rows[0].map((_, c) => `K${c}`), rows }] });
    await writeOwnedSheets(new OfficeWorkbook(fakeRun(book)), [spec(1), spec(2), spec(3)]);
    expect(book.syncs).toBeGreaterThan(3);
    expect(Math.max(...book.requestSizes)).toBeLessThan(4 * 1024 * 1024);
    expect(MAX_REQUEST_BYTES).toBeLessThan(4 * 1024 * 1024);
  });

  it('reads errors as error values and merged areas', async () => {
    const book = fakeBook([{ name: 'Budget', values: [['Insatsområde', 'BUDGET 2024', ''], ['X', '#REF!']], merges: ['B1:C1'] }]);
    const [grid] = await new OfficeWorkbook(fakeRun(book)).readSheets();
    expect(grid.values[1]).toEqual(['X', { error: '#REF!' }, null]);
    expect(grid.merges).toEqual(['B1:C1']);
  });
});

describe('reading a workbook that already has results', () => {
  it('does not fetch the cells of its own sheets', async () => {
    const book = await exampleBook();
    await allocateWorkbook(new OfficeWorkbook(fakeRun(book)), OPTIONS, SHEET_OPTIONS);
    book.sheets.forEach((s) => (s.reads = 0));
    const grids = await new OfficeWorkbook(fakeRun(book)).readSheets();
    expect(grids.filter((g) => g.owned).map((g) => g.name)).toEqual(['SGD Fördelning 2023', 'SGD Fördelning 2024', 'SGD Kontroller', 'SGD Revision']);
    expect(liveSheets(book).map((s) => [s.name, s.reads])).toEqual([
      ['Samlad budget', 1],
      ['Huvudmän', 1],
      ['SGD Fördelning 2023', 0],
      ['SGD Fördelning 2024', 0],
      ['SGD Kontroller', 0],
      ['SGD Revision', 0],
    ]);
    expect(grids.find((g) => g.name === 'Samlad budget')!.values.length).toBe(25);
  });
});
