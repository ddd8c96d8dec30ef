import type { WorkbookPort } from '../workbook/port';
import type { Work } from './work';

/** Bytes for the user to save, with a file name. */
export interface Download {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly type: string;
}

/**
 * What the pane needs from where it runs: Excel (Office.js) or a plain
 * browser tab over an .xlsx file. The pane never calls Office or exceljs itself.
 */
export interface Host {
  readonly kind: 'excel' | 'browser';
  /** The workbook to work on, through its port on this thread (Excel). */
  port?(): Promise<WorkbookPort | null>;
  /**
   * The work on the workbook where it runs elsewhere (the browser page's
   * Web Worker); null when no file is open yet. Without it the pane works
   * over `port()` on this thread.
   */
  work?(): Promise<Work | null>;
  /** Ends the running action, where the host can (the browser page ends its worker). */
  cancel?(): Promise<void>;
  /** A name for the workbook, for the audit sheet and file names. */
  workbookName(): string;
  /** Shows the user a cell a flag is about. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** After results were written: nothing in Excel (they are in the workbook); the result file in a browser. */
  resultDownload(): Promise<Download | null>;
  /** Hands bytes to the user as a download. */
  save(download: Download): void;
  /**
   * False where the pane cannot save a download: Excel for Mac runs the pane
   * in WebKit, which ignores download links (OfficeDev/office-js#2700).
   */
  readonly canDownload?: boolean;
  /** Opens the browser page (the same tools over a file) outside the pane. */
  openBrowserPage?(): void;
  /**
   * Opens the help page outside the pane. Never by navigating the pane: in
   * Excel the pane's page is the shared runtime, and leaving it unregisters
   * the custom functions and the ribbon command until the workbook reopens.
   */
  openHelp(): void;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP_TYPE = 'application/zip';

/** Saves bytes through a temporary object URL and a download link. */
export function saveWithLink(download: Download): void {
  const blob = new Blob([download.bytes as BlobPart], { type: download.type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = download.name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
    a.remove();
  }, 1000);
}

/** The help page's address beside the current page. */
export function helpUrl(): string {
  return new URL('help.html', location.href).href;
}

/** The browser page's address beside the current page. */
export function browserPageUrl(): string {
  return new URL('browser.html', location.href).href;
}
