import { OfficeMockObject } from 'office-addin-mock';
import { a1, parseRange } from '../../src/workbook/a1';

/**
 * An Excel workbook for the Office.js adapter's tests, built from
 * office-addin-mock objects: what the adapter loads is only readable after
 * load() and context.sync(), as in Excel; every write is recorded per sheet.
 */

export interface Write {
  readonly what: 'values' | 'formulas' | 'numberFormat' | 'hyperlink' | 'bold' | 'columnWidth' | 'table' | 'chart' | 'select';
  readonly at: string;
  readonly value: unknown;
}

export interface FakeSheet {
  name: string;
  visibility: string;
  /** Cell values from A1, as a user typed them. */
  values: unknown[][];
  merges: string[];
  writes: Write[];
  deleted: boolean;
  /** Tables on the sheet: where they were added and the name the adapter gave them. */
  tables: Array<{ address: string; name: string }>;
  /** How many times the adapter asked for the used range (that is, fetched the cells). */
  reads?: number;
}

export interface FakeBook {
  sheets: FakeSheet[];
  names: Map<string, string>;
  /** Sizes (JSON characters) of the payloads queued between two syncs. */
  requestSizes: number[];
  syncs: number;
  /** Makes the n-th sync (1-based, counted over the book's life) fail. */
  failOnSync?: number;
  /** Makes tables.add fail on the n-th staging sheet (0-based) a write creates. */
  failTableOnStaging?: number;
}

export function fakeBook(sheets: Array<{ name: string; values: unknown[][]; merges?: string[] }>): FakeBook {
  return {
    sheets: sheets.map((s) => ({ name: s.name, visibility: 'Visible', values: s.values, merges: s.merges ?? [], writes: [], deleted: false, tables: [] })),
    names: new Map(),
    requestSizes: [],
    syncs: 0,
  };
}

export const liveSheets = (book: FakeBook) => book.sheets.filter((s) => !s.deleted);

/** The globals the adapter touches besides the context: Excel enums and Office requirement checks. */
export function installGlobals(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.Excel = {
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    ChartType: { barClustered: 'BarClustered' },
    ChartSeriesBy: { columns: 'Columns' },
  };
  g.Office = { context: { requirements: { isSetSupported: () => true } } };
}

function quoteName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Excel.run over the fake book: a fresh request context per batch. */
export function fakeRun(book: FakeBook) {
  return async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const pending: OfficeMockObject[] = [];
    const staging: FakeSheet[] = [];
    let queued = 0;
    const track = <M extends OfficeMockObject>(m: M) => {
      pending.push(m);
      return m;
    };
    const record = (sheet: FakeSheet, what: Write['what'], at: string, value: unknown) => {
      sheet.writes.push({ what, at, value });
      queued += JSON.stringify(value ?? null).length;
    };

    const rangeOf = (sheet: FakeSheet, top: number, left: number, rows: number, cols: number) => {
      const at = rows === 1 && cols === 1 ? a1(top, left) : `${a1(top, left)}:${a1(top + rows - 1, left + cols - 1)}`;
      const r = {
        address: `${quoteName(sheet.name)}!${at}`,
        set values(v: unknown) {
          record(sheet, 'values', at, v);
        },
        set formulas(v: unknown) {
          record(sheet, 'formulas', at, v);
        },
        set numberFormat(v: unknown) {
          record(sheet, 'numberFormat', at, v);
        },
        set hyperlink(v: unknown) {
          record(sheet, 'hyperlink', at, v);
        },
        format: {
          font: {
            set bold(v: boolean) {
              record(sheet, 'bold', at, v);
            },
          },
          set columnWidth(v: number) {
            record(sheet, 'columnWidth', at, v);
          },
        },
        select: () => record(sheet, 'select', at, true),
        getMergedAreasOrNullObject: () => {
          const m = track(new OfficeMockObject({ address: sheet.merges.map((x) => `${quoteName(sheet.name)}!${x}`).join(', ') }) as OfficeMockObject & { isNullObject: boolean });
          m.isNullObject = sheet.merges.length === 0;
          return m;
        },
      };
      return r;
    };

    const sheetApi = (sheet: FakeSheet) => {
      const api = {
        get name() {
          return sheet.name;
        },
        set name(v: string) {
          sheet.name = v;
        },
        set visibility(v: string) {
          sheet.visibility = v;
        },
        delete: () => {
          sheet.deleted = true;
        },
        activate: () => undefined,
        getUsedRangeOrNullObject: () => {
          sheet.reads = (sheet.reads ?? 0) + 1;
          const rows = sheet.values.length;
          const cols = sheet.values.reduce((m, r) => Math.max(m, r.length), 0);
          const empty = rows === 0 || cols === 0;
          const values = sheet.values.map((r) => Array.from({ length: cols }, (_, c) => (r[c] === undefined || r[c] === null ? '' : r[c])));
          const types = values.map((r) => r.map((v) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'string' && /^#[A-Z0-9/]+[!?]$/.test(v) ? 'Error' : 'String')));
          const m = track(new OfficeMockObject({ address: empty ? '' : `${quoteName(sheet.name)}!A1:${a1(rows - 1, cols - 1)}`, values, valueTypes: types }) as OfficeMockObject & { isNullObject: boolean });
          m.isNullObject = empty;
          return m;
        },
        getRange: (address?: string) => {
          const box = address ? parseRange(address)! : { top: 0, left: 0, bottom: 1048575, right: 16383 };
          return rangeOf(sheet, box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1);
        },
        getCell: (r: number, c: number) => rangeOf(sheet, r, c, 1, 1),
        getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => rangeOf(sheet, r, c, rows, cols),
        tables: {
          add: (range: { address: string }, hasHeaders: boolean) => {
            if (book.failTableOnStaging !== undefined && staging.indexOf(sheet) === book.failTableOnStaging) {
              throw new Error('InvalidArgument: the table cannot be added (simulated)');
            }
            const table = { address: range.address, name: '', style: '', showTotals: false };
            record(sheet, 'table', range.address, { hasHeaders });
            sheet.tables.push(table);
            return table;
          },
        },
        charts: {
          add: (type: string, range: { address: string }) => {
            record(sheet, 'chart', range.address, type);
            return {
              title: { text: '' },
              legend: { visible: true },
              series: { getItemAt: () => ({ setXAxisValues: () => undefined }) },
              setPosition: () => undefined,
              height: 0,
            };
          },
        },
      };
      return api;
    };

    const apis = new Map<FakeSheet, ReturnType<typeof sheetApi>>();
    const apiOf = (s: FakeSheet) => {
      if (!apis.has(s)) apis.set(s, sheetApi(s));
      return apis.get(s)!;
    };
    const worksheets = track(
      new OfficeMockObject({
        items: liveSheets(book).map(apiOf),
        add: (name: string) => {
          if (liveSheets(book).some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
          const s: FakeSheet = { name, visibility: 'Visible', values: [], merges: [], writes: [], deleted: false, tables: [] };
          book.sheets.push(s);
          if (name.startsWith('~sgd')) staging.push(s);
          return apiOf(s);
        },
        getItem: (name: string) => {
          const s = liveSheets(book).find((x) => x.name === name);
          if (!s) throw new Error(`ItemNotFound: ${name}`);
          return apiOf(s);
        },
        getItemOrNullObject: (name: string) => {
          const s = liveSheets(book).find((x) => x.name === name);
          return s ? apiOf(s) : { isNullObject: true, delete: () => undefined };
        },
      }),
    );
    const tables = {
      load: () => undefined,
      get items() {
        return liveSheets(book).flatMap((s) => s.tables.map((t) => ({ name: t.name, worksheet: { name: s.name } })));
      },
    };
    const names = {
      getItemOrNullObject: (name: string) => {
        const formula = book.names.get(name);
        const m = track(new OfficeMockObject({ formula: formula ?? '' }) as OfficeMockObject & { isNullObject: boolean; delete: () => void });
        m.isNullObject = formula === undefined;
        m.delete = () => book.names.delete(name);
        return m;
      },
      add: (name: string, formula: string) => {
        book.names.set(name, formula);
      },
      load: () => undefined,
      get items() {
        return [...book.names.keys()].map((name) => ({ name }));
      },
    };
    const context = new OfficeMockObject({
      workbook: { names: {}, application: {} },
      application: { suspendApiCalculationUntilNextSync: () => undefined },
    }) as unknown as Record<string, unknown> & { workbook: Record<string, unknown>; sync: () => Promise<void> };
    context.workbook.worksheets = worksheets;
    context.workbook.names = names;
    context.workbook.tables = tables;
    context.sync = async () => {
      book.syncs++;
      book.requestSizes.push(queued);
      queued = 0;
      if (book.failOnSync === book.syncs) throw new Error('GeneralException: the request failed (simulated)');
      for (const m of pending.splice(0)) await m.sync();
    };
    return batch(context as unknown as Excel.RequestContext);
  };
}
