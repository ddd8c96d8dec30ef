import type { Lang } from '../engine/lang';
import { choiceList } from '../engine/models';

/**
 * Every text the `sgd` command prints itself (usage, errors, summaries),
 * Swedish and English; `--lang` picks. Flag messages come from
 * src/engine/messages.ts.
 */
type P = Readonly<Record<string, string | number>>;

const CLI_MESSAGES = {
  UNKNOWN_COMMAND: {
    sv: (p: P) => `okänt kommando "${p.text}" (validate, allocate, distribute, follow-up, population)`,
    en: (p: P) => `unknown command "${p.text}" (validate, allocate, distribute, follow-up, population)`,
  },
  BAD_COUNTY: { sv: (p: P) => `--county ska vara en länskod med två siffror (t.ex. 13), inte "${p.text}"`, en: (p: P) => `--county must be a two-digit county code (e.g. 13), not "${p.text}"` },
  POPULATION_ARGS: { sv: () => 'population behöver --county och ett --year', en: () => 'population needs --county and one --year' },
  SCB_FAILED: { sv: (p: P) => `${p.text}`, en: (p: P) => `${p.text}` },
  POPULATION_MISMATCH_SCB: {
    sv: (p: P) => `VARNING POPULATION_MISMATCH: SCB anger länet till ${p.total} inv, men kommunerna summerar till ${p.sum} inv; regionens tal är kommunernas summa.`,
    en: (p: P) => `WARNING POPULATION_MISMATCH: SCB gives the county ${p.total} inhabitants, but its municipalities add up to ${p.sum}; the region's figure is their sum.`,
  },
  POPULATION_COLUMN: { sv: (p: P) => `${p.text}`, en: (p: P) => `${p.text}` },
  POPULATION_INTO_OUT: { sv: () => 'population --into behöver --out (en ny fil; planen ändras aldrig)', en: () => 'population --into needs --out (a new file; the plan is never changed)' },
  WROTE_POPULATION_COLUMN: {
    sv: (p: P) => `Skrev ${p.file}: kolumnen "${p.header}" i bladet ${p.sheet}, kolumn ${p.column} (${p.count} huvudmän)${p.unmatched ? `; utan siffra från SCB: ${p.unmatched}` : ''}`,
    en: (p: P) => `Wrote ${p.file}: the column "${p.header}" on sheet ${p.sheet}, column ${p.column} (${p.count} principals)${p.unmatched ? `; without a figure from SCB: ${p.unmatched}` : ''}`,
  },
  WROTE_POPULATION: { sv: (p: P) => `Skrev ${p.file} (${p.count} huvudmän, ${p.source})`, en: (p: P) => `Wrote ${p.file} (${p.count} principals, ${p.source})` },
  NO_COMMAND: { sv: () => 'inget kommando angivet', en: () => 'no command given' },
  NEEDS_VALUE: { sv: (p: P) => `${p.flag} behöver ett värde`, en: (p: P) => `${p.flag} needs a value` },
  BAD_LANG: { sv: (p: P) => `--lang måste vara sv eller en, inte "${p.text}"`, en: (p: P) => `--lang must be sv or en, not "${p.text}"` },
  BAD_MODEL: { sv: (p: P) => `okänd modell "${p.text}"`, en: (p: P) => `unknown model "${p.text}"` },
  BAD_RATIO: {
    sv: (p: P) => `--ratio ska vara två positiva tal, t.ex. 1:1, 2:1 eller 60/40, inte "${p.text}"`,
    en: (p: P) => `--ratio must be two positive numbers, e.g. 1:1, 2:1 or 60/40, not "${p.text}"`,
  },
  BAD_ROUNDING: { sv: (p: P) => `--rounding måste vara kr eller ore, inte "${p.text}"`, en: (p: P) => `--rounding must be kr or ore, not "${p.text}"` },
  BAD_YEAR: { sv: (p: P) => `--year ska vara ett år, inte "${p.text}"`, en: (p: P) => `--year must be a year, not "${p.text}"` },
  BAD_EXPECTED: { sv: () => '--expected ska vara ett positivt heltal', en: () => '--expected must be a positive whole number' },
  UNKNOWN_FLAG: { sv: (p: P) => `okänd flagga ${p.flag}`, en: (p: P) => `unknown option ${p.flag}` },
  ONE_INPUT: { sv: (p: P) => `en indatafil i taget (fick även "${p.text}")`, en: (p: P) => `one input file at a time (also got "${p.text}")` },
  NO_INPUT: { sv: () => 'ingen plan angiven (en .xlsx-fil)', en: () => 'no plan given (an .xlsx file)' },
  NEEDS_OUT: { sv: (p: P) => `${p.command} behöver --out`, en: (p: P) => `${p.command} needs --out` },
  SEE_HELP: { sv: () => 'sgd --help', en: () => 'sgd --help en' },
  NOT_FOUND: { sv: (p: P) => `hittar inte filen ${p.file}`, en: (p: P) => `cannot find the file ${p.file}` },
  IS_FOLDER: { sv: (p: P) => `${p.file} är en mapp, inte en .xlsx-fil`, en: (p: P) => `${p.file} is a folder, not an .xlsx file` },
  TOO_BIG: { sv: (p: P) => `${p.file} är större än ${p.mb} MB`, en: (p: P) => `${p.file} is larger than ${p.mb} MB` },
  NOT_XLSX: {
    sv: (p: P) => `${p.file} är ingen .xlsx-fil (en .xlsx är ett zip-arkiv; .xls och .csv kan inte läsas)`,
    en: (p: P) => `${p.file} is not an .xlsx file (an .xlsx is a zip archive; .xls and .csv cannot be read)`,
  },
  UNREADABLE: { sv: (p: P) => `kan inte läsa ${p.file} som .xlsx (${p.reason})`, en: (p: P) => `cannot read ${p.file} as .xlsx (${p.reason})` },
  NOT_A_FILE: { sv: (p: P) => `${p.file} är ingen vanlig fil`, en: (p: P) => `${p.file} is not a regular file` },
  ENCRYPTED: {
    sv: (p: P) => `${p.file} är lösenordsskyddad eller en gammal .xls; spara den utan lösenord som .xlsx`,
    en: (p: P) => `${p.file} is password-protected or an old .xls; save it without a password as .xlsx`,
  },
  DAMAGED: { sv: (p: P) => `${p.file} är skadad (zip-arkivet går inte att läsa)`, en: (p: P) => `${p.file} is damaged (its zip archive cannot be read)` },
  PACKAGE_TOO_LARGE: {
    sv: (p: P) => `${p.file} är för stor för filversionen (${p.what}: ${p.found}, gräns ${p.limit}); öppna den i Excel och använd tillägget där`,
    en: (p: P) => `${p.file} is too large for the file version (${p.what}: ${p.found}, limit ${p.limit}); open it in Excel and use the add-in there`,
  },
  OUT_NOT_REGULAR: { sv: (p: P) => `--out ${p.file} finns och är ingen vanlig fil; välj en annan`, en: (p: P) => `--out ${p.file} exists and is not a regular file; choose another` },
  FILE_EXISTS: {
    sv: (p: P) => `${p.file} finns redan och är inte skapad av sgd; flytta den eller välj en annan mapp (inget skrevs)`,
    en: (p: P) => `${p.file} exists and was not made by sgd; move it or choose another folder (nothing was written)`,
  },
  NO_SHEETS: { sv: (p: P) => `${p.file} har inga kalkylblad; är det en .xlsx-fil?`, en: (p: P) => `${p.file} has no worksheets; is it an .xlsx file?` },
  OUT_IS_INPUT: { sv: () => '--out får inte vara indatafilen; indata skrivs aldrig över', en: () => '--out must not be the input file; input is never overwritten' },
  OUT_IS_FOLDER: { sv: (p: P) => `--out ${p.file} är en mapp; ange en .xlsx-fil`, en: (p: P) => `--out ${p.file} is a folder; give an .xlsx file` },
  OUT_IS_FILE: { sv: (p: P) => `--out ${p.file} är en fil; ange en mapp`, en: (p: P) => `--out ${p.file} is a file; give a folder` },
  TARGET_IS_INPUT: { sv: (p: P) => `${p.file} är indatafilen; välj en annan mapp`, en: (p: P) => `${p.file} is the input file; choose another folder` },
  CANNOT_WRITE: { sv: (p: P) => `kan inte skriva ${p.file} (${p.reason})`, en: (p: P) => `cannot write ${p.file} (${p.reason})` },
  UNEXPECTED: { sv: (p: P) => `oväntat fel: ${p.reason}`, en: (p: P) => `unexpected error: ${p.reason}` },
  WROTE_FILE: { sv: (p: P) => `Skrev ${p.file} (${p.sheets})`, en: (p: P) => `Wrote ${p.file} (${p.sheets})` },
  DISTRIBUTE_REFUSED: {
    sv: (p: P) => `Planen har ${p.count} fel; inga kommunfiler skrevs. Rätta felen, eller kör med --allow-errors för preliminära filer.`,
    en: (p: P) => `The plan has ${p.count} errors; no municipality files were written. Correct them, or run with --allow-errors for preliminary files.`,
  },
  WROTE_PRELIMINARY: {
    sv: (p: P) => `Skrev ${p.count} PRELIMINÄRA filer i ${p.folder} (planen har ${p.errors} fel, listade i varje fil)`,
    en: (p: P) => `Wrote ${p.count} PRELIMINARY files to ${p.folder} (the plan has ${p.errors} errors, listed in each file)`,
  },
  FOLLOW_UP_LINE: {
    sv: (p: P) => `${p.year} (${p.basis}): budget ${p.budget} kr, ${p.basis} ${p.outcome} kr; att fakturera ${p.invoice} kr, att återbetala ${p.refund} kr`,
    en: (p: P) => `${p.year} (${p.basis}): budget SEK ${p.budget}, ${p.basis} SEK ${p.outcome}; to invoice SEK ${p.invoice}, to refund SEK ${p.refund}`,
  },
  NOTHING_TO_FOLLOW_UP: {
    sv: () => 'Planen har inget utfall eller prognos att följa upp (kolumner Utfall/Prognos).',
    en: () => 'The plan has no outcome or forecast to follow up (columns Outcome/Forecast).',
  },
  WROTE_CSV: { sv: (p: P) => `Skrev fakturaunderlaget ${p.file}`, en: (p: P) => `Wrote the invoice basis ${p.file}` },
  WROTE_FILES: { sv: (p: P) => `Skrev ${p.count} filer i ${p.folder}`, en: (p: P) => `Wrote ${p.count} files to ${p.folder}` },
  YEAR_LINE: {
    sv: (p: P) => `${p.year}: ${p.amount} kr fördelat på ${p.count} huvudmän${p.rate ? `, ${p.rate} öre/inv` : ''}; regionen ${p.region} kr, kommunerna ${p.municipalities} kr`,
    en: (p: P) => `${p.year}: SEK ${p.amount} split between ${p.count} principals${p.rate ? `, ${p.rate} öre/inhabitant` : ''}; region ${p.region}, municipalities ${p.municipalities}`,
  },
} as const satisfies Record<string, Record<Lang, (p: P) => string>>;

export type CliMessage = keyof typeof CLI_MESSAGES;

/** A message in the chosen language. */
export function cliText(lang: Lang, key: CliMessage, params: P = {}): string {
  return CLI_MESSAGES[key][lang](params);
}

/** Bad input or arguments: exit code 2 and one line, in the language of `--lang`. */
export class CliError extends Error {
  constructor(
    readonly key: CliMessage,
    readonly params: P = {},
    readonly usage = false,
  ) {
    super(cliText('en', key, params));
    this.name = 'CliError';
  }

  text(lang: Lang): string {
    return cliText(lang, this.key, this.params) + (this.usage ? ` (${cliText(lang, 'SEE_HELP')})` : '');
  }
}

export const USAGE: Record<Lang, string> = {
  sv: `Användning:
  sgd validate <plan.xlsx> [--json] [--lang sv|en]
  sgd allocate <plan.xlsx> --out <resultat.xlsx> [--json] [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
  sgd distribute <plan.xlsx> --out <mapp> [--allow-errors] [--follow-up] [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
Kommunfiler skrivs inte från en plan med fel, utom med --allow-errors (då märks varje fil Preliminär och listar felen).
  sgd follow-up <plan.xlsx> [--out <rapport.xlsx>] [--csv <fakturaunderlag.csv>] [--json] [--year N]
Uppföljning: utfall (eller prognos) mot budget per insatsområde och avräkning per huvudman (+ faktureras, − återbetalas).
  sgd population --county 13 --year 2024 [--out folkmangd.csv] [--json]
  sgd population --county 13 --year 2024 --into <plan.xlsx> --out <plan-ny.xlsx>
Folkmängd 31 december från SCB (statistikdatabasen.scb.se, tabell TAB638): den enda nätverksfrågan, bara på begäran.
Med --into skrivs en kopia av planen med en ny kolumn "Folkmängd 2024-12-31 (SCB)" i huvudmannabladet, bara i tomma celler.
Övrigt: --fill-population (fyll saknad folkmängd ur SCB-data), --expected N (antal huvudmän)
Modeller: ${choiceList('sv')} (standard: region-municipality, 1:1)
Slutkoder: 0 inga fel, 1 fel hittades, 2 oanvändbar indata eller argument`,
  en: `Usage:
  sgd validate <plan.xlsx> [--json] [--lang sv|en]
  sgd allocate <plan.xlsx> --out <result.xlsx> [--json] [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
  sgd distribute <plan.xlsx> --out <folder> [--allow-errors] [--follow-up] [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
No municipality files are written from a plan with errors, unless --allow-errors (then every file says Preliminary and lists the errors).
  sgd follow-up <plan.xlsx> [--out <report.xlsx>] [--csv <invoice-basis.csv>] [--json] [--year N]
Follow-up: outcome (or forecast) against budget per focus area, and the settlement per principal (+ invoice, − refund).
  sgd population --county 13 --year 2024 [--out population.csv] [--json]
  sgd population --county 13 --year 2024 --into <plan.xlsx> --out <plan-new.xlsx>
Population on 31 December from SCB (statistikdatabasen.scb.se, table TAB638): the only network request, only when asked.
With --into, a copy of the plan is written with a new column "Population 2024-12-31 (SCB)" on the principals sheet, only in empty cells.
Other: --fill-population (fill missing populations from SCB data), --expected N (number of principals)
Models: ${choiceList('en')} (default: region-municipality, 1:1)
Exit codes: 0 no errors, 1 errors found, 2 unusable input or arguments`,
};
