import type { Download, Host } from '../taskpane/host';
import { helpUrl, saveWithLink, XLSX_TYPE } from '../taskpane/host';
import type { WorkbookPort } from '../workbook/port';
import type { ExcelJsWorkbook } from '../xlsx/exceljsWorkbook';

/**
 * The pane in a plain browser tab: the user opens an .xlsx, everything runs
 * here through the exceljs port, results come back as downloads. The file is
 * never uploaded anywhere.
 */
export class BrowserHost implements Host {
  readonly kind = 'browser' as const;
  private workbook: ExcelJsWorkbook | null = null;
  private name = 'plan.xlsx';
  private dirty = false;

  /**
   * Loads a chosen file (exceljs is fetched from this site only now). The
   * previous workbook goes first: a file that cannot be opened leaves nothing
   * to act on, never last year's plan under a new name.
   */
  async open(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void> {
    this.workbook = null;
    this.name = 'plan.xlsx';
    this.dirty = false;
    const { ExcelJsWorkbook } = await import('../xlsx/exceljsWorkbook');
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error(`${file.name} är ingen .xlsx-fil.`);
    const wb = await ExcelJsWorkbook.fromBuffer(bytes);
    if ((await wb.inventory()).sheets.length === 0) throw new Error(`${file.name} har inga kalkylblad.`);
    this.workbook = wb;
    this.name = file.name;
    this.dirty = false;
  }

  async port(): Promise<WorkbookPort | null> {
    const wb = this.workbook;
    if (!wb) return null;
    // Writes mark the in-memory workbook as changed so the result can be offered.
    const changed = <T>(p: Promise<T>): Promise<T> => p.then((r) => ((this.dirty = true), r));
    return {
      inventory: () => wb.inventory(),
      readSheets: (names) => wb.readSheets(names),
      stage: (sheets) => changed(wb.stage(sheets)),
      discard: (names) => wb.discard(names),
      swap: (remove, renames, tables) => changed(wb.swap(remove, renames, tables)),
      add: (sheets) => changed(wb.add(sheets)),
      fillEmpty: (sheet, cells) => changed(wb.fillEmpty(sheet, cells)),
      writeNotes: () => wb.writeNotes(),
    };
  }

  workbookName(): string {
    return this.name;
  }

  async selectCell(): Promise<void> {
    // A file has no selection; the pane names the cell instead.
  }

  async resultDownload(): Promise<Download | null> {
    if (!this.workbook || !this.dirty) return null;
    const base = this.name.replace(/\.xlsx$/i, '');
    return { name: `${base}-resultat.xlsx`, bytes: await this.workbook.toBuffer(), type: XLSX_TYPE };
  }

  save(download: Download): void {
    saveWithLink(download);
  }

  /** In a new tab: the open file and its results stay in this one. */
  openHelp(): void {
    window.open(helpUrl(), '_blank', 'noopener,noreferrer');
  }
}
