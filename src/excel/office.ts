import type { Lang } from '../engine/lang';

/**
 * The one place Office is loaded and awaited. Everything else asks here;
 * components never call Office.* or Excel.* themselves.
 */

export interface OfficeInfo {
  readonly host: string | null;
  readonly platform: string | null;
  readonly displayLanguage: string;
  readonly dark: boolean;
}

let ready: Promise<OfficeInfo | null> | null = null;

/** Resolves when Office is ready, or null when the page is not running inside Office. */
export function officeReady(): Promise<OfficeInfo | null> {
  if (!ready) {
    ready = new Promise((resolve) => {
      if (typeof Office === 'undefined' || !Office.onReady) {
        resolve(null);
        return;
      }
      Office.onReady((info) => {
        if (!info.host) {
          resolve(null);
          return;
        }
        const theme = Office.context.officeTheme;
        resolve({
          host: String(info.host),
          platform: info.platform ? String(info.platform) : null,
          displayLanguage: Office.context.displayLanguage ?? 'sv-SE',
          dark: theme ? isDark(theme.bodyBackgroundColor) : false,
        });
      });
    });
  }
  return ready;
}

/** True when a #rrggbb background is dark (Office's dark and black themes). */
function isDark(color: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** Whether this Excel supports an API requirement set (false outside Office). */
export function supports(set: string, version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
}

/**
 * The language for texts Excel shows outside the pane (custom-function
 * errors): Swedish in Swedish Excel, English in any other language; Swedish
 * when Office is not there (tests, the browser page).
 */
export function excelLanguage(): Lang {
  try {
    const language = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
    return !language || /^sv/i.test(language) ? 'sv' : 'en';
  } catch {
    return 'sv';
  }
}
