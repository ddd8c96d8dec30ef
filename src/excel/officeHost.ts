import type { Download, Host } from '../taskpane/host';
import { browserPageUrl, helpUrl, saveWithLink } from '../taskpane/host';
import { OfficeWorkbook } from './officeWorkbook';

/** The pane inside Excel: the open workbook through Office.js. */
export class OfficeHost implements Host {
  readonly kind = 'excel' as const;
  readonly canDownload: boolean;

  constructor(platform: string | null = null) {
    this.canDownload = platform !== 'Mac';
  }
  private readonly workbook = new OfficeWorkbook();

  async port() {
    return this.workbook;
  }

  workbookName(): string {
    try {
      const url = Office.context.document.url;
      return url ? decodeURIComponent(url.split(/[\\/]/).pop() ?? 'arbetsbok') : 'arbetsbok';
    } catch {
      return 'arbetsbok';
    }
  }

  selectCell(sheet: string, cell: string): Promise<void> {
    return this.workbook.selectCell(sheet, cell);
  }

  async resultDownload(): Promise<Download | null> {
    return null; // the results are in the open workbook
  }

  save(download: Download): void {
    saveWithLink(download);
  }

  /** The browser page in the user's browser, where downloads work (Excel for Mac). */
  openBrowserPage(): void {
    Office.context.ui.openBrowserWindow(browserPageUrl());
  }

  /** In the user's browser, outside Excel and outside the shared runtime. */
  openHelp(): void {
    Office.context.ui.openBrowserWindow(helpUrl());
  }
}
