import type { Download, Host } from '../taskpane/host';
import { helpUrl, saveWithLink, XLSX_TYPE } from '../taskpane/host';
import type { Work } from '../taskpane/work';
import { WorkerClient } from './workerClient';

/**
 * The pane in a plain browser tab: the user opens an .xlsx, everything runs
 * in a Web Worker over the file (workerClient.ts, worker.ts), results come
 * back as downloads. The file is never uploaded anywhere.
 */
export class BrowserHost implements Host {
  readonly kind = 'browser' as const;
  private readonly client = new WorkerClient();
  private opened = false;
  private name = 'plan.xlsx';

  /**
   * Loads a chosen file in the worker. The previous workbook goes first: a
   * file that cannot be opened leaves nothing to act on, never last year's
   * plan under a new name.
   */
  async open(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void> {
    this.opened = false;
    this.name = 'plan.xlsx';
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error(`${file.name} är ingen .xlsx-fil.`);
    try {
      await this.client.open(bytes);
    } catch (e) {
      if (e instanceof Error && e.message === 'no sheets') throw new Error(`${file.name} har inga kalkylblad.`);
      throw e;
    }
    this.opened = true;
    this.name = file.name;
  }

  async work(): Promise<Work | null> {
    return this.opened ? this.client : null;
  }

  /** Ends the running action (the worker) and opens the file again as it was chosen. */
  async cancel(): Promise<void> {
    await this.client.cancel();
  }

  workbookName(): string {
    return this.name;
  }

  async selectCell(): Promise<void> {
    // A file has no selection; the pane shows the cell and its neighbours instead.
  }

  async resultDownload(): Promise<Download | null> {
    if (!this.opened) return null;
    const bytes = await this.client.resultBytes();
    if (!bytes) return null;
    const base = this.name.replace(/\.xlsx$/i, '');
    return { name: `${base}-resultat.xlsx`, bytes, type: XLSX_TYPE };
  }

  save(download: Download): void {
    saveWithLink(download);
  }

  /** In a new tab: the open file and its results stay in this one. */
  openHelp(): void {
    window.open(helpUrl(), '_blank', 'noopener,noreferrer');
  }
}
