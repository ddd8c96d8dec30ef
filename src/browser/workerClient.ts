import { fromWire, localWork, toWire, Work, WRITING_METHODS } from '../taskpane/work';
import { PopulationColumnError } from '../workbook/populationColumn';
import { CellNotEmptyError } from '../workbook/port';
import type { ExcelJsWorkbook } from '../xlsx/exceljsWorkbook';

/** The user cancelled a long action: the worker was ended and the file read again as it was opened. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  progress?: (done: number, total: number) => void;
}

/**
 * The page's side of the worker (worker.ts): the Work interface as messages,
 * the file's bytes kept so that cancelling (ending the worker) can open it
 * again. Where a browser has no workers, the same work runs on the page.
 */
export class WorkerClient implements Work {
  private worker: Worker | null = null;
  private local: ExcelJsWorkbook | null = null;
  private localChanged = false;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private bytes: Uint8Array | null = null;

  constructor(private readonly scriptUrl: () => string = () => new URL('worker.js', location.href).href) {}

  /** Opens a file; throws with the reason when it is no workbook (nothing stays open then). */
  async open(bytes: Uint8Array): Promise<void> {
    this.bytes = null;
    // A copy is handed over (transferred, not cloned again); the original stays here for a reopen after Avbryt.
    const { sheets } = (await this.call('open', [bytes.slice()])) as { sheets: number };
    if (sheets === 0) throw new Error('no sheets');
    this.bytes = bytes;
  }

  /** Ends the running action: the worker is ended, a new one opens the file as it was chosen. */
  async cancel(): Promise<void> {
    const bytes = this.bytes;
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new CancelledError());
    this.pending.clear();
    if (bytes) await this.open(bytes);
  }

  resultBytes(): Promise<Uint8Array | null> {
    return this.call('result', []) as Promise<Uint8Array | null>;
  }

  validate: Work['validate'] = (options) => this.call('validate', [options]) as ReturnType<Work['validate']>;
  allocate: Work['allocate'] = (options, sheet) => this.call('allocate', [options, sheet]) as ReturnType<Work['allocate']>;
  followUp: Work['followUp'] = (options, sheet) => this.call('followUp', [options, sheet]) as ReturnType<Work['followUp']>;
  principals: Work['principals'] = () => this.call('principals', []) as ReturnType<Work['principals']>;
  fillPopulation: Work['fillPopulation'] = (figures, lang) => this.call('fillPopulation', [figures, lang]) as ReturnType<Work['fillPopulation']>;
  addSheets: Work['addSheets'] = (specs) => this.call('addSheets', [specs]) as ReturnType<Work['addSheets']>;
  cellContext: Work['cellContext'] = (sheet, cell) => this.call('cellContext', [sheet, cell]) as ReturnType<Work['cellContext']>;
  distribute: Work['distribute'] = (options, sheet, progress) => this.call('distribute', [options, sheet], undefined, progress) as ReturnType<Work['distribute']>;

  private ensure(): Worker | null {
    if (typeof Worker === 'undefined') return null;
    if (!this.worker) {
      this.worker = new Worker(this.scriptUrl());
      this.worker.onmessage = (e: MessageEvent) => this.receive(e.data);
      this.worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        for (const p of this.pending.values()) p.reject(new Error(e.message || 'worker failed'));
        this.pending.clear();
        this.worker = null;
      };
    }
    return this.worker;
  }

  private call(method: string, args: unknown[], transfer?: Transferable[], progress?: (done: number, total: number) => void): Promise<unknown> {
    const worker = this.ensure();
    if (!worker) return this.callHere(method, args, progress);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      const wire = toWire(args);
      worker.postMessage({ id, method, args: wire }, transfer ?? (args[0] instanceof Uint8Array ? [args[0].buffer] : []));
    });
  }

  private receive(data: { id: number; result?: unknown; error?: WireError; progress?: [number, number] }): void {
    const p = this.pending.get(data.id);
    if (!p) return;
    if (data.progress) return p.progress?.(data.progress[0], data.progress[1]);
    this.pending.delete(data.id);
    if (data.error) p.reject(reviveError(data.error));
    else p.resolve(fromWire(data.result));
  }

  /** Without workers (an old browser): the same work on the page. */
  private async callHere(method: string, args: unknown[], progress?: (done: number, total: number) => void): Promise<unknown> {
    if (method === 'open') {
      const { ExcelJsWorkbook } = await import('../xlsx/exceljsWorkbook');
      this.local = null;
      this.localChanged = false;
      const wb = await ExcelJsWorkbook.fromBuffer(args[0] as Uint8Array);
      const sheets = (await wb.inventory()).sheets.length;
      if (sheets > 0) this.local = wb;
      return { sheets };
    }
    if (!this.local) throw new Error('no workbook');
    if (method === 'result') return this.localChanged ? this.local.toBuffer() : null;
    const work = localWork(this.local) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const result = await work[method](...(method === 'distribute' ? [...args, progress ?? (() => undefined)] : args));
    if (WRITING_METHODS.has(method)) this.localChanged = true;
    return result;
  }
}

interface WireError {
  readonly name: string;
  readonly message: string;
  readonly problem?: string;
  readonly detail?: string;
  readonly sheet?: string;
  readonly cell?: string;
}

/** The errors the pane explains come back as themselves; others as their message. */
function reviveError(e: WireError): Error {
  if (e.name === 'PopulationColumnError') return new PopulationColumnError(e.problem as ConstructorParameters<typeof PopulationColumnError>[0], e.detail ?? '');
  if (e.name === 'CellNotEmptyError') return new CellNotEmptyError(e.sheet ?? '', e.cell ?? '');
  const out = new Error(e.message);
  out.name = e.name;
  return out;
}
