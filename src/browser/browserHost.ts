import { flag, Flag } from '../engine/flags';
import { listText } from '../engine/format';
import type { Download, Host } from '../taskpane/host';
import { saveWithLink, XLSX_TYPE } from '../taskpane/host';
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
  private bytes: Uint8Array | null = null;

  /** Loads a chosen file (exceljs is fetched from this site only now). */
  async open(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void> {
    const { ExcelJsWorkbook } = await import('../xlsx/exceljsWorkbook');
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error(`${file.name} är ingen .xlsx-fil.`);
    const wb = await ExcelJsWorkbook.fromBuffer(bytes);
    if ((await wb.listSheets()).length === 0) throw new Error(`${file.name} har inga kalkylblad.`);
    this.workbook = wb;
    this.bytes = bytes;
    this.name = file.name;
    this.dirty = false;
  }

  async port(): Promise<WorkbookPort | null> {
    if (!this.workbook) return null;
    const wb = this.workbook;
    // Writes mark the in-memory workbook as changed so the result can be offered.
    return {
      listSheets: () => wb.listSheets(),
      readSheets: (names) => wb.readSheets(names),
      writeOwnedSheets: async (specs) => {
        const r = await wb.writeOwnedSheets(specs);
        this.dirty = true;
        return r;
      },
      addSheets: async (specs) => {
        const r = await wb.addSheets(specs);
        this.dirty = true;
        return r;
      },
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

  async writeNotes(): Promise<Flag[]> {
    if (!this.bytes) return [];
    const { featuresLostOnWrite } = await import('../xlsx/exceljsWorkbook');
    const lost = await featuresLostOnWrite(this.bytes);
    return lost.sv.length ? [flag('FILE_FEATURES_DROPPED', null, { features: listText(lost.sv, 'sv'), featuresEn: listText(lost.en, 'en') })] : [];
  }

  save(download: Download): void {
    saveWithLink(download);
  }
}
