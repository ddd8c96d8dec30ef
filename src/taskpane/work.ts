import type { Analysis, AnalyseOptions } from '../engine/analyse';
import { D, Dec } from '../engine/decimal';
import type { FollowUp, FollowUpOptions } from '../engine/followUp';
import type { PopulationFigures } from '../engine/population';
import type { PrincipalTable } from '../engine/types';
import type { Lang } from '../engine/lang';
import { CellContext, cellContext } from '../workbook/cellContext';
import { addSheets } from '../workbook/exporter';
import { allocateWorkbook, distributionFiles, distributionGate, followUpWorkbook, readWorkbook, validateWorkbook } from '../workbook/pipeline';
import { PopulationColumn, writePopulationColumn } from '../workbook/populationColumn';
import type { SheetSpec, WorkbookPort } from '../workbook/port';
import type { SheetOptions } from '../workbook/sheets';

/**
 * The pane's heavy work on the open workbook, as one interface: run here
 * over a port (Excel, where Office.js lives on the page's thread and each
 * step is a short sync), or in a Web Worker that holds the file (the browser
 * page, src/browser/worker.ts), so a national-size plan never freezes the
 * page. Results cross as data (`toWire`/`fromWire`).
 */
export interface Work {
  validate(options: AnalyseOptions): Promise<Analysis>;
  allocate(options: AnalyseOptions, sheet: SheetOptions): Promise<{ analysis: Analysis; written: string[] }>;
  followUp(options: FollowUpOptions, sheet: SheetOptions): Promise<{ followUp: FollowUp; written: string[] }>;
  /** The municipality files as one zip, or the number of errors that stop them. */
  distribute(options: AnalyseOptions, sheet: SheetOptions & { allowErrors: boolean }, progress: Progress): Promise<Distribution>;
  principals(): Promise<PrincipalTable | null>;
  fillPopulation(figures: PopulationFigures, lang: Lang): Promise<PopulationColumn>;
  addSheets(specs: readonly SheetSpec[]): Promise<string[]>;
  /** A flagged cell with its row and column labels and its neighbours. */
  cellContext(sheet: string, cell: string): Promise<CellContext | null>;
}

export type Progress = (done: number, total: number) => void;

/** The Work methods that write into the workbook: after one, the result file can be downloaded. */
export const WRITING_METHODS: ReadonlySet<string> = new Set<keyof Work>(['allocate', 'followUp', 'fillPopulation', 'addSheets']);

export type Distribution =
  | { readonly analysis: Analysis; readonly refused: number }
  | { readonly analysis: Analysis; readonly zip: Uint8Array; readonly count: number; readonly preliminary: boolean };

/** The work done on this thread, over a port. */
export function localWork(port: WorkbookPort): Work {
  return {
    validate: (options) => validateWorkbook(port, options),
    allocate: (options, sheet) => allocateWorkbook(port, options, sheet),
    followUp: (options, sheet) => followUpWorkbook(port, options, sheet),
    principals: async () => (await readWorkbook(port)).table,
    fillPopulation: (figures, lang) => writePopulationColumn(port, figures, lang),
    addSheets: (specs) => addSheets(port, specs),
    cellContext: async (sheet, cell) => cellContext(await port.readSheets([sheet]), sheet, cell),
    async distribute(options, sheet, progress) {
      const analysis = await validateWorkbook(port, options);
      const gate = distributionGate(analysis, sheet.allowErrors);
      if ('refused' in gate) return { analysis, refused: gate.refused };
      const files = distributionFiles(analysis, { ...sheet, preliminary: gate.preliminary });
      // exceljs and the zip code load only now, not with the pane.
      const [{ newWorkbookBuffer }, { default: JSZip }] = await Promise.all([import('../xlsx/exceljsWorkbook'), import('jszip')]);
      const zip = new JSZip();
      for (let i = 0; i < files.length; i++) {
        progress(i, files.length);
        zip.file(files[i].fileName, await newWorkbookBuffer([files[i].sheet]));
        // In Excel this runs on the pane's thread: let it paint the progress every few files.
        if (i % 4 === 3) await new Promise((r) => setTimeout(r, 0));
      }
      progress(files.length, files.length);
      const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
      return { analysis, zip: bytes, count: files.length, preliminary: gate.preliminary.length > 0 };
    },
  };
}

/**
 * Data for postMessage: structured clone keeps Maps, Sets, Dates and bytes
 * but not a Decimal's prototype, so every Decimal travels as its exact
 * string and comes back as the same Decimal (never through a float). An
 * object met twice is sent once (structured clone keeps shared references).
 * `forPane` leaves out what only the sheets use, which are written where
 * the work runs: each share row's per-area cells (311 principals × 60 areas
 * × 5 years are 93 300 of them), so the page has little to revive.
 */
export function toWire(v: unknown, options: { forPane?: boolean } = {}, seen = new WeakMap<object, unknown>()): unknown {
  if (D.isDecimal(v)) return { $dec: (v as Dec).toString() };
  if (v === null || typeof v !== 'object' || v instanceof Date || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
  if (seen.has(v)) return seen.get(v);
  const wire = (x: unknown) => toWire(x, options, seen);
  let out: unknown;
  if (Array.isArray(v)) out = v.map(wire);
  else if (v instanceof Map) out = new Map([...v].map(([k, x]) => [k, wire(x)]));
  else if (v instanceof Set) out = new Set([...v].map(wire));
  else out = wireObject(v, !!options.forPane && 'byArea' in v && 'roundedUp' in v && 'exactQuota' in v, wire);
  seen.set(v, out);
  return out;
}

/** A plain object's fields on the wire; a share row for the pane without its per-area cells. */
function wireObject(v: object, shareRowForPane: boolean, wire: (x: unknown) => unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'function') continue;
    o[k] = shareRowForPane && (k === 'byArea' || k === 'roundedUp') ? [] : wire(x);
  }
  return o;
}

export function fromWire<T>(v: unknown): T {
  return revive(v) as T;
}

function revive(v: unknown, seen = new WeakMap<object, unknown>()): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Date || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
  if (seen.has(v)) return seen.get(v);
  const back = (x: unknown) => revive(x, seen);
  let out: unknown;
  if (Array.isArray(v)) out = v.map(back);
  else if (v instanceof Map) out = new Map([...v].map(([k, x]) => [k, back(x)]));
  else if (v instanceof Set) out = new Set([...v].map(back));
  else {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$dec' && typeof o.$dec === 'string') out = new D(o.$dec);
    else {
      const r: Record<string, unknown> = {};
      for (const k of keys) r[k] = back(o[k]);
      out = r;
    }
  }
  seen.set(v, out);
  return out;
}
