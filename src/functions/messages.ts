import type { Dec, RoundingUnit } from '../engine/decimal';
import { formatEn, formatSv } from '../engine/format';
import type { Lang } from '../engine/lang';
import { choiceList } from '../engine/models';

/**
 * Every error text a custom function can show in its cell, Swedish and
 * English; the adapter picks the language Excel runs in. Flags from the
 * engine (a missing population) carry their own two texts (messages.ts).
 */
type Param = string | number;
type P = Readonly<Record<string, Param>>;

const FN_MESSAGES = {
  UNKNOWN_MODEL: {
    sv: (p: P) => `Okänd modell "${p.text}"; använd ${choiceList('sv')}.`,
    en: (p: P) => `Unknown model "${p.text}"; use ${choiceList('en')}.`,
  },
  RATIO_NOT_TEXT: {
    sv: () => 'Skriv förhållandet som text inom citattecken, t.ex. "1:1" eller "60/40" (Excel gör 1:1 i en cell till ett klockslag).',
    en: () => 'Write the ratio as text in quotes, e.g. "1:1" or "60/40" (Excel turns 1:1 in a cell into a time of day).',
  },
  BAD_RATIO: {
    sv: (p: P) => `Förhållandet "${p.text}" kan inte läsas; skriv två positiva tal, t.ex. "1:1", "2:1" eller "60/40".`,
    en: (p: P) => `The ratio "${p.text}" cannot be read; write two positive numbers, e.g. "1:1", "2:1" or "60/40".`,
  },
  BAD_ROUNDING: {
    sv: (p: P) => `Avrundningen "${p.text}" är okänd; använd "kr" eller "öre".`,
    en: (p: P) => `The rounding "${p.text}" is unknown; use "kr" or "öre".`,
  },
  NOT_FINITE: {
    sv: (p: P) => `Beloppet ${p.text} är inget ändligt tal.`,
    en: (p: P) => `The amount ${p.text} is not a finite number.`,
  },
  NOT_AN_AMOUNT: {
    sv: (p: P) => `"${p.text}" är inget belopp; skriv t.ex. 1 150 000 eller "1 150 000 kr".`,
    en: (p: P) => `"${p.text}" is not an amount; write e.g. 1150000 or "1 150 000 kr".`,
  },
  NOT_A_RANGE: {
    sv: () => 'Huvudmännen ska vara ett område med en rad per huvudman (kod eller namn, typ, folkmängd).',
    en: () => 'The principals must be a range with one row per principal (code or name, kind, population).',
  },
  EMPTY_RANGE: {
    sv: () => 'Området med huvudmän är tomt.',
    en: () => 'The range of principals is empty.',
  },
  NO_PRINCIPALS: {
    sv: () => 'Inga huvudmän i området (kod eller namn, typ, folkmängd).',
    en: () => 'No principals in the range (code or name, kind, population).',
  },
  DUPLICATE_PRINCIPAL: {
    sv: (p: P) => `Huvudmannen ${p.code} ${p.name} står två gånger i området.`,
    en: (p: P) => `The principal ${p.code} ${p.name} appears twice in the range.`,
  },
  FRACTION_OF_ORE: {
    sv: (p: P) => `Beloppet ${p.text} har bråkdelar av ett öre.`,
    en: (p: P) => `The amount ${p.text} has fractions of an öre.`,
  },
  TOO_LARGE: {
    sv: () => 'Beloppet är för stort för en exakt fördelning i en cell; använd tilläggets panel.',
    en: () => 'The amount is too large for an exact split in a cell; use the add-in pane.',
  },
  SPLITS_NOTHING: {
    sv: (p: P) => `Modellen ${p.model} fördelar inget.`,
    en: (p: P) => `The model ${p.modelEn} splits nothing.`,
  },
  ZERO_WEIGHT: {
    sv: (p: P) => `Med modellen ${p.model} har alla huvudmän vikten noll.`,
    en: (p: P) => `Under the model ${p.modelEn} every principal weighs zero.`,
  },
  NO_PRINCIPAL: {
    sv: () => 'Ange huvudmannen (kod eller namn).',
    en: () => 'Name the principal (code or name).',
  },
  UNKNOWN_PRINCIPAL: {
    sv: (p: P) => `${p.text} finns inte bland huvudmännen i området.`,
    en: (p: P) => `${p.text} is not among the principals in the range.`,
  },
  POPULATION_NOT_POSITIVE: {
    sv: () => 'Folkmängden måste vara större än noll.',
    en: () => 'The population must be greater than zero.',
  },
  AMOUNT_TEXT: {
    sv: (p: P) => `"${p.text}" är inget belopp; skriv t.ex. "1 150 000 kr" eller "82,09 öre/inv".`,
    en: (p: P) => `"${p.text}" is not an amount; write e.g. "1 150 000 kr" or "82,09 öre/inv".`,
  },
} as const satisfies Record<string, Record<Lang, (p: P) => string>>;

export type FnMessage = keyof typeof FN_MESSAGES;

/** Both texts of a message. */
export function fnTexts(key: FnMessage, params: P = {}): Record<Lang, string> {
  return { sv: FN_MESSAGES[key].sv(params), en: FN_MESSAGES[key].en(params) };
}

/** What SGD.EXPLAIN says about one share. */
export interface Explanation {
  readonly name: string;
  readonly code: string;
  readonly share: Dec;
  readonly amount: Dec;
  readonly model: string;
  readonly population: Dec | null;
  readonly date: string | null;
  readonly rate: Dec | null;
  readonly exact: Dec;
  readonly unit: RoundingUnit;
  readonly extra: boolean;
}

/** SGD.EXPLAIN's one line, in the language asked for. */
export function explainText(lang: Lang, e: Explanation): string {
  const n = lang === 'sv' ? formatSv : formatEn;
  const unitWord = e.unit === 'kr' ? 'kr' : 'öre';
  const parts =
    lang === 'sv'
      ? [
          `${e.name} (${e.code}) betalar ${n(e.share)} kr av ${n(e.amount)} kr`,
          `modell ${e.model}`,
          e.population ? `folkmängd ${n(e.population)}${e.date ? ` per ${e.date}` : ''}` : '',
          e.rate ? `${n(e.rate, 2)} öre/inv och organisation` : '',
          `exakt ${n(e.exact, 2)} kr, ${e.extra ? `+1 ${unitWord} ur resten (största rest)` : 'inget ur resten (största rest)'}`,
        ]
      : [
          `${e.name} (${e.code}) pays SEK ${n(e.share)} of SEK ${n(e.amount)}`,
          `model ${e.model}`,
          e.population ? `population ${n(e.population)}${e.date ? ` on ${e.date}` : ''}` : '',
          e.rate ? `${n(e.rate, 2)} öre per inhabitant and organisation` : '',
          `exact SEK ${n(e.exact, 2)}, ${e.extra ? `+1 ${unitWord} from the remainder (largest remainder)` : 'nothing from the remainder (largest remainder)'}`,
        ];
  return parts.filter(Boolean).join('; ') + '.';
}
