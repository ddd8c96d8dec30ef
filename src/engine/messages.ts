import { D, Dec } from './decimal';
import type { Flag, FlagCode, FlagParam } from './flags';
import { formatEn, formatSv } from './format';
import type { Lang } from './lang';
import { modelChoices } from './models/registry';

export type { Lang };

/** The model words a plan can use, from the registry: "1:1, 1:1 lika, … eller nyckel: <kolumn>" (English: the option words). */
function modelWords(lang: Lang): string {
  const words = modelChoices().map((c) => {
    const word = lang === 'sv' ? c.words : c.option;
    return c.argument ? `${word}: <${c.argument[lang]}>` : word;
  });
  return `${words.slice(0, -1).join(', ')} ${lang === 'sv' ? 'eller' : 'or'} ${words[words.length - 1]}`;
}

/** Number formatting for one language. */
interface Fmt {
  kr(v: FlagParam): string;
  ore(v: FlagParam): string;
  n(v: FlagParam): string;
  s(v: FlagParam): string;
}

const toDec = (v: FlagParam): Dec | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? (isFinite(Number(v)) ? new D(v) : null) : new D(v);

const FMT: Record<Lang, Fmt> = {
  sv: {
    kr: (v) => (toDec(v) ? `${formatSv(toDec(v)!)} kr` : '–'),
    ore: (v) => (toDec(v) ? `${formatSv(toDec(v)!, 2)} öre/inv` : '–'),
    n: (v) => (toDec(v) ? formatSv(toDec(v)!) : '–'),
    s: (v) => (v === null || v === undefined ? '' : String(v)),
  },
  en: {
    kr: (v) => (toDec(v) ? `SEK ${formatEn(toDec(v)!)}` : '–'),
    ore: (v) => (toDec(v) ? `${formatEn(toDec(v)!, 2)} öre/inhabitant` : '–'),
    n: (v) => (toDec(v) ? formatEn(toDec(v)!) : '–'),
    s: (v) => (v === null || v === undefined ? '' : String(v)),
  },
};

type P = Readonly<Record<string, FlagParam>>;

/** Why a cell is not an amount (BAD_AMOUNT's `reason`). */
const BAD_AMOUNT_REASON: Record<Lang, Readonly<Record<string, string>>> = {
  sv: {
    'excel-error': 'är ett felvärde i Excel',
    'too-large': 'är för stort för ett belopp',
    'fraction-of-ore': 'har bråkdelar av ett öre',
    'no-area': 'står på en rad utan insatsområde',
    'not-a-number': 'är inget belopp',
    ambiguous: 'kan läsas både som tusental och som decimaltal; skriv t.ex. 1 150 eller 1,15',
    'too-precise': 'har fler siffror än som kan räknas exakt',
    'not-a-year': 'är inget år',
  },
  en: {
    'excel-error': 'is an Excel error value',
    'too-large': 'is too large for an amount',
    'fraction-of-ore': 'has fractions of an öre',
    'no-area': 'is on a row without a focus area',
    'not-a-number': 'is not an amount',
    ambiguous: 'can be read both as thousands and as decimals; write e.g. 1 150 or 1,15',
    'too-precise': 'has more digits than can be computed exactly',
    'not-a-year': 'is not a year',
  },
};
type Template = (p: P, f: Fmt) => string;

/**
 * All flag messages, Swedish and English, in one place. Each says what is
 * wrong and quotes the numbers on both sides.
 */
const MESSAGES: Record<FlagCode, Record<Lang, Template>> = {
  TOTAL_MISMATCH: {
    sv: (p, f) =>
      `${f.s(p.label)} ${f.s(p.year)} anger ${f.kr(p.stated)}, men raderna summerar till ${f.kr(p.parts)} (skillnad ${f.kr(p.diff)}).` +
      (p.noOther ? ' Ingen annan finansiering är angiven med belopp.' : ''),
    en: (p, f) =>
      `${f.s(p.label)} ${f.s(p.year)} states ${f.kr(p.stated)}, but its lines add up to ${f.kr(p.parts)} (difference ${f.kr(p.diff)}).` +
      (p.noOther ? ' No other financing is stated as an amount.' : ''),
  },
  RATE_MISMATCH: {
    sv: (p, f) =>
      `Angiven kostnad ${f.s(p.year)} är ${f.ore(p.stated)}, men ${f.kr(p.amount)} / ${f.n(p.divisor)} inv ger ${f.ore(p.computed)}.` +
      (p.fits ? ` ${f.ore(p.stated)} passar i stället ${f.kr(p.fits)} (${f.s(p.fitsLabel)}).` : ''),
    en: (p, f) =>
      `The stated cost for ${f.s(p.year)} is ${f.ore(p.stated)}, but ${f.kr(p.amount)} / ${f.n(p.divisor)} inhabitants gives ${f.ore(p.computed)}.` +
      (p.fits ? ` ${f.ore(p.stated)} fits ${f.kr(p.fits)} instead (${f.s(p.fitsLabel)}).` : ''),
  },
  DUPLICATE_YEAR: {
    sv: (p, f) =>
      `Året ${f.s(p.year)} står två gånger (också i ${f.s(p.first)}).` +
      (p.assumed ? ` Kolumnen tolkas som ${f.s(p.assumed)}, det enda året utan egen kolumn.` : ' Kolumnen kan inte knytas till ett år.'),
    en: (p, f) =>
      `The year ${f.s(p.year)} appears twice (also in ${f.s(p.first)}).` +
      (p.assumed ? ` The column is read as ${f.s(p.assumed)}, the only year without a column of its own.` : ' The column cannot be tied to a year.'),
  },
  OVER_BUDGET: {
    sv: (p, f) =>
      `${f.s(p.what) === 'forecast' ? 'Prognosen' : 'Utfallet'} för ${p.area === null ? 'hela året' : f.s(p.area)} ${f.s(p.year)} är ${f.kr(p.value)}, över budgeten ${f.kr(p.budget)} (med ${f.kr(p.diff)}). Budgeten får inte överskridas utan godkännande av alla ${f.s(p.principals)} huvudmän.`,
    en: (p, f) =>
      `The ${f.s(p.what)} for ${p.area === null ? 'the whole year' : f.s(p.area)} ${f.s(p.year)} is ${f.kr(p.value)}, above the budget of ${f.kr(p.budget)} (by ${f.kr(p.diff)}). The budget may not be exceeded without the approval of all ${f.s(p.principals)} principals.`,
  },
  POPULATION_MISMATCH: {
    sv: (p, f) =>
      p.kind === 'stated'
        ? `Planen anger folkmängden ${f.n(p.stated)} inv, men huvudmännens tabell ger ${f.n(p.actual)} inv (skillnad ${f.n(p.diff)}).`
        : `${f.s(p.region)} har folkmängden ${f.n(p.regionPopulation)} inv, men kommunerna har tillsammans ${f.n(p.municipalities)} inv (skillnad ${f.n(p.diff)}). Modellen 1:1 förutsätter att de är lika.`,
    en: (p, f) =>
      p.kind === 'stated'
        ? `The plan states a population of ${f.n(p.stated)}, but the principals table gives ${f.n(p.actual)} (difference ${f.n(p.diff)}).`
        : `${f.s(p.region)} has a population of ${f.n(p.regionPopulation)}, but its municipalities have ${f.n(p.municipalities)} together (difference ${f.n(p.diff)}). The 1:1 model assumes they are equal.`,
  },
  MISSING_POPULATION: {
    sv: (p, f) => `${f.s(p.name)} (${f.s(p.code)}) saknar folkmängd${p.value !== null && p.value !== undefined ? ` (${f.s(p.value)})` : ''}; den behövs för fördelning efter invånare.`,
    en: (p, f) => `${f.s(p.name)} (${f.s(p.code)}) has no population${p.value !== null && p.value !== undefined ? ` (${f.s(p.value)})` : ''}; it is needed to split by inhabitants.`,
  },
  DUPLICATE_PRINCIPAL: {
    sv: (p, f) => `Huvudmannen ${f.s(p.code)} ${f.s(p.name)} står två gånger (också i ${f.s(p.first)}); bara den första används.`,
    en: (p, f) => `The principal ${f.s(p.code)} ${f.s(p.name)} appears twice (also in ${f.s(p.first)}); only the first is used.`,
  },
  PRINCIPAL_COUNT: {
    sv: (p, f) => `${p.year ? `${f.s(p.found)} huvudmän deltar ${f.s(p.year)}` : `${f.s(p.found)} huvudmän i tabellen`}, men ${f.s(p.county)} har ${f.s(p.expected)} (region + ${f.s(p.municipalities)} kommuner).`,
    en: (p, f) => `${p.year ? `${f.s(p.found)} principals take part in ${f.s(p.year)}` : `${f.s(p.found)} principals in the table`}, but ${f.s(p.county)} has ${f.s(p.expected)} (region + ${f.s(p.municipalities)} municipalities).`,
  },
  UNKNOWN_CODE: {
    sv: (p, f) => `Koden ${f.s(p.code)} (${f.s(p.name)}) är ingen känd kommun- eller länskod.`,
    en: (p, f) => `The code ${f.s(p.code)} (${f.s(p.name)}) is not a known municipality or county code.`,
  },
  PERCENT_SUM: {
    sv: (p, f) => `Andelarna i kolumnen ${f.s(p.column)} summerar till ${f.n(p.sum)} %, inte 100 %.`,
    en: (p, f) => `The percentages in column ${f.s(p.column)} add up to ${f.n(p.sum)} %, not 100 %.`,
  },
  CO_FINANCING_RANGE: {
    sv: (p, f) => `Medfinansieringen för ${f.s(p.area)} är ${f.n(p.percent)} %; den måste ligga mellan 0 och 100 %.`,
    en: (p, f) => `The co-financing of ${f.s(p.area)} is ${f.n(p.percent)} %; it must be between 0 and 100 %.`,
  },
  BAD_AMOUNT: {
    sv: (p, f) => `”${f.s(p.text)}” ${BAD_AMOUNT_REASON.sv[String(p.reason)] ?? BAD_AMOUNT_REASON.sv['not-a-number']}${p.area ? ` (${f.s(p.area)})` : ''}; raden räknas inte med.`,
    en: (p, f) => `"${f.s(p.text)}" ${BAD_AMOUNT_REASON.en[String(p.reason)] ?? BAD_AMOUNT_REASON.en['not-a-number']}${p.area ? ` (${f.s(p.area)})` : ''}; the line is left out.`,
  },
  NEGATIVE_AMOUNT: {
    sv: (p, f) => `Beloppet för ${f.s(p.area)} ${f.s(p.year)} är negativt (${f.kr(p.value)}); det fördelas som en kreditering.`,
    en: (p, f) => `The amount for ${f.s(p.area)} ${f.s(p.year)} is negative (${f.kr(p.value)}); it is split as a credit.`,
  },
  ROUNDING_RESIDUE: {
    sv: (p, f) => `Era egna andelar för ${f.s(p.year)} summerar till ${f.kr(p.sum)}, men det som fördelas är ${f.kr(p.total)} (skillnad ${f.kr(p.diff)}).`,
    en: (p, f) => `Your own shares for ${f.s(p.year)} add up to ${f.kr(p.sum)}, but the amount split is ${f.kr(p.total)} (difference ${f.kr(p.diff)}).`,
  },
  NO_PLAN: {
    sv: (p, f) =>
      p.empty
        ? `Budgettabellen i ${f.s(p.sheets)} har rubriker men inga rader med belopp.`
        : `Ingen budgettabell hittades (sökte efter rubriker som Insatsområde och Belopp/BUDGET år i ${f.s(p.sheets)}).`,
    en: (p, f) =>
      p.empty
        ? `The budget table in ${f.s(p.sheets)} has headers but no lines with amounts.`
        : `No budget table was found (looked for headers such as Focus area and Amount/BUDGET year in ${f.s(p.sheets)}).`,
  },
  NO_PRINCIPALS: {
    sv: () => `Ingen tabell med huvudmän hittades (rubriker som Kod, Namn, Typ, Folkmängd).`,
    en: () => `No principals table was found (headers such as Code, Name, Kind, Population).`,
  },
  ZERO_WEIGHT: {
    sv: (p, f) => `Fördelningen av ${f.s(p.area)} ${f.s(p.year)} med ${f.s(p.model)} har vikten noll för alla huvudmän; inget kan fördelas.`,
    en: (p, f) => `Splitting ${f.s(p.area)} ${f.s(p.year)} by ${f.s(p.modelEn)} gives every principal a weight of zero; nothing can be split.`,
  },
  NO_REGION: {
    sv: (p, f) => `Modellen ${f.s(p.model)} kräver en region bland huvudmännen, men tabellen har ingen med typen region.`,
    en: (p, f) => `The model ${f.s(p.modelEn)} needs a region among the principals, but the table has none of kind region.`,
  },
  UNKNOWN_MODEL: {
    sv: (p, f) => `Modellen ”${f.s(p.text)}” är okänd; använd ${modelWords('sv')}.`,
    en: (p, f) => `The model "${f.s(p.text)}" is unknown; use ${modelWords('en')}.`,
  },
  MISSING_KEY: {
    sv: (p, f) => (p.name ? `${f.s(p.name)} saknar värde i nyckelkolumnen ${f.s(p.column)}.` : `Nyckelkolumnen ${f.s(p.column)} finns inte i huvudmännens tabell.`),
    en: (p, f) => (p.name ? `${f.s(p.name)} has no value in the key column ${f.s(p.column)}.` : `The key column ${f.s(p.column)} is not in the principals table.`),
  },
  UNKNOWN_PARTICIPANT: {
    sv: (p, f) =>
      p.participant === null
        ? `Medfinansieringen av ${f.s(p.area)} namnger inga deltagare, så det går inte att säga vem som betalar; raden fördelas inte. Ange deltagarna (huvudmän eller externa medfinansiärer).`
        : `Deltagaren ”${f.s(p.participant)}” i medfinansieringen av ${f.s(p.area)} är ingen av huvudmännen${p.mixed ? ', och huvudmän och externa medfinansiärer kan inte blandas på en rad' : ''}; raden fördelas inte.`,
    en: (p, f) =>
      p.participant === null
        ? `The co-financing of ${f.s(p.area)} names no participants, so who pays is unknown; the line is not split. Name the participants (principals or outside co-financiers).`
        : `The participant "${f.s(p.participant)}" in the co-financing of ${f.s(p.area)} is not one of the principals${p.mixed ? ', and principals and outside co-financiers cannot be mixed on one line' : ''}; the line is not split.`,
  },
  MISSING_YEAR: {
    sv: (p, f) => `Raden ${f.s(p.area)} saknar år (${f.s(p.text)}); den räknas inte med.`,
    en: (p, f) => `The line ${f.s(p.area)} has no year (${f.s(p.text)}); it is left out.`,
  },
  DUPLICATE_AREA: {
    sv: (p, f) => `Insatsområdet ${f.s(p.area)} står flera gånger för ${f.s(p.year)}; raderna läggs ihop.`,
    en: (p, f) => `The focus area ${f.s(p.area)} appears more than once for ${f.s(p.year)}; the lines are added up.`,
  },
  ROUNDING_ADJUSTED: {
    sv: (p, f) => `Tabellen för ${f.s(p.year)} kunde inte avrundas så att både rader och kolumner stämmer; raderna för ${f.s(p.names)} avviker med en enhet från största-rest-avrundningen. Kolumnsummorna är exakta.`,
    en: (p, f) => `The table for ${f.s(p.year)} could not be rounded so that both rows and columns add up; the rows of ${f.s(p.names)} differ by one unit from largest-remainder rounding. Column sums are exact.`,
  },
  SPLIT_IN_ORE: {
    sv: (p, f) => `Beloppet ${f.s(p.year)} (${f.kr(p.amount)}) har ören och fördelas därför i ören.`,
    en: (p, f) => `The amount for ${f.s(p.year)} (${f.kr(p.amount)}) has öre, so it is split in öre.`,
  },
  EXTERNAL_NOT_ALLOCATED: {
    sv: (p, f) =>
      `${f.kr(p.amount)} för ${f.s(p.area)} ${f.s(p.year)} är annan finansiering${p.payer ? ` (${f.s(p.payer)})` : ' utan angiven betalare'} och fördelas inte på huvudmännen.`,
    en: (p, f) =>
      `${f.kr(p.amount)} for ${f.s(p.area)} ${f.s(p.year)} is other financing${p.payer ? ` (${f.s(p.payer)})` : ' with no payer named'} and is not split between the principals.`,
  },
  POPULATION_FILLED: {
    sv: (p, f) => `Folkmängden för ${f.s(p.name)} saknades och hämtades ur referensdata: ${f.n(p.population)} inv per ${f.s(p.date)} (${f.s(p.source)}).`,
    en: (p, f) => `The population of ${f.s(p.name)} was missing and was taken from reference data: ${f.n(p.population)} on ${f.s(p.date)} (${f.s(p.source)}).`,
  },
  POPULATION_DATE: {
    sv: (p, f) =>
      p.kind === 'columns'
        ? `Folkmängdskolumnen ”${f.s(p.dates)}” har inget eget datum eller samma datum som en annan; med flera kolumner måste varje rubrik ange sitt datum (t.ex. Folkmängd 2023-12-31).`
        : `Folkmängden gäller olika datum (${f.s(p.dates)}); fördelningen bör bygga på samma datum för alla.`,
    en: (p, f) =>
      p.kind === 'columns'
        ? `The population column "${f.s(p.dates)}" has no date of its own or the same date as another; with several columns each header must name its date (e.g. Population 2023-12-31).`
        : `The populations are for different dates (${f.s(p.dates)}); the split should use one date for all.`,
  },
  FORMULA_WITHOUT_VALUE: {
    sv: (p, f) => `Cellen har formeln ${f.s(p.formula)} men inget beräknat värde, så den räknas inte med; öppna och spara filen i Excel först.`,
    en: (p, f) => `The cell has the formula ${f.s(p.formula)} but no computed value, so it is left out; open and save the file in Excel first.`,
  },
  FILE_FEATURES_DROPPED: {
    sv: (p, f) => `Indatafilen har ${f.s(p.features)}, som inte följer med till resultatfilen (filversionen kan inte skriva dem). Indatafilen är oförändrad; i Excel skriver tillägget direkt i arbetsboken och inget går förlorat.`,
    en: (p, f) => `The input file has ${f.s(p.featuresEn)}, which the result file does not carry (the file version cannot write them). The input file is unchanged; in Excel the add-in writes into the workbook itself and nothing is lost.`,
  },
  LIMIT_EXCEEDED: {
    sv: (p, f) =>
      `${p.what === 'lines' ? `Planen har fler än ${f.n(p.limit)} rader` : p.what === 'areas' ? `Året ${f.s(p.year)} har fler än ${f.n(p.limit)} insatsområden` : `Summan för ${f.s(p.year)} är för stor för en exakt fördelning`}; ${p.what === 'lines' ? 'raderna efter gränsen läses inte' : 'året fördelas inte'}.`,
    en: (p, f) =>
      `${p.what === 'lines' ? `The plan has more than ${f.n(p.limit)} lines` : p.what === 'areas' ? `The year ${f.s(p.year)} has more than ${f.n(p.limit)} focus areas` : `The total for ${f.s(p.year)} is too large to split exactly`}; ${p.what === 'lines' ? 'the lines past the limit are not read' : 'the year is not split'}.`,
  },
  HIDDEN_ROWS: {
    sv: (p, f) => `Rad ${f.s(p.rows)} på bladet ${f.s(p.sheet)} är dold men har belopp som räknas med; kontrollera att de ska vara med.`,
    en: (p, f) => `Row ${f.s(p.rows)} of the sheet ${f.s(p.sheet)} is hidden but holds amounts that are counted; check that they belong.`,
  },
  SHEET_TRUNCATED: {
    sv: (p, f) => `Bladet ${f.s(p.sheet)} är längre än någon plan; bara de första ${f.n(p.rows)} raderna lästes.`,
    en: (p, f) => `The sheet ${f.s(p.sheet)} is longer than any plan; only its first ${f.n(p.rows)} rows were read.`,
  },
  HIDDEN_SHEET_SKIPPED: {
    sv: (p, f) => `Bladet ${f.s(p.sheet)} är dolt och läses inte; visa det i Excel om planen finns där.`,
    en: (p, f) => `The sheet ${f.s(p.sheet)} is hidden and is not read; unhide it in Excel if the plan is there.`,
  },
  UNKNOWN_FINANCING: {
    sv: (p, f) =>
      `Finansieringen ”${f.s(p.text)}” för ${f.s(p.area)} känns inte igen, så raden fördelas inte. Skriv t.ex. SGD/gemensam, statsbidrag, projektmedel, EU-medel, ”finansieras av <betalare>”, egen finansiering eller medfinansiering 50 %.`,
    en: (p, f) =>
      `The financing "${f.s(p.text)}" of ${f.s(p.area)} is not recognised, so the line is not split. Write e.g. joint/SGD, state grant, project funds, EU funds, "funded by <payer>", own cost or co-financing 50 %.`,
  },
  UNKNOWN_STATUS: {
    sv: (p, f) =>
      `Statusen ”${f.s(p.text)}” för ${f.s(p.area)} känns inte igen, så raden fördelas inte. Skriv t.ex. beslutad, pågår, prioriterad, avslutad, ej genomförs eller utgått.`,
    en: (p, f) => `The status "${f.s(p.text)}" of ${f.s(p.area)} is not recognised, so the line is not split. Write e.g. decided, ongoing, prioritised, completed, not carried out or cancelled.`,
  },
  LINE_NOT_CARRIED_OUT: {
    sv: (p, f) => `${f.s(p.area)} ${f.s(p.year)} (${f.kr(p.amount)}) har statusen ”${f.s(p.text)}” och fördelas inte.`,
    en: (p, f) => `${f.s(p.area)} ${f.s(p.year)} (${f.kr(p.amount)}) has the status "${f.s(p.text)}" and is not split.`,
  },
  POPULATION_STALE: {
    sv: (p, f) => `${f.s(p.year)} fördelas efter folkmängden per ${f.s(p.date)}, mer än två år före budgetåret; lägg till en nyare kolumn (t.ex. Folkmängd ${f.s(p.suggested)}), med ”Hämta folkmängd från SCB” eller sgd population --into.`,
    en: (p, f) => `${f.s(p.year)} is split by the population on ${f.s(p.date)}, more than two years before the budget year; add a newer column (e.g. Population ${f.s(p.suggested)}) with “Fetch population from SCB” or sgd population --into.`,
  },
  MEMBERSHIP: {
    sv: (p, f) => `${f.s(p.name)} deltar ${p.from ? `från ${f.s(p.from)}` : ''}${p.from && p.to ? ' ' : ''}${p.to ? `till och med ${f.s(p.to)}` : ''} och betalar inget ${f.s(p.years)}; de åren fördelas på de övriga.`,
    en: (p, f) => `${f.s(p.name)} takes part ${p.from ? `from ${f.s(p.from)}` : ''}${p.from && p.to ? ' ' : ''}${p.to ? `until ${f.s(p.to)}` : ''} and pays nothing in ${f.s(p.years)}; those years are split among the others.`,
  },
  OWN_COST_NAMED: {
    sv: (p, f) => `${f.kr(p.amount)} för ${f.s(p.area)} ${f.s(p.year)} betalas av ${f.s(p.payer)} ensam och fördelas inte.`,
    en: (p, f) => `${f.kr(p.amount)} for ${f.s(p.area)} ${f.s(p.year)} is paid by ${f.s(p.payer)} alone and is not split.`,
  },
  OUTCOME_MISSING: {
    sv: (p, f) => `${f.s(p.year)} har budget men inget utfall eller prognos; året kan inte följas upp eller avräknas.`,
    en: (p, f) => `${f.s(p.year)} has a budget but no outcome or forecast; the year cannot be followed up or settled.`,
  },
  OUTCOME_INCOMPLETE: {
    sv: (p, f) => `${f.s(p.area)} ${f.s(p.year)} har budget men inget utfall eller prognos, medan andra rader har det; året avräknas inte förrän varje rad har ett utfall (skriv 0 om inget har använts).`,
    en: (p, f) => `${f.s(p.area)} ${f.s(p.year)} has a budget but no outcome or forecast while other lines do; the year is not settled until every line has an outcome (write 0 if nothing was spent).`,
  },
  FORECAST_USED: {
    sv: (p, f) => `Uppföljningen av ${f.s(p.year)} bygger på prognos, inte utfall, för minst en rad; avräkningen är preliminär.`,
    en: (p, f) => `The follow-up of ${f.s(p.year)} uses a forecast, not an outcome, for at least one line; the settlement is preliminary.`,
  },
  UNKNOWN_KIND: {
    sv: (p, f) => `Typen ”${f.s(p.text)}” för ${f.s(p.name)} är okänd; ${f.s(p.assumed) === 'region' ? 'tolkas som region' : 'tolkas som kommun'}.`,
    en: (p, f) => `The kind "${f.s(p.text)}" of ${f.s(p.name)} is unknown; read as ${f.s(p.assumed)}.`,
  },
};

/** The flag's message in the chosen language. */
export function messageFor(f: Flag, lang: Lang = 'sv'): string {
  return MESSAGES[f.code][lang](f.params, FMT[lang]);
}

/** "3 fel, 1 varning" / "Inga fel" — the one-line summary of a validation. */
export function summarise(flags: readonly Flag[], lang: Lang = 'sv'): string {
  const errors = flags.filter((f) => f.severity === 'error').length;
  const warnings = flags.filter((f) => f.severity === 'warning').length;
  if (lang === 'en') {
    const e = errors === 0 ? 'No errors' : `${errors} error${errors === 1 ? '' : 's'}`;
    return warnings === 0 ? e : `${e}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  }
  const e = errors === 0 ? 'Inga fel' : `${errors} fel`;
  return warnings === 0 ? e : `${e}, ${warnings} ${warnings === 1 ? 'varning' : 'varningar'}`;
}
