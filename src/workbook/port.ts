import type { Flag } from '../engine/flags';

/**
 * The workbook port: the one small interface through which every host (Excel
 * through Office.js, an .xlsx file through exceljs, a file in the browser)
 * is read and written. Reading a plan and writing results only use this.
 */

/** A cell as the readers see it: the computed value, or an error value. */
export type CellValue =
  | string
  | number
  | boolean
  | Date
  | null
  | { readonly error: string }
  /** A formula whose computed value the file does not hold. */
  | { readonly formula: string };

export interface SheetGrid {
  readonly name: string;
  /** Values from A1: values[r][c] is the cell at row r+1, column c+1. Rows may be ragged. */
  readonly values: ReadonlyArray<ReadonlyArray<CellValue>>;
  /** Merged areas as A1 ranges, e.g. "B1:C1". The value sits in the top-left cell. */
  readonly merges: readonly string[];
  /**
   * True when the sheet carries the add-in's mark (workbook/ownership.ts): it
   * holds the add-in's output, never a plan, so the readers skip it. Whether
   * the add-in may replace it is a stronger question (Inventory).
   */
  readonly marked: boolean;
  /** A hidden or very hidden sheet: never read as the plan (the user does not see it). */
  readonly hidden?: boolean;
  /** Hidden rows (0-based) that hold cells. */
  readonly hiddenRows?: readonly number[];
  /** Set when only the first rows were read (the sheet is longer than any plan): the row count read. */
  readonly truncatedAt?: number;
}

/** A cell to write: a value, or a text with a link to another cell. */
export type OutCell =
  | string
  | number
  | null
  | { readonly text: string; readonly link: { readonly sheet: string; readonly cell: string } };

export interface OutTable {
  /** Excel table name, unique in the workbook. */
  readonly name: string;
  /** Top-left cell of the header row (0-based). */
  readonly row: number;
  readonly col: number;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<OutCell>>;
  /**
   * A totals row that sums these columns (by index); others show a label or
   * nothing. `values` are the sums computed exactly, shown until Excel
   * recalculates (files) — never a float sum of the cells.
   */
  readonly totals?: { readonly label: string; readonly sumColumns: readonly number[]; readonly values?: Readonly<Record<number, number>> };
  /** Number format per column index. */
  readonly formats?: Readonly<Record<number, string>>;
}

/** A bar chart of one column against another (Excel draws it; files get it from graft.ts). */
export interface OutChart {
  readonly title: string;
  /** First data row (0-based), last data row, the category column and the value column. */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly categoryCol: number;
  readonly valueCol: number;
  /** Top-left cell of the chart. */
  readonly anchor: readonly [number, number];
}

/** A sheet the add-in owns, described as data so every host can render it. */
export interface SheetSpec {
  readonly name: string;
  /** Free cells above or beside the tables: titles, notes. [row, col, value] */
  readonly cells: ReadonlyArray<readonly [number, number, OutCell]>;
  readonly tables: readonly OutTable[];
  readonly columnWidths?: readonly number[];
  /** Cells shown bold: [row, col] */
  readonly bold?: ReadonlyArray<readonly [number, number]>;
  readonly cellFormats?: ReadonlyArray<readonly [number, number, string]>;
  readonly charts?: readonly OutChart[];
  /** Rows (and columns) kept in view when scrolling: the main table's header. */
  readonly freeze?: { readonly rows: number; readonly cols?: number };
  /** How the sheet prints: orientation, one page wide (and tall when it fits), repeated header rows, a header line. */
  readonly print?: SheetPrint;
}

export interface SheetPrint {
  readonly landscape: boolean;
  /** Also one page tall (a year of a county's principals fits); otherwise as many pages as needed. */
  readonly onePage: boolean;
  /** Rows repeated on every printed page (0-based, inclusive). */
  readonly titleRows?: readonly [number, number];
  /** The text at the top of every page (plan and date); printed as text, never as header codes. */
  readonly header: string;
  /** Page breaks before these rows (0-based): a municipality file prints one year per page. */
  readonly breaksBefore?: readonly number[];
}

export interface SheetInfo {
  readonly name: string;
  /** True when the sheet proves to be the add-in's own (workbook/ownership.ts), so the exporter may replace it. */
  readonly owned: boolean;
}

/** What the exporter needs to know before it writes: the sheets, and names it must not take. */
export interface Inventory {
  readonly sheets: readonly SheetInfo[];
  /**
   * Table names and defined names outside the add-in's own sheets. Excel keeps
   * tables and defined names in one namespace per workbook, compared without
   * regard to case, so a result table may take none of them.
   */
  readonly reservedNames: readonly string[];
}

/** A name now and the name it gets. */
export interface Rename {
  readonly from: string;
  readonly to: string;
}

/** A sheet to render under a name the exporter chose. */
export interface StagedSheet {
  readonly name: string;
  readonly spec: SheetSpec;
}

/**
 * The primitives a host gives the exporter (src/workbook/exporter.ts), which
 * owns the logic of replacing the add-in's sheets: which are ours, free
 * names, staging, the swap and rolling back. Each primitive is one round trip
 * where the host has round trips (Excel), so a write-back costs a fixed
 * number of them.
 */
export interface SheetStore {
  inventory(): Promise<Inventory>;
  /** Renders the sheets as new, hidden sheets (Excel) under their staging names. */
  stage(sheets: readonly StagedSheet[]): Promise<void>;
  /** Deletes these sheets if they exist (staging sheets after a failure); never throws for a missing one. */
  discard(names: readonly string[]): Promise<void>;
  /**
   * In one step: delete `remove` (old owned sheets, with their tables), then
   * rename every staged sheet and table to its final name and show the
   * sheets. Staged tables carry staging names because Excel keeps table
   * names unique in the whole workbook, and the old results hold the final
   * ones until they are removed.
   */
  swap(remove: readonly string[], renames: readonly Rename[], tables: readonly Rename[]): Promise<void>;
  /** Adds sheets for the user, not marked as owned (a plan template). */
  add(sheets: readonly StagedSheet[]): Promise<void>;
}

/** The one interface every host implements: read the user's sheets, and the store primitives to write. */
export interface WorkbookPort extends SheetStore {
  /** The used cells of these sheets (all when absent), in one round trip where the host allows. */
  readSheets(names?: readonly string[]): Promise<SheetGrid[]>;
  /**
   * Findings about writing into this workbook (a file copy that cannot keep
   * the input's charts); none in Excel, which writes into the workbook itself.
   */
  writeNotes?(): Promise<Flag[]>;
  /**
   * Writes values into cells of a user's sheet that are empty, checking each
   * as it writes: the one write outside the add-in's own sheets (a dated
   * population column the user asked for). All or nothing.
   * @throws CellNotEmptyError (nothing written) when a cell holds a value or a formula
   */
  fillEmpty?(sheet: string, cells: readonly FillCell[]): Promise<void>;
}

/** A value for an empty cell of a user's sheet, looking like the cell `styleFrom` of the same sheet where the host can copy a style. */
export interface FillCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | number;
  readonly styleFrom?: readonly [number, number];
}

/** A cell meant to be empty holds something: nothing was written. */
export class CellNotEmptyError extends Error {
  constructor(
    readonly sheet: string,
    readonly cell: string,
  ) {
    super(`${sheet}!${cell} is not empty`);
    this.name = 'CellNotEmptyError';
  }
}

/** Text that a spreadsheet would take as a formula if written as it is. */
export const FORMULA_LIKE = /^[=+\-@]/;

/** Number formats, locale-independent codes that Swedish Excel shows as 1 750 000 kr. */
export const FORMATS = {
  kr: '#,##0 "kr";-#,##0 "kr";0 "kr"',
  ore: '#,##0.00 "kr";-#,##0.00 "kr";0.00 "kr"',
  rate: '0.00 "öre/inv"',
  integer: '#,##0',
  percent: '0.00%',
  text: '@',
} as const;

/**
 * A sheet name not taken yet (case-insensitive, as Excel compares them), at
 * most 31 characters: "SGD Kontroller", else "SGD Kontroller (2)". Adds it to `taken`.
 */
export function freeSheetName(wanted: string, taken: Set<string>): string {
  let name = wanted.slice(0, 31);
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${wanted.slice(0, 26)} (${k})`;
  taken.add(name.toLowerCase());
  return name;
}
