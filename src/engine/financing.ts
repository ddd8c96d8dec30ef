import { D, Dec } from './decimal';
import { normalise } from './text';

/**
 * The financing words of the plans (docs/domain.md, "Financing words"), in
 * Swedish and English, any case. Money is never guessed: text that is none
 * of these is `unknown`, and the reader flags it instead of splitting it.
 *
 * @example classifyFinancing('SGD') // joint
 * @example classifyFinancing('Finansieras av Omställningsprogrammets "den nära vården"') // external, payer named
 * @example classifyFinancing('Införande hos varje intressent betalas av denne') // own cost
 */
export type FinancingWords =
  | { readonly kind: 'none' }
  | { readonly kind: 'joint' }
  | { readonly kind: 'external'; readonly payer: string | null }
  | { readonly kind: 'own'; readonly payer: string | null }
  | { readonly kind: 'co-financing'; readonly percent: Dec | null }
  | { readonly kind: 'unknown'; readonly text: string };

/** Words that say the principals pay together, through the cost-sharing model. */
const JOINT =
  /^(sgd|sgd-budget|sgd budget|gemensam|gemensamt|gemensamma medel|kostnadsfordelning|fordelas|fordelning enligt modell|enligt (kostnadsfordelnings)?modell(en)?|huvudmannen gemensamt|samfinansiering|samfinansierad|joint|shared|cost sharing|cost-sharing)\b/;

const JOINT_ANYWHERE = /(finansieras gemensamt|gemensam finansiering|enligt kostnadsfordelningsmodellen|split by the model)/;

/** Money from outside the cost-sharing model: grants, project money, national funding, other programmes. */
const EXTERNAL_START =
  /^(annan|andra|extern|externa|externt|statsbidrag|statliga|statligt|stimulansmedel|stimulansbidrag|projektmedel|projektbidrag|eu-?medel|eu-?bidrag|eu-?finansiering|eu-?projekt|eu medel|eu bidrag|nationell|nationella|bidrag|other|external|grant|grants|state|government|eu funds?|eu funding|project funds?|project funding|national funding|national financing|stimulus)\b/;
const EXTERNAL_ANYWHERE = /(statsbidrag|stimulansmedel|stimulansbidrag|projektmedel|eu-medel|nationell gemensam finansiering|nationell finansiering|state grant|government grant)/;

/** Own cost: each principal carries its own ("betalas av denne", "står för sina tillkommande kostnader"). */
const OWN_START = /^(egen|egna|eget|own|self-?funded|each pays)\b/;
const OWN_ANYWHERE =
  /(betalas av (denne|var och en|respektive|var och en av parterna)|(respektive|varje|var och en av) (organisation|intressent|huvudman|part|kommun)\w* (star|betalar|bekostar|finansierar) (for )?(sina|sin|egna)|star (respektive|varje) (organisation|intressent|huvudman|part)\w* for sina|star for sina (egna|tillkommande) kostnader|each (principal|party|organisation|organization|participant) (pays|carries|funds) (its|their) own)/;

const CO_FINANCING = /(medfinansiering|medfinansiera|medfinansieras|co-?financ|medfin\b)/;

/** "finansieras av X", "betalas av X", "funded by X": a named payer. */
const PAID_BY = /^(?:.*?\b)?(?:finansieras|finansierad|finansierat|bekostas|betalas|funded|financed|paid)\s+(?:av|via|genom|by|through)\s+(.+)$/i;

/** Payers that are the principals themselves, paying together. */
const JOINT_PAYER = /^(sgd|huvudmannen|parterna|samtliga huvudman|alla huvudman|kostnadsfordelningsmodellen|modellen|gemensam|gemensamt|the principals|all principals|the joint budget)\b/;

export function classifyFinancing(raw: unknown): FinancingWords {
  const original = String(raw ?? '').replace(/\s+/g, ' ').trim();
  const t = normalise(original);
  if (t === '' || t === '-' || t === '–') return { kind: 'none' };
  if (CO_FINANCING.test(t)) {
    const pm = /(-?\d+(?:[.,]\d+)?)\s*(%|procent|percent)/.exec(t) ?? /(-?\d+(?:[.,]\d+)?)/.exec(t);
    return { kind: 'co-financing', percent: pm ? new D(pm[1].replace(',', '.')) : null };
  }
  if (OWN_ANYWHERE.test(t)) return { kind: 'own', payer: null };
  const paidBy = PAID_BY.exec(original);
  if (paidBy) {
    const payer = cleanPayer(paidBy[1]);
    if (JOINT_PAYER.test(normalise(payer))) return { kind: 'joint' };
    return { kind: 'external', payer: payer || null };
  }
  if (OWN_START.test(t)) return { kind: 'own', payer: payerInBrackets(original) };
  if (EXTERNAL_START.test(t) || EXTERNAL_ANYWHERE.test(t)) return { kind: 'external', payer: payerInBrackets(original) };
  if (JOINT.test(t) || JOINT_ANYWHERE.test(t)) return { kind: 'joint' };
  return { kind: 'unknown', text: original };
}

/** A payer written after the words: "Egen finansiering (Falkenberg)", "Statsbidrag: Socialstyrelsen". */
function payerInBrackets(original: string): string | null {
  const m = /\(([^)]+)\)\s*$/.exec(original) ?? /:\s*(.+)$/.exec(original);
  return m ? cleanPayer(m[1]) || null : null;
}

/** The payer as written, without a closing full stop or quotes around the whole name. */
function cleanPayer(text: string): string {
  const t = text.trim().replace(/\.$/, '').trim();
  const quoted = /^["'“”‘’«»](.*)["'“”‘’«»]$/.exec(t);
  return (quoted ? quoted[1] : t).trim();
}
