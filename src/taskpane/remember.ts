import type { Lang } from '../engine/lang';

/**
 * The user's language and theme, remembered between sessions in the pane's
 * own storage (localStorage of its origin; nothing leaves the machine). A
 * storage that is missing or refuses (private mode, a locked-down webview)
 * only means nothing is remembered.
 */
const KEY = 'sgd-pane-choices';

export interface Choices {
  readonly lang?: Lang;
  readonly dark?: boolean;
}

export function rememberedChoices(): Choices {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Record<string, unknown>;
    return {
      ...(raw.lang === 'sv' || raw.lang === 'en' ? { lang: raw.lang } : {}),
      ...(typeof raw.dark === 'boolean' ? { dark: raw.dark } : {}),
    };
  } catch {
    return {};
  }
}

export function rememberChoices(choices: Required<Choices>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(choices));
  } catch {
    // Nothing remembered; the pane works the same.
  }
}
