import { fromWire, localWork, toWire, Work, WRITING_METHODS } from '../taskpane/work';
import type { WorkbookPort } from '../workbook/port';
import { ExcelJsWorkbook } from '../xlsx/exceljsWorkbook';

/**
 * The browser page's Web Worker: it holds the opened file and runs the whole
 * pipeline (reading, the engine, writing sheets, the municipality files), so
 * the page stays responsive on a national-size plan and a long task can be
 * cancelled by ending the worker. It makes no request of its own (SCB is
 * asked from the page, under the page's Content-Security-Policy).
 *
 * Messages: { id, method, args } in; { id, result } | { id, error } |
 * { id, progress: [done, total] } out. Values cross through toWire/fromWire
 * (Decimals as exact strings).
 */

interface Scope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

let workbook: ExcelJsWorkbook | null = null;
let changed = false;


async function handle(id: number, method: string, args: unknown[]): Promise<unknown> {
  if (method === 'open') {
    workbook = null;
    changed = false;
    const wb = await ExcelJsWorkbook.fromBuffer(args[0] as Uint8Array);
    const sheets = (await wb.inventory()).sheets.length;
    if (sheets > 0) workbook = wb;
    return { sheets };
  }
  if (method === 'result') return workbook && changed ? workbook.toBuffer() : null;
  if (!workbook) throw new Error('no workbook');
  const work = localWork(workbook as WorkbookPort) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  if (!(method in work)) throw new Error(`unknown method ${method}`);
  const call = method === 'distribute' ? [...args.slice(0, 2), (done: number, total: number) => scope.postMessage({ id, progress: [done, total] })] : args;
  const result = await work[method](...call);
  if (WRITING_METHODS.has(method)) changed = true;
  return result;
}

/** One message at a time, in order: an action sent while the file is still being opened waits for it. */
let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = (e: MessageEvent) => {
  const { id, method, args } = e.data as { id: number; method: keyof Work | 'open' | 'result'; args: unknown };
  queue = queue.then(() => run(id, method, args));
};

function run(id: number, method: string, args: unknown): Promise<void> {
  return handle(id, method, fromWire<unknown[]>(args)).then(
    (result) => {
      const wire = toWire(result, { forPane: true });
      scope.postMessage({ id, result: wire }, transferables(result));
    },
    (error: unknown) => {
      const e = error as { name?: string; message?: string; problem?: string; detail?: string; sheet?: string; cell?: string };
      scope.postMessage({ id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(error), problem: e?.problem, detail: e?.detail, sheet: e?.sheet, cell: e?.cell } });
    },
  );
}

/** Bytes are handed over, not copied (a national-size zip is megabytes). */
function transferables(result: unknown): Transferable[] {
  if (result instanceof Uint8Array) return [result.buffer];
  const zip = (result as { zip?: unknown } | null)?.zip;
  return zip instanceof Uint8Array ? [zip.buffer] : [];
}
