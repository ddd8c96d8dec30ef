import * as fs from 'fs';
import * as path from 'path';
import { excelValue, MAX_REQUEST_BYTES, OfficeWorkbook } from '../../src/excel/officeWorkbook';
import { Controller } from '../../src/taskpane/controller';
import { writeOwnedSheets } from '../../src/workbook/exporter';
import { allocateWorkbook, validateWorkbook } from '../../src/workbook/pipeline';
import type { SheetSpec } from '../../src/workbook/port';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { FakeWorkbook, fakeApi, installOfficeGlobals, LIMIT_BYTES } from './fakeExcel';
import { populationDatasets } from '../../src/engine/reference';
import { CellNotEmptyError } from '../../src/workbook/port';
import { countyResponse } from '../scb/fixtures';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'sgd-handlingsplan-2024.xlsx');
const OPTIONS = { rounding: 'kr' as const };
const SHEET_OPTIONS = { lang: 'sv' as const, source: 'test' };
const RESULTS = ['SGD Fördelning 2023', 'SGD Fördelning 2024', 'SGD Period 2023–2024', 'SGD Kontroller', 'SGD Revision'];

/** The bundled example as Excel would hold it: values and merged areas. */
async function exampleBook(): Promise<FakeWorkbook> {
  const grids = await (await ExcelJsWorkbook.fromBuffer(fs.readFileSync(EXAMPLE))).readSheets();
  return new FakeWorkbook(grids.map((g) => ({ name: g.name, values: g.values.map((r) => Array.from(r, (v) => (v && typeof v === 'object' && 'error' in v ? v.error : v))), merges: [...g.merges] })));
}

const userSheets = ['Samlad budget', 'Huvudmän'];
const names = (book: FakeWorkbook) => book.sheets.map((s) => s.name);
/** The pane's host in Excel over the fake: the workbook's port, no downloads. */
const excelHost = (book: FakeWorkbook) => ({
  kind: 'excel' as const,
  port: async () => new OfficeWorkbook(book.run),
  workbookName: () => 'bok.xlsx',
  selectCell: async () => undefined,
  resultDownload: async () => null,
  save: () => undefined,
  openHelp: () => undefined,
});
const allocate = (book: FakeWorkbook) => allocateWorkbook(new OfficeWorkbook(book.run), OPTIONS, SHEET_OPTIONS);

beforeAll(() => installOfficeGlobals());

describe('OfficeWorkbook against the strict fake', () => {
  it('validates in three syncs plus one per slice and finds the four errors', async () => {
    const book = await exampleBook();
    const a = await validateWorkbook(new OfficeWorkbook(book.run), OPTIONS);
    expect(a.flags.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell])).toEqual([
      ['TOTAL_MISMATCH', 'C14'],
      ['DUPLICATE_YEAR', 'C22'],
      ['RATE_MISMATCH', 'B23'],
      ['RATE_MISMATCH', 'C23'],
    ]);
    expect(book.syncs).toBe(3 + 1);
  });

  it('writes back in at most six syncs, into its own sheets only, with totals Excel can compute', async () => {
    const book = await exampleBook();
    const before = userSheets.map((n) => new Map(book.sheet(n)!.cells));
    await validateWorkbook(new OfficeWorkbook(book.run), OPTIONS);
    const validated = book.syncs;
    const { written } = await allocate(book);
    expect(book.syncs - 2 * validated).toBeLessThanOrEqual(6); // allocate validates again first
    expect(written).toEqual(RESULTS);
    userSheets.forEach((n, i) => expect(book.sheet(n)!.cells).toEqual(before[i]));
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual([...userSheets.map((n) => [n, 'Visible']), ...written.map((n) => [n, 'Visible'])]);
    expect(book.tables.map((t) => t.name)).toEqual(['SGD_Fordelning_2023', 'SGD_Fordelning_2024', 'SGD_Period_Huvudman', 'SGD_Period_Omrade', 'SGD_Kontroller', 'SGD_Revision']);
    const grid = book.grid('SGD Fördelning 2024');
    const totals = grid.find((r) => r[0] === 'Summa')!;
    // Region Skåne 875 000 + municipalities 875 000, computed by the fake from the formula.
    expect(totals).toContain(1_750_000);
    expect(book.sheet('SGD Fördelning 2024')!.charts).toBe(1);
  });

  it('freezes the header rows and sets up printing where Excel has ExcelApi 1.9 (R11, R12)', async () => {
    const book = await exampleBook();
    await allocate(book);
    const year = book.sheet('SGD Fördelning 2024')!;
    expect(year.frozen).toEqual({ rows: 8, cols: 2 });
    expect(year.print).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, titleRows: '$8:$8' });
    expect(year.print!.leftHeader).toBe('test – Fördelning av gemensam budget 2024');
    expect(book.sheet('SGD Kontroller')!.print!.zoom).toEqual({ horizontalFitToPages: 1 });
  });

  it('on an Excel without ExcelApi 1.9 it still writes, frozen, with Excel\'s own print defaults (no ApiNotFound)', async () => {
    const book = await exampleBook();
    fakeApi.version = 1.7;
    try {
      const { written } = await allocate(book);
      expect(written).toEqual(RESULTS);
      expect(book.sheet('SGD Fördelning 2024')!.frozen).toEqual({ rows: 8, cols: 2 });
      expect(book.sheet('SGD Fördelning 2024')!.print).toBeUndefined();
    } finally {
      fakeApi.version = 1.9;
    }
  });

  it('"Fördela" three times, deleting and renaming result sheets in between: one set of results, no staging sheets, renamed sheets kept', async () => {
    const book = await exampleBook();
    await allocate(book);
    // The user deletes one result sheet and renames another to keep it.
    book.deleteSheet('SGD Kontroller');
    book.sheet('SGD Revision')!.name = 'Revision januari';
    await allocate(book);
    expect(names(book)).toEqual([...userSheets, 'Revision januari', ...RESULTS]);
    book.sheet('SGD Fördelning 2023')!.name = 'Mitt 2023';
    await allocate(book);
    await allocate(book);
    expect(names(book)).toEqual([...userSheets, 'Revision januari', 'Mitt 2023', ...RESULTS]);
    expect(names(book).some((n) => n.startsWith('~sgd'))).toBe(false);
    // Table names stay unique in the workbook (R1) and the renamed sheets keep theirs.
    const tableNames = book.tables.map((t) => t.name.toLowerCase());
    expect(new Set(tableNames).size).toBe(tableNames.length);
  });

  it('never deletes a user sheet a workbook name points at (a crafted SGD_OWNED)', async () => {
    const book = await exampleBook();
    book.names.set('SGD_OWNED', "='Samlad budget'!$A$1,'Huvudmän'!$A$1");
    await allocate(book);
    expect(names(book)).toEqual([...userSheets, ...RESULTS]);
  });

  it('keeps a result sheet the user edited (it is theirs now) and writes beside it', async () => {
    const book = await exampleBook();
    await allocate(book);
    book.sheet('SGD Kontroller')!.cells.set('1,6', { value: 'min kommentar' });
    const { written } = await allocate(book);
    expect(written).toContain('SGD Kontroller (2)');
    expect(book.sheet('SGD Kontroller')!.cells.get('1,6')).toEqual({ value: 'min kommentar' });
  });

  it('leaves a user sheet with an owned sheet’s name alone', async () => {
    const book = await exampleBook();
    book.addSheet('SGD Kontroller').cells.set('0,0', { value: 'mina anteckningar' });
    const { written } = await allocate(book);
    expect(written).toContain('SGD Kontroller (2)');
    expect(book.grid('SGD Kontroller')).toEqual([['mina anteckningar']]);
  });

  it('gives its tables free names when the user has a table or a defined name of the same name', async () => {
    const book = await exampleBook();
    book.names.set('SGD_Kontroller', '=1');
    book.tables.push({ name: 'SGD_Fordelning_2024', sheet: book.sheet('Huvudmän')!, top: 0, left: 0, rows: 2, cols: 2, showTotals: false, style: '' });
    await allocate(book);
    expect(book.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['SGD_Fordelning_2024', 'SGD_Fordelning_2024_2', 'SGD_Kontroller_2']));
  });

  it('keeps the previous results when staging fails in the middle (R8), and leaves no staging sheets', async () => {
    const book = await exampleBook();
    await allocate(book);
    const before = book.sheets.map((s) => ({ name: s.name, cells: new Map(s.cells) }));
    // The third table of the staging fails; the commands before it have run (R8).
    book.failOn = { what: 'tables.add', nth: 4 + 3 };
    await expect(allocate(book)).rejects.toThrow(/simulated/);
    expect(book.sheets.map((s) => ({ name: s.name, cells: s.cells }))).toEqual(before);
  });

  it('keeps the previous results when a whole sync fails', async () => {
    const book = await exampleBook();
    await allocate(book);
    const before = names(book);
    book.failOnSync = book.syncs + 4 + 3 + 1; // read, inventory, then the staging sync
    await expect(allocate(book)).rejects.toThrow(/simulated/);
    expect(names(book)).toEqual(before);
  });

  it('writes text that starts with =, +, - or @ as text (R9)', async () => {
    expect(excelValue('=cmd|\' /C calc\'!A0')).toBe("'=cmd|' /C calc'!A0");
    expect(excelValue('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(excelValue(-5)).toBe(-5);
    const book = new FakeWorkbook([{ name: 'Plan', values: [['x']] }]);
    await writeOwnedSheets(new OfficeWorkbook(book.run), [{ name: 'SGD Test', cells: [[0, 0, '=HYPERLINK("x")']], tables: [] }]);
    expect(book.sheet('SGD Test')!.cells.get('0,0')).toEqual({ value: '=HYPERLINK("x")' });
  });

  it('splits a large write so no request passes the limit (R6)', async () => {
    const book = new FakeWorkbook([{ name: 'Plan', values: [['x']] }]);
    const big = 'x'.repeat(200);
    const rows = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${big}${r}-${c}`));
    const spec = (i: number): SheetSpec => ({ name: `SGD Stor ${i}`, cells: [], tables: [{ name: `Stor_${i}`, row: 0, col: 0, headers: rows[0].map((_, c) => `K${c}`), rows }] });
    await writeOwnedSheets(new OfficeWorkbook(book.run), [spec(1), spec(2), spec(3)]);
    expect(Math.max(...book.requestSizes)).toBeLessThan(LIMIT_BYTES);
    expect(MAX_REQUEST_BYTES).toBeLessThan(4 * 1024 * 1024);
  });

  it('validates a workbook with a 300 000 × 10 ledger beside the plan, no request or response over 4 MB', async () => {
    const book = await exampleBook();
    const ledger = book.addSheet('Huvudbok');
    for (let r = 0; r < 300_000; r++) for (let c = 0; c < 10; c++) ledger.cells.set(`${r},${c}`, { value: r * 10 + c });
    const a = await validateWorkbook(new OfficeWorkbook(book.run), OPTIONS);
    expect(a.flags.filter((f) => f.severity === 'error')).toHaveLength(4);
    expect(a.flags.map((f) => f.code)).toContain('SHEET_TRUNCATED');
    expect(Math.max(...book.requestSizes, ...book.responseSizes)).toBeLessThan(4 * 1024 * 1024);
  });

  it('turns Excel’s errors into guidance in the pane’s language, and keeps the results', async () => {
    const book = await exampleBook();
    const host = excelHost(book);
    const controller = new Controller(host);
    await controller.allocate();
    const before = names(book);
    book.cellEditMode = true;
    await controller.allocate();
    expect(controller.getState().error).toBe('Något gick fel: Excel redigerar en cell. Tryck Enter eller Esc i cellen och försök igen.');
    book.cellEditMode = false;
    book.structureProtected = true;
    controller.setLang('en');
    await controller.allocate();
    expect(controller.getState().error).toBe('Something went wrong: The workbook or a sheet is protected. Unprotect it (Review › Unprotect) and try again.');
    expect(names(book)).toEqual(before);
  });

  it('"Hämta folkmängd från SCB" in Excel: a dated column beside the principals, only into empty cells; a protected sheet or offline changes nothing', async () => {
    const book = await exampleBook();
    const host = excelHost(book);
    let reply: Response | Error = new TypeError('fetch failed');
    const requests: string[] = [];
    const fetch = (async (url: string) => {
      requests.push(url);
      if (reply instanceof Error) throw reply;
      return reply;
    }) as unknown as typeof globalThis.fetch;
    const controller = new Controller(host, { scbYear: 2019 }, { scb: { fetch, retryDelaysMs: [], now: () => new Date('2026-02-01T09:00:00Z') } });
    const before = new Map(book.sheet('Huvudmän')!.cells);
    // Offline: the message, no cell written.
    await controller.fetchPopulation();
    expect(controller.getState().error).toBe('Något gick fel: kunde inte nå SCB (statistikdatabasen.scb.se); inget ändrades. Är datorn ansluten till internet?');
    expect(book.sheet('Huvudmän')!.cells).toEqual(before);
    // A protected principals sheet (R7): Excel's refusal as guidance, nothing written.
    reply = new Response(JSON.stringify(countyResponse('12', '2019-12-31')), { status: 200 });
    book.sheet('Huvudmän')!.protected = true;
    await controller.fetchPopulation();
    expect(controller.getState().error).toMatch(/^Något gick fel: .*skydd/);
    expect(book.sheet('Huvudmän')!.cells).toEqual(before);
    // Allowed: the plan's county (12, from Region Skåne's code), SCB's figures for 2019-12-31 in column G, the source three rows below.
    book.sheet('Huvudmän')!.protected = false;
    reply = new Response(JSON.stringify(countyResponse('12', '2019-12-31')), { status: 200 });
    await controller.fetchPopulation();
    expect(controller.getState().error).toBeNull();
    expect(controller.getState().population!.column).toMatchObject({ sheet: 'Huvudmän', column: 'G', header: 'Folkmängd 2019-12-31 (SCB)', filled: 34, unmatched: [] });
    expect(requests).toHaveLength(3);
    const grid = book.grid('Huvudmän');
    const ds = populationDatasets('12').find((d) => d.date === '2019-12-31')!;
    expect(grid[0][6]).toBe('Folkmängd 2019-12-31 (SCB)');
    expect(grid[1].slice(0, 2)).toEqual(['12', 'Region Skåne']);
    expect(grid[1][6]).toBe(ds.rows.reduce((s, [, p]) => s + p, 0));
    for (const row of grid.slice(2, 35)) expect(row[6]).toBe(new Map(ds.rows).get(String(row[0])));
    expect(String(grid[37][6])).toMatch(/^Källa för Folkmängd 2019-12-31 \(SCB\): SCB, folkmängd 31 december 2019, tabell TAB638 \(https:\/\/statistikdatabasen\.scb\.se\/api\/v2\/tables\/TAB638\/data\), hämtad 2026-02-01 09:00$/);
    // Every cell the user had is as it was.
    for (const [k, v] of before) expect(book.sheet('Huvudmän')!.cells.get(k)).toEqual(v);
    // The plan still validates as before, now with both dates read.
    const a = await validateWorkbook(new OfficeWorkbook(book.run), OPTIONS);
    expect(a.flags.filter((f) => f.severity === 'error')).toHaveLength(4);
  });

  it('a flag clicked in Excel: the cell is selected in Excel, and the pane shows it with its labels and neighbours', async () => {
    const book = await exampleBook();
    const selected: string[] = [];
    const port = new OfficeWorkbook(book.run);
    const host = { ...excelHost(book), port: async () => port, selectCell: async (sheet: string, cell: string) => void selected.push(`${sheet}!${cell}`) };
    const controller = new Controller(host);
    const a = (await controller.validate())!;
    const rate = a.flags.find((f) => f.code === 'RATE_MISMATCH')!;
    await controller.showFlag(rate);
    expect(selected).toEqual([`Samlad budget!${rate.cell}`]);
    const x = controller.getState().flagContext!.context!;
    expect([x.sheet, x.cell, x.rowLabel, x.columnLabel]).toEqual(['Samlad budget', 'B23', 'Kostnad per invånare och organisation', 'Verksamhetsåret 2023']);
    expect(x.rows).toHaveLength(3);
    expect(x.rows[x.at[0]][x.at[1]][0]).toBe('B23');
    // A second click hides it.
    await controller.showFlag(rate);
    expect(controller.getState().flagContext).toBeNull();
  });

  it('fixed percentages chosen for a plan without a % column: said at the model control, and the lines are held back and listed, not split as 0 kr', async () => {
    const book = await exampleBook();
    const host = excelHost(book);
    const controller = new Controller(host);
    controller.setOptions({ model: 'percent' });
    await controller.allocate();
    expect(controller.getState().controlErrors.model).toBe('Nyckelkolumnen % finns inte i huvudmännens tabell.');
    const y2024 = controller.getState().analysis!.years.find((y) => y.year === 2024)!;
    expect(y2024.held.map((h) => [h.area, h.amount.toNumber(), h.reason])).toContainEqual(['Mina planer', 500_000, 'model-not-applicable']);
    expect(y2024.held.reduce((s, h) => s + h.amount.toNumber(), 0)).toBe(1_750_000);
    // Another choice clears what was said.
    controller.setOptions({ model: '' });
    expect(controller.getState().controlErrors.model).toBeUndefined();
  });

  it('fillEmpty refuses a cell that holds something, and writes nothing then', async () => {
    const book = new FakeWorkbook([{ name: 'H', values: [['Kod', 'Namn'], ['12', 'Region Skåne']] }]);
    book.sheet('H')!.cells.set('1,3', { value: '', formula: '=1+1' });
    await expect(new OfficeWorkbook(book.run).fillEmpty('H', [{ row: 0, col: 2, value: 'x' }, { row: 1, col: 3, value: 5 }])).rejects.toBeInstanceOf(CellNotEmptyError);
    expect(book.sheet('H')!.cells.has('0,2')).toBe(false);
  });

  it('on Excel for Mac, "Skapa kommunfiler" saves nothing it cannot, says why and opens the browser page', async () => {
    const book = await exampleBook();
    const saved: string[] = [];
    const opened: string[] = [];
    const host = {
      kind: 'excel' as const,
      canDownload: false,
      port: async () => new OfficeWorkbook(book.run),
      workbookName: () => 'bok.xlsx',
      selectCell: async () => undefined,
      resultDownload: async () => null,
      save: (d: { name: string }) => void saved.push(d.name),
      openHelp: () => undefined,
      openBrowserPage: () => void opened.push('browser.html'),
    };
    const controller = new Controller(host);
    await controller.distribute();
    expect(saved).toEqual([]);
    expect(opened).toEqual(['browser.html']);
    expect(controller.getState().notice).toMatch(/^Excel för Mac kan inte spara filer från panelen/);
  });

  it('says what is wrong at the control and never allocates all years for none ticked; a changed choice clears the results on screen', async () => {
    const book = await exampleBook();
    const host = excelHost(book);
    const controller = new Controller(host);
    await controller.allocate();
    expect(controller.getState().allocation).not.toBeNull();
    controller.setOptions({ years: [] });
    expect(controller.getState().allocation).toBeNull();
    expect(controller.getState().controlErrors.years).toBe('Välj minst ett år.');
    const syncs = book.syncs;
    await controller.allocate();
    expect(book.syncs).toBe(syncs); // nothing read or written
    expect(controller.getState().error).toBe('Något gick fel: Välj minst ett år.');
    controller.setOptions({ years: null, ratio: '2/3:1/3' });
    expect(controller.getState().controlErrors).toEqual({ ratio: 'Förhållandet ska vara två positiva tal, t.ex. 1:1, 2:1 eller 60/40.', years: null });
    await controller.allocate();
    expect(controller.getState().allocation).toBeNull();
    controller.setOptions({ ratio: '2:1' });
    await controller.allocate();
    expect(controller.getState().allocation).not.toBeNull();
  });

  it('"Skapa planmall" in Excel adds sheets for the user, and refuses a first year outside last year to ten years ahead', async () => {
    const book = await exampleBook();
    const host = excelHost(book);
    const controller = new Controller(host);
    controller.setTemplateChoice({ firstYear: 1850 });
    expect(controller.getState().templateError).toMatch(/^Första året ska vara mellan \d{4} och \d{4}\.$/);
    await controller.insertTemplate();
    expect(names(book)).toEqual(userSheets);
    controller.setTemplateChoice({ firstYear: new Date().getFullYear() + 1 });
    await controller.insertTemplate();
    expect(names(book)).toEqual([...userSheets, 'Handlingsplan', 'Huvudmän (2)']);
  });

  it('reads errors as error values and merged areas', async () => {
    const book = new FakeWorkbook([{ name: 'Budget', values: [['Insatsområde', 'BUDGET 2024', ''], ['X', '#REF!']], merges: ['B1:C1'] }]);
    const [grid] = await new OfficeWorkbook(book.run).readSheets();
    expect(grid.values[1]).toEqual(['X', { error: '#REF!' }]);
    expect(grid.merges).toEqual(['B1:C1']);
  });

  it('does not fetch the cells of its own sheets when reading', async () => {
    const book = await exampleBook();
    await allocate(book);
    book.sheets.forEach((s) => (s.cellsRead = 0));
    const grids = await new OfficeWorkbook(book.run).readSheets();
    expect(grids.filter((g) => g.marked).map((g) => g.name)).toEqual(RESULTS);
    // One cell of each result sheet (its mark), every cell of the user's.
    expect(book.sheets.map((s) => [s.name, s.cellsRead])).toEqual([...userSheets.map((n) => [n, expect.any(Number)]), ...RESULTS.map((n) => [n, 1])]);
    expect(book.sheet('Samlad budget')!.cellsRead).toBeGreaterThan(50);
    expect(grids.find((g) => g.name === 'Samlad budget')!.values.length).toBe(25);
  });
});

describe('the strict fake enforces its rules', () => {
  it('R1: a second table of the same name, even on another sheet, fails', async () => {
    const book = new FakeWorkbook([{ name: 'A' }, { name: 'B' }]);
    await expect(
      book.run(async (ctx) => {
        for (const s of ['A', 'B']) {
          const ws = ctx.workbook.worksheets.getItem(s);
          ws.getRange('A1:B2').values = [['x', 'y'], [1, 2]];
          ws.tables.add(ws.getRange('A1:B2') as never, true).name = 'T';
        }
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('R2, R3, R5: sheet names, missing items, properties before sync', async () => {
    const book = new FakeWorkbook([{ name: 'A' }]);
    await expect(book.run(async (ctx) => (ctx.workbook.worksheets.add('a'), ctx.sync()))).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(book.run(async (ctx) => (ctx.workbook.worksheets.add('x'.repeat(32)), ctx.sync()))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(book.run(async (ctx) => (ctx.workbook.worksheets.add('a/b'), ctx.sync()))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(book.run(async (ctx) => (ctx.workbook.worksheets.getItem('Nej').delete(), ctx.sync()))).rejects.toMatchObject({ code: 'ItemNotFound' });
    await expect(
      book.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('A').getUsedRangeOrNullObject(true);
        r.load('address');
        return r.isNullObject;
      }),
    ).rejects.toMatchObject({ code: 'PropertyNotLoaded' });
  });

  it('R4: a name that refers to a deleted sheet becomes #REF!', async () => {
    const book = new FakeWorkbook([{ name: 'A' }, { name: 'B' }]);
    book.names.set('N', "='A'!$A$1");
    await book.run(async (ctx) => (ctx.workbook.worksheets.getItem('A').delete(), ctx.sync()));
    expect(book.names.get('N')).toBe('=#REF!$A$1');
  });

  it('R6, R7: payload limits, cell edit mode, protected sheets', async () => {
    const book = new FakeWorkbook([{ name: 'A', protected: true }, { name: 'B' }]);
    const huge = [['x'.repeat(LIMIT_BYTES)]];
    await expect(book.run(async (ctx) => ((ctx.workbook.worksheets.getItem('B').getRange('A1').values = huge), ctx.sync()))).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    await expect(book.run(async (ctx) => ((ctx.workbook.worksheets.getItem('A').getRange('A1').values = [[1]]), ctx.sync()))).rejects.toMatchObject({ code: 'AccessDenied' });
    book.cellEditMode = true;
    await expect(book.run(async (ctx) => ctx.sync())).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  });
});
