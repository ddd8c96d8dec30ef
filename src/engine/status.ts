import { normalise } from './text';

/**
 * The state of a plan line in the plans' own words (docs/domain.md, "Lines
 * carry a state"): only lines that are carried out are split. A word the
 * tool does not know is `unknown` and the line is not split (never guessed).
 *
 * @example lineStatus('Beslutad') // carried out
 * @example lineStatus('Prioriterats, ej genomförs') // not carried out
 * @example lineStatus('Säkra videomöten har utgått') // not carried out
 */
export type LineState = 'carried-out' | 'not-carried-out' | 'unknown';

/** Negations and withdrawals win over any other word in the cell ("prioriterats och ej genomförs"). */
const NOT_CARRIED_OUT =
  /(\bej\b|\binte\b|\butgatt\b|\butgar\b|\bstruken\b|\bstrukits?\b|\bstruket\b|\bavbruten\b|\bavbrutet\b|\bavbrots\b|\bstalls in\b|\binstalld\b|\binstallt\b|\bavslagen\b|\bavslaget\b|\bnedlagd\b|\bavford\b|\bwithdrawn\b|\bcancell?ed\b|\bdropped\b|\bremoved\b|\brejected\b|\bnot (carried out|started|done|funded)\b|\bwill not\b|\bwon't\b|\bdeleted\b|\bpostponed\b|\bskjuten\b|\bskjuts upp\b|\buppskjuten\b)/;

const CARRIED_OUT =
  /^(beslutad|beslutat|beslutade|beslut|pagar|pagaende|prioriterad|prioriterat|prioriterade|prioriterats|avslutad|avslutat|avslutade|genomford|genomfort|genomfors|klar|klart|fardig|planerad|planerat|ny|nytt|fortsatter|forlangd|godkand|godkant|approved|decided|ongoing|in progress|running|prioriti[sz]ed|completed|complete|done|finished|planned|new|continues|continuing|active)\b/;

export function lineStatus(raw: unknown): LineState | null {
  const t = normalise(raw);
  if (t === '' || t === '-' || t === '–') return null;
  if (NOT_CARRIED_OUT.test(t)) return 'not-carried-out';
  if (CARRIED_OUT.test(t)) return 'carried-out';
  return 'unknown';
}
