import { a1, parseRange } from '../../src/workbook/a1';

/**
 * A strict fake of the Excel JavaScript API, as much of it as the adapter
 * uses: a workbook that keeps every cell, and request contexts that queue
 * commands and loads until `context.sync()`, then run them in order.
 *
 * It is only as good as the rules it enforces. Each rule names its source:
 *
 * R1  Table names are unique in the whole workbook, not per sheet, compared
 *     without case; a duplicate fails with InvalidArgument.
 *     (OfficeDev/office-js#551 "Duplicate Table Name Issues"; tables and
 *     defined names share one namespace: ClosedXML#2046, XlsxWriter#319.)
 * R2  Worksheet names: 1–31 characters, none of [ ] : * ? / \, not starting
 *     or ending with an apostrophe, unique without regard to case.
 *     (Excel's rules as documented for worksheet names, e.g. DevExpress
 *     "Worksheet.Name" and the Excel UI; office-scripts-docs#560 for the
 *     ItemAlreadyExists error of a duplicate.)
 * R3  `getItem` of a missing item fails at sync with ItemNotFound;
 *     `getItemOrNullObject` gives an object whose `isNullObject` is true.
 *     (OfficeExtension.ClientObject.isNullObject; Excel.ErrorCodes.itemNotFound.)
 * R4  A defined name that refers to a deleted sheet becomes `=#REF!…`.
 *     (Excel's behaviour on deleting a referenced sheet.)
 * R5  Loaded properties, and `isNullObject`, are readable only after
 *     `context.sync()`; before, reading throws PropertyNotLoaded.
 *     (OfficeExtension.ClientObject: "You must call context.sync() before
 *     reading"; OfficeExtension.ErrorCodes.propertyNotLoaded.)
 * R6  A request or a response over 5 MB fails with
 *     RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded
 *     (Excel on the web). ("Resource limits and performance optimization for
 *     Office Add-ins", Excel add-ins; "Read or write to a large range".)
 * R7  While the user edits a cell, a batch fails with
 *     InvalidOperationInCellEditMode; a write to a protected sheet fails with
 *     AccessDenied, and so does adding, deleting or renaming a sheet while
 *     the workbook's structure is protected. (Excel.ErrorCodes;
 *     Excel.WorkbookProtection: "protecting the structure of the workbook".)
 *     Worksheet.protection.protected says whether a sheet is protected,
 *     readable after load and sync (Excel.WorksheetProtection, ExcelApi 1.2).
 * R8  Commands run in order at sync; when one fails, those before it have
 *     taken effect and those after it have not: a batch is not a transaction.
 *     ("Error handling with the application-specific JavaScript APIs".)
 * R9  A string written through `values` that starts with "=" is a formula;
 *     a leading apostrophe keeps it text (and is not part of the value).
 *     (Range.values / Range.formulas.)
 * R10 Structured references follow a table rename. (Excel renames references
 *     to a table in formulas when the table is renamed.) The adapter writes
 *     none (totals are plain ranges), but the fake keeps the rule.
 * R11 Worksheet.freezePanes (ExcelApi 1.7): freezeRows(count) freezes the
 *     top rows, freezeAt(range) the rows and columns of a range that starts
 *     at A1. (Excel.WorksheetFreezePanes.)
 * R12 Worksheet.pageLayout and horizontalPageBreaks are ExcelApi 1.9; an
 *     Excel without 1.9 fails with ApiNotFound, so an adapter must ask
 *     Office.context.requirements.isSetSupported first. Print title rows are
 *     a row address ("$8:$8"); a header or footer holds at most 255
 *     characters ([MS-OI29500] 2.1.651). (Excel.PageLayout,
 *     Excel.PageBreakCollection.add: "a page break before the top-left cell".)
 */

export const LIMIT_BYTES = 5 * 1024 * 1024;

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  top: number;
  left: number;
  rows: number;
  cols: number;
  showTotals: boolean;
  style: string;
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, FakeCell>;
  merges: string[];
  protected: boolean;
  /** How many times an adapter loaded cells (values, formulas) of this sheet. */
  reads: number;
  /** How many cells were loaded from this sheet. */
  cellsRead: number;
  charts: number;
  formats: number;
  /** R11: frozen rows and columns. */
  frozen?: { rows: number; cols: number };
  /** R12: what pageLayout was set to, and the rows page breaks come before. */
  print?: { orientation?: string; paperSize?: string; zoom?: unknown; titleRows?: string; leftHeader?: string; breaks: number[] };
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  names = new Map<string, string>();
  tables: FakeTable[] = [];
  syncs = 0;
  /** Sizes of every request and response, in bytes of JSON. */
  requestSizes: number[] = [];
  responseSizes: number[] = [];
  cellEditMode = false;
  /** Protect Workbook › Structure: no sheet may be added, deleted or renamed (R7). */
  structureProtected = false;
  /** Makes the n-th sync (1-based, over the book's life) fail before running anything. */
  failOnSync?: number;
  /** Makes the n-th command of a kind fail (R8), counted over the book's life: { what: 'tables.add', nth: 3 }. */
  failOn?: { what: string; nth: number };
  private counts = new Map<string, number>();
  selected: string | null = null;

  constructor(sheets: Array<{ name: string; values?: unknown[][]; merges?: string[]; protected?: boolean }> = []) {
    for (const s of sheets) {
      const sheet = this.addSheet(s.name);
      sheet.merges = s.merges ?? [];
      sheet.protected = !!s.protected;
      (s.values ?? []).forEach((row, r) => row.forEach((v, c) => setCell(sheet, r, c, v, 'values')));
    }
  }

  addSheet(name: string): FakeSheet {
    checkSheetName(name, this.sheets, null);
    const sheet: FakeSheet = { name, visibility: 'Visible', cells: new Map(), merges: [], protected: false, reads: 0, cellsRead: 0, charts: 0, formats: 0 };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A sheet's cells as rows of values from A1 (formulas as their computed values). */
  grid(name: string): unknown[][] {
    const s = this.sheet(name)!;
    const box = usedBox(s);
    if (!box) return [];
    return Array.from({ length: box.bottom + 1 }, (_, r) => Array.from({ length: box.right + 1 }, (_, c) => valueOf(this, s, r, c)));
  }

  /** The user deletes a sheet in Excel: its tables go with it, names referring to it become #REF! (R4). */
  deleteSheet(name: string): void {
    const s = this.sheet(name)!;
    this.sheets = this.sheets.filter((x) => x !== s);
    this.tables = this.tables.filter((t) => t.sheet !== s);
    for (const [n, f] of this.names) this.names.set(n, replaceSheetRef(f, s.name, '#REF!'));
  }

  /** True when the command of this kind is the one `failOn` names; counts it. */
  shouldFail(what: string): boolean {
    const n = (this.counts.get(what) ?? 0) + 1;
    this.counts.set(what, n);
    return this.failOn?.what === what && this.failOn.nth === n;
  }

  /** What Excel.run gives the adapter. */
  run = async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => batch(new Context(this) as unknown as Excel.RequestContext);
}

/** An error as Office.js throws it: a code from Excel.ErrorCodes or OfficeExtension.ErrorCodes. */
export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const fail = (code: string, message: string): never => {
  throw new FakeOfficeError(code, message);
};

function checkSheetName(name: string, sheets: readonly FakeSheet[], self: FakeSheet | null): void {
  // R2
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) fail('InvalidArgument', `invalid worksheet name "${name}"`);
  if (sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase())) fail('ItemAlreadyExists', `a worksheet named "${name}" exists`);
}

function checkTableName(book: FakeWorkbook, name: string, self: FakeTable): void {
  // R1: unique over every table and defined name of the workbook, without case.
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
  const taken = [...book.tables.filter((t) => t !== self).map((t) => t.name), ...book.names.keys()];
  if (taken.some((n) => n.toLowerCase() === name.toLowerCase())) fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
}

/** R7: a protected workbook structure refuses sheets added, deleted or renamed. */
function structure(book: FakeWorkbook): void {
  if (book.structureProtected) fail('AccessDenied', 'The workbook structure is protected.');
}

const key = (r: number, c: number) => `${r},${c}`;

function setCell(sheet: FakeSheet, r: number, c: number, v: unknown, via: 'values' | 'formulas'): void {
  if (v === null || v === undefined || v === '') {
    sheet.cells.delete(key(r, c));
    return;
  }
  if (typeof v === 'string' && v.startsWith("'")) {
    sheet.cells.set(key(r, c), { value: v.slice(1) }); // R9
    return;
  }
  if (typeof v === 'string' && v.startsWith('=')) {
    sheet.cells.set(key(r, c), { value: 0, formula: v }); // R9 (through values too)
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') sheet.cells.set(key(r, c), { value: v });
  else fail('InvalidArgument', `cannot write ${String(v)} through ${via}`);
}

/** The computed value of a cell: constants as they are; SUBTOTAL(109, A1:B2) summed; other formulas #NAME?. */
function valueOf(book: FakeWorkbook, sheet: FakeSheet, r: number, c: number): string | number | boolean {
  const cell = sheet.cells.get(key(r, c));
  if (!cell) return '';
  if (!cell.formula) return cell.value;
  const m = /^=SUBTOTAL\(109,([A-Z]+\d+:[A-Z]+\d+)\)$/.exec(cell.formula);
  if (!m) return '#NAME?';
  const box = parseRange(m[1])!;
  let sum = 0;
  for (let rr = box.top; rr <= box.bottom; rr++)
    for (let cc = box.left; cc <= box.right; cc++) {
      const v = valueOf(book, sheet, rr, cc);
      if (typeof v === 'number') sum += v;
    }
  return sum;
}

function usedBox(sheet: FakeSheet) {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const k of sheet.cells.keys()) {
    const [r, c] = k.split(',').map(Number);
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}

/** A formula with every reference to the sheet (quoted or not) replaced by `by`. */
const replaceSheetRef = (formula: string, sheet: string, by: string) =>
  formula.split(`'${sheet.replace(/'/g, "''")}'!`).join(by).split(new RegExp(`(?<=[=,(])${sheet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!`, 'g')).join(by);

const quote = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
const size = (x: unknown) => JSON.stringify(x ?? null).length;

type Entry = { kind: 'command'; what: string; run: () => void; bytes: number } | { kind: 'load'; run: () => number };

/** A request context: commands and loads wait in a queue for sync (R5, R8). */
class Context {
  readonly queue: Entry[] = [];
  readonly workbook: Record<string, unknown>;
  readonly application = { suspendApiCalculationUntilNextSync: () => this.command(() => undefined, 16, 'suspendCalculation') };

  constructor(readonly book: FakeWorkbook) {
    this.workbook = {
      worksheets: new WorksheetCollection(this),
      tables: new TableCollection(this),
      names: new NameCollection(this),
    };
  }

  command(run: () => void, bytes = 16, what = 'command'): void {
    this.queue.push({ kind: 'command', what, run, bytes });
  }

  load(run: () => number): void {
    this.queue.push({ kind: 'load', run });
  }

  async sync(): Promise<void> {
    const book = this.book;
    book.syncs++;
    const entries = this.queue.splice(0);
    const request = entries.reduce((s, e) => s + (e.kind === 'command' ? e.bytes : 32), 0);
    book.requestSizes.push(request);
    if (book.failOnSync === book.syncs) fail('GeneralException', 'the request failed (simulated)');
    if (book.cellEditMode) fail('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.'); // R7
    if (request > LIMIT_BYTES) fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.'); // R6
    let response = 0;
    for (const e of entries) {
      if (e.kind === 'command') {
        if (book.shouldFail(e.what)) fail('GeneralException', `${e.what} failed (simulated)`);
        e.run(); // R8: what ran before a failure stays done
      } else {
        response += e.run();
      }
    }
    book.responseSizes.push(response);
    if (response > LIMIT_BYTES) fail('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.'); // R6
  }
}

/** A proxy whose properties are readable only once a sync has loaded them (R5). */
class Loadable {
  private readonly loaded = new Map<string, unknown>();
  private nullObject: boolean | undefined;
  constructor(protected readonly ctx: Context) {}

  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop)) fail('PropertyNotLoaded', `The property '${prop}' is not available. Load it and call context.sync() first.`);
    return this.loaded.get(prop) as T;
  }

  protected fill(prop: string, value: unknown): number {
    this.loaded.set(prop, value);
    return size(value);
  }

  protected markNull(isNull: boolean): void {
    this.nullObject = isNull;
  }

  get isNullObject(): boolean {
    if (this.nullObject === undefined) fail('PropertyNotLoaded', 'isNullObject is readable after context.sync()');
    return this.nullObject!;
  }
}

class WorksheetCollection extends Loadable {
  private listed: Worksheet[] | null = null;

  load(_props?: string): void {
    this.ctx.load(() => {
      this.listed = this.ctx.book.sheets.map((s) => new Worksheet(this.ctx, () => s, s.name, s.visibility));
      return this.listed.reduce((n, w) => n + size(w.cachedName), 0);
    });
  }

  get items(): Worksheet[] {
    if (!this.listed) fail('PropertyNotLoaded', 'worksheets.items is readable after load and sync');
    return this.listed!;
  }

  add(name: string): Worksheet {
    let sheet: FakeSheet | null = null;
    this.ctx.command(() => (sheet = (structure(this.ctx.book), this.ctx.book.addSheet(name))), 16, 'worksheets.add');
    return new Worksheet(this.ctx, () => sheet ?? fail('ItemNotFound', `worksheet ${name} was not added`), name);
  }

  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, () => this.ctx.book.sheet(name) ?? fail('ItemNotFound', `The requested resource doesn't exist: ${name}`), name); // R3
  }

  getItemOrNullObject(name: string): Worksheet {
    const ws = new Worksheet(this.ctx, () => this.ctx.book.sheet(name) ?? null, name);
    this.ctx.load(() => {
      ws.setNull(!this.ctx.book.sheet(name));
      return 8;
    });
    return ws;
  }
}

class Worksheet extends Loadable {
  readonly tables: { add: (range: Range, hasHeaders: boolean) => Table };
  readonly charts: { add: (type: string, range: Range, seriesBy: string) => unknown };
  readonly freezePanes: { freezeRows: (count: number) => void; freezeAt: (range: Range) => void };

  private bound: FakeSheet | null = null;

  constructor(
    ctx: Context,
    private readonly lookup: () => FakeSheet | null,
    readonly cachedName: string,
    private readonly cachedVisibility?: string,
  ) {
    super(ctx);
    this.tables = { add: (range, hasHeaders) => this.addTable(range, hasHeaders) };
    this.freezePanes = {
      freezeRows: (count) => this.write((s) => (s.frozen = { rows: count, cols: 0 }), 16, 'freezePanes'),
      freezeAt: (range) =>
        this.write(
          (s) => {
            const box = range.box();
            if (!box || box.top !== 0 || box.left !== 0) fail('InvalidArgument', 'freezeAt takes a range from A1'); // R11
            s.frozen = { rows: box!.rows, cols: box!.cols };
          },
          16,
          'freezePanes',
        ),
    };
    this.charts = {
      add: () => {
        this.ctx.command(() => this.sheet().charts++);
        const chart = { title: { text: '' }, legend: { visible: true }, series: { getItemAt: () => ({ setXAxisValues: () => undefined }) }, setPosition: () => undefined, height: 0 };
        return chart;
      },
    };
  }

  setNull(isNull: boolean): void {
    this.markNull(isNull);
  }

  /** R12: ExcelApi 1.9 or ApiNotFound. */
  private needs19(what: string): void {
    if (fakeApi.version < 1.9) fail('ApiNotFound', `${what} needs ExcelApi 1.9`);
  }

  private setPrint(k: 'orientation' | 'paperSize' | 'zoom' | 'titleRows' | 'leftHeader', v: unknown): void {
    this.write(
      (s) => {
        s.print ??= { breaks: [] };
        (s.print as Record<string, unknown>)[k] = v;
      },
      16,
      'pageLayout',
    );
  }

  get pageLayout(): unknown {
    this.needs19('pageLayout');
    const set = (k: Parameters<Worksheet['setPrint']>[0], v: unknown) => this.setPrint(k, v);
    return {
      set orientation(v: string) {
        set('orientation', v);
      },
      set paperSize(v: string) {
        set('paperSize', v);
      },
      set zoom(v: unknown) {
        set('zoom', v);
      },
      setPrintTitleRows: (address: string) => {
        if (!/^\$\d+:\$\d+$/.test(address)) fail('InvalidArgument', `print title rows must be a row address, not ${address}`);
        set('titleRows', address);
      },
      headersFooters: {
        defaultForAllPages: {
          set leftHeader(v: string) {
            if (v.length > 255) fail('InvalidArgument', 'a header holds at most 255 characters');
            set('leftHeader', v);
          },
        },
      },
    };
  }

  get horizontalPageBreaks(): { add: (at: Range) => void } {
    this.needs19('horizontalPageBreaks');
    return {
      add: (at) =>
        this.write(
          (s) => {
            s.print ??= { breaks: [] };
            s.print.breaks.push(at.box()?.top ?? fail('InvalidArgument', 'no cell'));
          },
          16,
          'pageBreaks',
        ),
    };
  }

  /** A proxy refers to the object it first found, not to a name: renaming it does not lose it. */
  resolve(): FakeSheet | null {
    if (!this.bound) this.bound = this.lookup();
    return this.bound;
  }

  sheet(): FakeSheet {
    return this.resolve() ?? fail('ItemNotFound', `The requested resource doesn't exist: ${this.cachedName}`);
  }

  /** Writes check R7's protection before they run. */
  write(run: (s: FakeSheet) => void, bytes = 16, what = 'write'): void {
    this.ctx.command(
      () => {
        const s = this.sheet();
        if (s.protected) fail('AccessDenied', `The sheet ${s.name} is protected.`);
        run(s);
      },
      bytes,
      what,
    );
  }

  get name(): string {
    return this.cachedName;
  }

  set name(v: string) {
    this.ctx.command(() => {
      const s = this.sheet();
      structure(this.ctx.book);
      checkSheetName(v, this.ctx.book.sheets, s); // R2
      const old = s.name;
      s.name = v;
      for (const [n, f] of this.ctx.book.names) this.ctx.book.names.set(n, replaceSheetRef(f, old, `${quote(v)}!`));
    });
  }

  /** R7: Worksheet.protection, its `protected` readable after load and sync (R5). */
  get protection(): { load(props?: string): void; readonly protected: boolean } {
    let loaded: boolean | undefined;
    const ctx = this.ctx;
    const sheet = () => this.sheet();
    return {
      load: () => ctx.load(() => ((loaded = sheet().protected), 8)),
      get protected(): boolean {
        if (loaded === undefined) fail('PropertyNotLoaded', 'protection.protected is readable after load and sync');
        return loaded!;
      },
    };
  }

  get visibility(): string {
    if (this.cachedVisibility === undefined) fail('PropertyNotLoaded', 'visibility is readable after load and sync');
    return this.cachedVisibility!;
  }

  set visibility(v: string) {
    this.ctx.command(() => (this.sheet().visibility = v as FakeSheet['visibility']));
  }

  delete(): void {
    this.ctx.command(() => {
      const s = this.resolve();
      if (!s) {
        if (this.cachedName && this.isNullSafe()) return;
        fail('ItemNotFound', `The requested resource doesn't exist: ${this.cachedName}`);
      }
      const book = this.ctx.book;
      structure(book);
      book.sheets = book.sheets.filter((x) => x !== s);
      book.tables = book.tables.filter((t) => t.sheet !== s);
      for (const [n, f] of book.names) book.names.set(n, replaceSheetRef(f, s!.name, '#REF!')); // R4
    });
  }

  /** A null object (from getItemOrNullObject) deletes nothing and does not fail. */
  private isNullSafe(): boolean {
    try {
      return this.isNullObject;
    } catch {
      return false;
    }
  }

  activate(): void {
    this.ctx.command(() => this.sheet());
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): Range {
    const range = new Range(this.ctx, this, () => {
      const box = usedBox(this.sheet());
      return box ? { top: box.top, left: box.left, rows: box.bottom - box.top + 1, cols: box.right - box.left + 1 } : null;
    });
    this.ctx.load(() => {
      range.setNull(usedBox(this.sheet()) === null);
      return 8;
    });
    return range;
  }

  getUsedRange(_valuesOnly?: boolean): Range {
    return new Range(this.ctx, this, () => {
      const box = usedBox(this.sheet());
      return box ? { top: box.top, left: box.left, rows: box.bottom - box.top + 1, cols: box.right - box.left + 1 } : fail('ItemNotFound', 'the sheet is empty');
    });
  }

  getRange(address?: string): Range {
    const box = address ? parseRange(address)! : { top: 0, left: 0, bottom: 1048575, right: 16383 };
    return new Range(this.ctx, this, () => ({ top: box.top, left: box.left, rows: box.bottom - box.top + 1, cols: box.right - box.left + 1 }));
  }

  getCell(r: number, c: number): Range {
    return new Range(this.ctx, this, () => ({ top: r, left: c, rows: 1, cols: 1 }));
  }

  getRangeByIndexes(r: number, c: number, rows: number, cols: number): Range {
    return new Range(this.ctx, this, () => ({ top: r, left: c, rows, cols }));
  }

  private addTable(range: Range, _hasHeaders: boolean): Table {
    let made: FakeTable | null = null;
    this.write((s) => {
      const box = range.box() ?? fail('InvalidArgument', 'the range has no cells');
      const book = this.ctx.book;
      let k = book.tables.length + 1;
      while (book.tables.some((t) => t.name.toLowerCase() === `table${k}`)) k++;
      made = { name: `Table${k}`, sheet: s, top: box.top, left: box.left, rows: box.rows, cols: box.cols, showTotals: false, style: '' };
      book.tables.push(made);
    }, 16, 'tables.add');
    return new Table(this.ctx, () => made ?? fail('ItemNotFound', 'the table was not added'));
  }
}

class Table {
  constructor(
    private readonly ctx: Context,
    private readonly resolve: () => FakeTable,
  ) {}

  set name(v: string) {
    this.ctx.command(() => {
      const t = this.resolve();
      checkTableName(this.ctx.book, v, t); // R1
      const old = t.name;
      t.name = v;
      // R10: structured references follow the rename.
      for (const s of this.ctx.book.sheets)
        for (const cell of s.cells.values()) if (cell.formula) cell.formula = cell.formula.split(`${old}[`).join(`${v}[`);
    });
  }

  set style(v: string) {
    this.ctx.command(() => (this.resolve().style = v));
  }

  set showTotals(v: boolean) {
    this.ctx.command(() => {
      const t = this.resolve();
      if (v && !t.showTotals) t.rows++;
      t.showTotals = v;
    });
  }
}

class Range extends Loadable {
  readonly format: { font: { bold: boolean }; columnWidth: number };

  constructor(
    ctx: Context,
    private readonly ws: Worksheet,
    readonly box: () => { top: number; left: number; rows: number; cols: number } | null,
  ) {
    super(ctx);
    const write = (bytes = 16) => this.ws.write((s) => s.formats++, bytes);
    this.format = {
      font: {
        set bold(_v: boolean) {
          write();
        },
      } as { bold: boolean },
      set columnWidth(_v: number) {
        write();
      },
    } as { font: { bold: boolean }; columnWidth: number };
  }

  setNull(isNull: boolean): void {
    this.markNull(isNull);
  }

  load(props: string): void {
    const wanted = props.split(',').map((p) => p.trim());
    this.ctx.load(() => {
      const box = this.box();
      if (!box) return 0;
      const s = this.ws.sheet();
      const at = `${quote(s.name)}!${a1(box.top, box.left)}${box.rows * box.cols > 1 ? `:${a1(box.top + box.rows - 1, box.left + box.cols - 1)}` : ''}`;
      let bytes = 0;
      const cells = (f: (r: number, c: number) => unknown) => Array.from({ length: box.rows }, (_, r) => Array.from({ length: box.cols }, (_, c) => f(box.top + r, box.left + c)));
      const book = this.ctx.book;
      if (wanted.some((w) => w === 'values' || w === 'formulas' || w === 'valueTypes')) {
        s.reads++;
        s.cellsRead += box.rows * box.cols;
      }
      for (const w of wanted) {
        if (w === 'address') bytes += this.fill('address', at);
        else if (w === 'rowCount') bytes += this.fill('rowCount', box.rows);
        else if (w === 'columnCount') bytes += this.fill('columnCount', box.cols);
        else if (w === 'values') bytes += this.fill('values', cells((r, c) => valueOf(book, s, r, c)));
        else if (w === 'formulas') bytes += this.fill('formulas', cells((r, c) => s.cells.get(key(r, c))?.formula ?? valueOf(book, s, r, c)));
        else if (w === 'valueTypes')
          bytes += this.fill(
            'valueTypes',
            cells((r, c) => {
              const v = valueOf(book, s, r, c);
              return v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : /^#[A-Z0-9/]+[!?]$/.test(String(v)) ? 'Error' : 'String';
            }),
          );
        else fail('InvalidArgument', `the fake does not know the property ${w}`);
      }
      return bytes;
    });
  }

  get address(): string {
    return this.got('address');
  }

  get values(): unknown[][] {
    return this.got('values');
  }

  set values(v: unknown[][]) {
    this.writeCells(v, 'values');
  }

  get formulas(): unknown[][] {
    return this.got('formulas');
  }

  set formulas(v: unknown[][]) {
    this.writeCells(v, 'formulas');
  }

  get valueTypes(): string[][] {
    return this.got('valueTypes');
  }

  set numberFormat(v: unknown) {
    this.ws.write((s) => s.formats++, size(v));
  }

  set hyperlink(v: unknown) {
    this.ws.write((s) => s.formats++, size(v));
  }

  select(): void {
    this.ctx.command(() => {
      const box = this.box()!;
      this.ctx.book.selected = `${this.ws.sheet().name}!${a1(box.top, box.left)}`;
    });
  }

  getMergedAreasOrNullObject(): Range {
    const merged = new Range(this.ctx, this.ws, () => null);
    this.ctx.load(() => {
      const s = this.ws.sheet();
      merged.setNull(s.merges.length === 0);
      return merged.fillAddress(s.merges.map((m) => `${quote(s.name)}!${m}`).join(', '));
    });
    return merged;
  }

  fillAddress(address: string): number {
    return this.fill('address', address);
  }

  private writeCells(v: unknown[][], via: 'values' | 'formulas'): void {
    this.ws.write((s) => {
      const box = this.box()!;
      if (v.length !== box.rows || v.some((row) => row.length !== box.cols)) fail('InvalidArgument', 'The number of rows or columns in the input array does not match the size or dimensions of the range.');
      v.forEach((row, r) => row.forEach((x, c) => setCell(s, box.top + r, box.left + c, x, via)));
    }, size(v));
  }
}

class TableCollection {
  private listed: Array<{ name: string; worksheet: { name: string } }> | null = null;
  constructor(private readonly ctx: Context) {}

  load(_props?: string): void {
    this.ctx.load(() => {
      this.listed = this.ctx.book.tables.map((t) => ({ name: t.name, worksheet: { name: t.sheet.name } }));
      return size(this.listed);
    });
  }

  get items() {
    if (!this.listed) fail('PropertyNotLoaded', 'tables.items is readable after load and sync');
    return this.listed!;
  }

  getItem(name: string): Table {
    return new Table(this.ctx, () => this.ctx.book.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? fail('ItemNotFound', `The requested resource doesn't exist: ${name}`)); // R3
  }
}

class NameCollection {
  private listed: Array<{ name: string; formula: string }> | null = null;
  constructor(private readonly ctx: Context) {}

  load(_props?: string): void {
    this.ctx.load(() => {
      this.listed = [...this.ctx.book.names].map(([name, formula]) => ({ name, formula }));
      return size(this.listed);
    });
  }

  get items() {
    if (!this.listed) fail('PropertyNotLoaded', 'names.items is readable after load and sync');
    return this.listed!;
  }

  add(name: string, formula: string): void {
    this.ctx.command(() => {
      if ([...this.ctx.book.names.keys(), ...this.ctx.book.tables.map((t) => t.name)].some((n) => n.toLowerCase() === name.toLowerCase())) fail('ItemAlreadyExists', `the name ${name} exists`);
      this.ctx.book.names.set(name, formula);
    });
  }
}

/** The ExcelApi version the fake Excel has (R12); a test may lower it and must put it back. */
export const fakeApi = { version: 1.9 };

/** Office's globals as the adapter touches them besides the context: enums and requirement checks. */
export function installOfficeGlobals(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.Excel = {
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    ChartType: { barClustered: 'BarClustered' },
    ChartSeriesBy: { columns: 'Columns' },
  };
  g.Excel = { ...(g.Excel as object), PageOrientation: { landscape: 'Landscape', portrait: 'Portrait' }, PaperType: { a4: 'A4' } };
  // R12: the requirement sets of the fake Excel (fakeApi.version, 1.9 unless a test lowers it).
  g.Office = { context: { requirements: { isSetSupported: (set: string, version?: string) => set !== 'ExcelApi' || Number(version ?? '1.1') <= fakeApi.version } } };
}
