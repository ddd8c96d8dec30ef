import type { Analysis } from '../engine/analyse';
import type { ShareRow, YearResult } from '../engine/allocate';
import { D, Dec } from '../engine/decimal';
import { formatEn, formatSv } from '../engine/format';
import type { Flag } from '../engine/flags';
import { Lang, messageFor, summarise } from '../engine/messages';
import { describeModels } from '../engine/models';
import type { FollowUp, FollowUpYear } from '../engine/followUp';
import { periodTotals, PeriodTotals } from '../engine/period';
import type { Principal } from '../engine/types';
import { fitWidths } from './layout';
import { FORMATS, OutCell, OutTable, SheetPrint, SheetSpec } from './port';

/**
 * The sheets the add-in owns, described as data: the per-principal cost table
 * of each year, the checks and the audit; and the one-sheet workbook each
 * principal receives. Every host renders these specs the same way.
 */

const L = {
  sv: {
    yearSheet: 'SGD Fördelning',
    checksSheet: 'SGD Kontroller',
    auditSheet: 'SGD Revision',
    yearTitle: 'Fördelning av gemensam budget',
    chartTitle: 'Andel per huvudman',
    model: 'Modell',
    toSplit: 'Att fördela',
    rate: 'Kostnad per invånare och organisation',
    population: 'Folkmängd',
    rounding: 'Avrundning',
    roundingKr: 'Hela kronor, största rest; rader och kolumner summerar exakt',
    roundingOre: 'Ören, största rest; rader och kolumner summerar exakt',
    code: 'Kod',
    principal: 'Huvudman',
    kind: 'Typ',
    region: 'Region',
    municipality: 'Kommun',
    total: 'Summa',
    remainder: 'Restenhet',
    external: 'Annan finansiering, egna kostnader och rader som inte fördelas',
    area: 'Insatsområde',
    amount: 'Belopp',
    payer: 'Betalare',
    notAllocated: 'ej fördelat',
    ownCost: 'egen kostnad, varje huvudman bär sin',
    ownCostOf: 'egen kostnad för',
    held: { 'not-carried-out': 'genomförs inte', 'unknown-financing': 'okänd finansiering, se Kontroller', 'unknown-status': 'okänd status, se Kontroller', 'unknown-model': 'okänd modell, se Kontroller', 'model-not-applicable': 'modellen går inte att tillämpa, se Kontroller' },
    notTakingPartShort: 'deltar inte i år',
    regionRate: 'Regionen',
    municipalityRate: 'kommunerna',
    regionPart: 'Regionens del',
    followUpTitle: 'Uppföljning och avräkning',
    followUpBasis: 'Underlag',
    followUpBasisWord: { outcome: 'utfall', forecast: 'prognos (preliminär)' },
    budgetShare: 'Er budgetandel',
    outcomeShare: { outcome: 'Er andel av utfallet', forecast: 'Er andel av prognosen' },
    paid: 'Inbetalt',
    paidAssumed: 'Inbetalt (= budgetandelen)',
    settlementLabel: 'Avräkning (+ faktureras er, − återbetalas till er)',
    yearTotals: 'Året',
    budgetWord: 'budget',
    municipalitiesPart: 'Kommunernas del',
    countyPopulation: 'Länets folkmängd',
    roundingDiff: 'Avrundning (avrundad − exakt)',
    remainderWhy: '1 = fick en enhet av resten vid avrundningen',
    externalOf: 'annan finansiering,',
    externalNone: 'annan finansiering, ingen betalare angiven',
    notSplitTitle: 'I planen detta år men fördelas inte, och utfall över budget',
    sender: 'Avsändare',
    contact: 'Kontakt',
    decision: 'Beslut',
    checksTitle: 'Kontroller',
    severity: 'Allvarlighet',
    flagCode: 'Kod',
    sheet: 'Blad',
    cell: 'Cell',
    message: 'Meddelande',
    sev: { error: 'Fel', warning: 'Varning', info: 'Info' },
    auditTitle: 'Revision av fördelningen',
    source: 'Plan',
    created: 'Skapad',
    year: 'År',
    ratio: 'Förhållande region:kommuner',
    popDate: 'Befolkningsdatum',
    popSource: 'Befolkningskälla',
    exact: 'Exakt andel',
    rounded: 'Avrundad andel',
    roundedUp: 'Uppavrundade celler',
    ruleTitle: 'Avrundningsregel',
    shareTitle: 'Kostnadsandel för',
    yourShare: 'Er andel',
    areaTotal: 'Totalt för insatsområdet',
    basis: 'Underlag',
    valuesOnly: 'Filen innehåller värden; bara tabellernas summarader är formler (DELSUMMA). Den öppnas utan tillägget.',
    of: 'av',
    periodSheet: 'SGD Period',
    periodTitle: 'Planperiodens summa per huvudman och insatsområde',
    periodShares: 'Per huvudman',
    periodAreas: 'Per insatsområde',
    periodTotal: 'Perioden',
    preliminary: 'PRELIMINÄR – planen har fel som inte är rättade:',
  },
  en: {
    yearSheet: 'SGD Allocation',
    checksSheet: 'SGD Checks',
    auditSheet: 'SGD Audit',
    yearTitle: 'Allocation of the joint budget',
    chartTitle: 'Share per principal',
    model: 'Model',
    toSplit: 'To split',
    rate: 'Cost per inhabitant and organisation',
    population: 'Population',
    rounding: 'Rounding',
    roundingKr: 'Whole kronor, largest remainder; rows and columns add up exactly',
    roundingOre: 'Öre, largest remainder; rows and columns add up exactly',
    code: 'Code',
    principal: 'Principal',
    kind: 'Kind',
    region: 'Region',
    municipality: 'Municipality',
    total: 'Total',
    remainder: 'Remainder unit',
    external: 'Other financing, own costs and lines not split',
    area: 'Focus area',
    amount: 'Amount',
    payer: 'Payer',
    notAllocated: 'not allocated',
    ownCost: 'own cost, each principal carries its own',
    ownCostOf: 'own cost of',
    held: { 'not-carried-out': 'not carried out', 'unknown-financing': 'unknown financing, see Checks', 'unknown-status': 'unknown status, see Checks', 'unknown-model': 'unknown model, see Checks', 'model-not-applicable': 'the model cannot be applied, see Checks' },
    notTakingPartShort: 'not taking part this year',
    regionRate: 'The region',
    municipalityRate: 'the municipalities',
    regionPart: "The region's part",
    followUpTitle: 'Follow-up and settlement',
    followUpBasis: 'Basis',
    followUpBasisWord: { outcome: 'outcome', forecast: 'forecast (preliminary)' },
    budgetShare: 'Your budget share',
    outcomeShare: { outcome: 'Your share of the outcome', forecast: 'Your share of the forecast' },
    paid: 'Paid',
    paidAssumed: 'Paid (= the budget share)',
    settlementLabel: 'Settlement (+ invoiced to you, − refunded to you)',
    yearTotals: 'The year',
    budgetWord: 'budget',
    municipalitiesPart: "The municipalities' part",
    countyPopulation: 'County population',
    roundingDiff: 'Rounding (rounded − exact)',
    remainderWhy: '1 = received one unit of the remainder when rounding',
    externalOf: 'other financing,',
    externalNone: 'other financing, no payer named',
    notSplitTitle: 'In the plan this year but not split, and outcomes above budget',
    sender: 'Sender',
    contact: 'Contact',
    decision: 'Decision',
    checksTitle: 'Checks',
    severity: 'Severity',
    flagCode: 'Code',
    sheet: 'Sheet',
    cell: 'Cell',
    message: 'Message',
    sev: { error: 'Error', warning: 'Warning', info: 'Info' },
    auditTitle: 'Audit of the allocation',
    source: 'Plan',
    created: 'Created',
    year: 'Year',
    ratio: 'Ratio region:municipalities',
    popDate: 'Population date',
    popSource: 'Population source',
    exact: 'Exact share',
    rounded: 'Rounded share',
    roundedUp: 'Cells rounded up',
    ruleTitle: 'Rounding rule',
    shareTitle: 'Cost share of',
    yourShare: 'Your share',
    areaTotal: 'Total for the focus area',
    basis: 'Basis',
    valuesOnly: 'This file holds values; only the tables\' total rows are formulas (SUBTOTAL). It opens without the add-in.',
    of: 'of',
    periodSheet: 'SGD Period',
    periodTitle: 'Plan period totals per principal and focus area',
    periodShares: 'Per principal',
    periodAreas: 'Per focus area',
    periodTotal: 'Period',
    preliminary: 'PRELIMINARY – the plan has errors that are not corrected:',
  },
} as const;

/** The rule of the cost tables, in both languages (the audit sheet states it). */
const TABLE_RULE = {
  sv: 'Varje huvudmans andel av året avrundas med största rest; därefter avrundas varje cell i tabellen huvudman × insatsområde uppåt eller nedåt (högst en enhet) så att varje rad summerar till huvudmannens andel och varje kolumn till insatsområdets belopp (kontrollerad avrundning, Cox och Ernst 1982).',
  en: "Each principal's share of the year is rounded by largest remainder; then every cell of the principal × focus-area table is rounded up or down (by at most one unit) so that every row adds up to the principal's share and every column to the focus area's amount (controlled rounding, Cox and Ernst 1982).",
};

const n = (d: Dec | null | undefined): number | null => (d ? d.toNumber() : null);

export interface SheetOptions {
  readonly lang: Lang;
  /** Name of the input (file or workbook) for the audit sheet. */
  readonly source: string;
  /** Time stamp for the audit sheet; omitted in golden tests. */
  readonly createdAt?: string;
  /** The plan's errors, when municipality files are made anyway: each file says "Preliminär" and lists them. */
  readonly preliminary?: readonly Flag[];
  /** `sgd distribute --follow-up`: each file also carries its principal's follow-up and settlement per year. */
  readonly followUp?: FollowUp;
}

function tableName(prefix: string, year?: number): string {
  return `SGD_${prefix}${year !== undefined ? '_' + year : ''}`;
}

function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const base = (h || '–').replace(/\s+/g, ' ').trim().slice(0, 250);
    const key = base.toLowerCase();
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    return k === 1 ? base : `${base} (${k})`;
  });
}

/** The öre/inv of the principal's own group: the region's under a:b, the municipalities' otherwise (none when its group pays nothing). */
function groupRate(y: YearResult, p: Principal): Dec | null {
  if (!y.rate) return null;
  if (y.rate.byKind) return y.rate.byKind[p.kind];
  if (p.kind === 'region' && y.models.every((m) => m.kind === 'municipalities-per-capita')) return null;
  return y.rate.orePerInhabitant;
}

/** Kronor, or öre when any of the years is split in öre: one format for what is shown together. */
export function moneyFormat(...years: ReadonlyArray<Pick<YearResult, 'unit'>>): string {
  return years.some((y) => y.unit === 'ore') ? FORMATS.ore : FORMATS.kr;
}

function populationNote(principals: readonly Principal[]): string {
  const dates = [...new Set(principals.map((p) => p.populationDate).filter(Boolean))];
  const sources = [...new Set(principals.map((p) => p.populationSource).filter(Boolean))];
  return [dates.length ? `per ${dates.join(', ')}` : '', sources.join('; ')].filter(Boolean).join(' · ');
}

/**
 * Focus areas as column headers: one named like the add-in's own columns
 * ("Summa", "Restenhet") gets "(insatsområde)", so the add-in's columns keep
 * their names and a reader never confuses the two.
 */
function areaHeaders(areas: readonly string[], own: readonly string[], lang: Lang): string[] {
  const taken = new Set(own.map((h) => h.trim().toLowerCase()));
  return areas.map((a) => (taken.has(a.replace(/\s+/g, ' ').trim().toLowerCase()) ? `${a} (${L[lang].area.toLowerCase()})` : a));
}

/** The row of the cost table's header on a year sheet. */
const TABLE_ROW = 7;

/** The principal × focus-area table of a year, with totals carrying the engine's exact sums. */
function costTable(y: YearResult, lang: Lang): { table: OutTable; totalCol: number } {
  const t = L[lang];
  const fixed = [t.code, t.principal, t.kind, t.population];
  const areaStart = fixed.length;
  const totalCol = areaStart + y.areas.length;
  const inactive = new Set(y.inactive);
  const rows: OutCell[][] = y.shares.map((s) => [
    s.principal.code,
    s.principal.name,
    (s.principal.kind === 'region' ? t.region : t.municipality) + (inactive.has(s.principal.code) ? ` (${t.notTakingPartShort})` : ''),
    n(s.principal.population),
    ...s.byArea.map((v) => v.toNumber()),
    s.amount.toNumber(),
    s.remainderUnits,
  ]);
  const money = moneyFormat(y);
  const formats: Record<number, string> = { 3: FORMATS.integer, [totalCol]: money };
  y.areas.forEach((_, i) => (formats[areaStart + i] = money));
  const table: OutTable = {
    name: tableName('Fordelning', y.year),
    row: TABLE_ROW,
    col: 0,
    headers: uniqueHeaders([...fixed, ...areaHeaders(y.areas.map((a) => a.area), [...fixed, t.total, t.remainder], lang), t.total, t.remainder]),
    rows,
    totals: {
      label: t.total,
      sumColumns: [...y.areas.map((_, i) => areaStart + i), totalCol, totalCol + 1],
      values: {
        ...Object.fromEntries(y.areas.map((a, i) => [areaStart + i, a.amount.toNumber()])),
        [totalCol]: y.amount.toNumber(),
        [totalCol + 1]: y.shares.reduce((sum, sh) => sum + sh.remainderUnits, 0),
      },
    },
    formats,
  };
  return { table, totalCol };
}

/** External money and own costs of the year, listed under the table (not split). */
function notSplitCells(y: YearResult, lang: Lang, row: number): { cells: Array<[number, number, OutCell]>; formats: Array<[number, number, string]> } {
  const t = L[lang];
  const items = [
    ...y.external.map((e) => ({ area: e.area, amount: e.amount, what: e.payer ?? t.notAllocated })),
    ...y.ownCost.map((e) => ({ area: e.area, amount: e.amount, what: e.payer ? `${t.ownCostOf} ${e.payer}` : t.ownCost })),
    ...y.held.map((h) => ({ area: h.area, amount: h.amount, what: `${t.held[h.reason]}: ${h.text}` })),
  ];
  if (items.length === 0) return { cells: [], formats: [] };
  const cells: Array<[number, number, OutCell]> = [[row, 0, t.external], [row + 1, 0, t.area], [row + 1, 1, t.amount], [row + 1, 2, t.payer]];
  items.forEach((e, i) => {
    cells.push([row + 2 + i, 0, e.area], [row + 2 + i, 1, e.amount.toNumber()], [row + 2 + i, 2, e.what]);
  });
  return { cells, formats: items.map((_, i) => [row + 2 + i, 1, moneyFormat(y)] as [number, number, string]) };
}

function yearSheet(y: YearResult, lang: Lang): SheetSpec {
  const t = L[lang];
  const { table, totalCol } = costTable(y, lang);
  const money = moneyFormat(y);
  const extraRow = TABLE_ROW + table.rows.length + 3;
  const notSplit = notSplitCells(y, lang, extraRow);
  const cells: Array<[number, number, OutCell]> = [
    [0, 0, `${t.yearTitle} ${y.year}`],
    [1, 0, t.model],
    [1, 1, describeModels(y.models, y.defaultModel, y.coFinanced, lang)],
    [2, 0, t.toSplit],
    [2, 1, y.amount.toNumber()],
    [3, 0, t.rate],
    [3, 1, y.rate ? y.rate.orePerInhabitant.toNumber() : '–'],
    // Under a ratio other than 1:1 the region's own rate differs from the municipalities' (--ratio 2:1: 174,55 against 87,27).
    ...(y.rate?.byKind && !y.rate.byKind.region.eq(y.rate.byKind.municipality)
      ? ([[3, 2, `${t.regionRate} ${(lang === 'sv' ? formatSv : formatEn)(y.rate.byKind.region, 2)} öre/inv; ${t.municipalityRate} ${(lang === 'sv' ? formatSv : formatEn)(y.rate.byKind.municipality, 2)} öre/inv`]] as Array<[number, number, OutCell]>)
      : []),
    [4, 0, t.population],
    [4, 1, populationNote(y.shares.map((s) => s.principal))],
    [5, 0, t.rounding],
    [5, 1, y.unit === 'ore' ? t.roundingOre : t.roundingKr],
    ...notSplit.cells,
  ];
  return {
    name: `${t.yearSheet} ${y.year}`,
    cells,
    tables: [table],
    charts: [
      {
        title: `${t.chartTitle} ${y.year}`,
        firstRow: TABLE_ROW + 1,
        lastRow: TABLE_ROW + table.rows.length,
        categoryCol: 1,
        valueCol: totalCol,
        anchor: [TABLE_ROW, totalCol + 3],
      },
    ],
    bold: [[0, 0], ...(notSplit.cells.length ? ([[extraRow, 0]] as Array<[number, number]>) : [])],
    cellFormats: [[2, 1, money], [3, 1, FORMATS.rate], ...notSplit.formats],
  };
}

function checksSheet(flags: readonly Flag[], lang: Lang): SheetSpec {
  const t = L[lang];
  const rows: OutCell[][] = flags.map((f) => [
    t.sev[f.severity],
    f.code,
    f.sheet ?? '',
    f.sheet && f.cell ? { text: f.cell, link: { sheet: f.sheet, cell: f.cell } } : (f.cell ?? ''),
    messageFor(f, lang),
  ]);
  return {
    name: t.checksSheet,
    cells: [
      [0, 0, t.checksTitle],
      [1, 0, summarise(flags, lang)],
    ],
    tables: [
      {
        name: tableName('Kontroller'),
        row: 3,
        col: 0,
        headers: [t.severity, t.flagCode, t.sheet, t.cell, t.message],
        rows: rows.length ? rows : [['', '', '', '', summarise(flags, lang)]],
      },
    ],
    bold: [[0, 0]],
  };
}

function auditSheet(a: Analysis, opts: SheetOptions): SheetSpec {
  const t = L[opts.lang];
  const lang = opts.lang;
  const rows: OutCell[][] = [];
  for (const y of a.years) {
    const rm = y.models.find((m) => m.kind === 'region-municipality');
    const ratio = rm && rm.kind === 'region-municipality' ? `${rm.ratio.region.toString()}:${rm.ratio.municipalities.toString()}` : '–';
    for (const s of y.shares) {
      rows.push([
        y.year,
        s.principal.code,
        s.principal.name,
        describeModels(y.models, y.defaultModel, y.coFinanced, lang),
        ratio,
        n(s.principal.population),
        s.principal.populationDate ?? '',
        s.principal.populationSource ?? '',
        s.exactQuota.toDecimalPlaces(4).toNumber(),
        s.amount.toNumber(),
        s.remainderUnits,
        groupRate(y, s.principal)?.toNumber() ?? null,
        y.areas.filter((_, i) => s.roundedUp[i]).map((ar) => ar.area).join('; '),
      ]);
    }
  }
  const cells: Array<[number, number, OutCell]> = [
    [0, 0, t.auditTitle],
    [1, 0, t.source],
    [1, 1, opts.source],
    [2, 0, t.created],
    [2, 1, opts.createdAt ?? ''],
    [3, 0, t.ruleTitle],
    [3, 1, TABLE_RULE.sv],
    [4, 1, TABLE_RULE.en],
    [5, 0, t.rounding],
    [5, 1, lang === 'sv' ? 'Största rest (Hamilton); lika rest avgörs av större vikt, sedan lägre kod. Negativa belopp fördelas symmetriskt.' : 'Largest remainder (Hamilton); equal remainders go to the larger weight, then the lower code. Negative amounts are split symmetrically.'],
  ];
  return {
    name: t.auditSheet,
    cells,
    tables: [
      {
        name: tableName('Revision'),
        row: 7,
        col: 0,
        headers: [t.year, t.code, t.principal, t.model, t.ratio, t.population, t.popDate, t.popSource, t.exact, t.rounded, t.remainder, 'öre/inv', t.roundedUp],
        rows,
        // Shares in öre are shown in öre (8 988,32, not "8 988 kr").
        formats: { 5: FORMATS.integer, 8: '#,##0.0000', 9: moneyFormat(...a.years), 11: FORMATS.rate },
      },
    ],
    bold: [[0, 0]],
  };
}

/** The plan period: per principal and per focus area, one column per year and the period's total. */
function periodSheet(period: PeriodTotals, money: string, lang: Lang): SheetSpec {
  const t = L[lang];
  const years = period.years.map(String);
  const yearCols = period.years.map((_, i) => i);
  const first = 3;
  const second = first + period.shares.length + 4;
  const span = `${period.years[0]}–${period.years[period.years.length - 1]}`;
  const moneyCols = (from: number) => Object.fromEntries([...yearCols.map((i) => from + i), from + years.length].map((c) => [c, money]));
  const totals = (from: number) => ({
    label: t.total,
    sumColumns: [...yearCols.map((i) => from + i), from + years.length],
    values: { ...Object.fromEntries(period.byYear.map((v, i) => [from + i, v.toNumber()])), [from + years.length]: period.total.toNumber() },
  });
  return {
    name: `${t.periodSheet} ${span}`,
    cells: [
      [0, 0, `${t.periodTitle} ${span}`],
      [first - 1, 0, t.periodShares],
      [second - 1, 0, t.periodAreas],
    ],
    tables: [
      {
        name: tableName('Period_Huvudman'),
        row: first,
        col: 0,
        headers: uniqueHeaders([t.code, t.principal, ...years, t.periodTotal]),
        rows: period.shares.map((s) => [s.principal.code, s.principal.name, ...s.byYear.map((v) => v.toNumber()), s.total.toNumber()]),
        totals: totals(2),
        formats: moneyCols(2),
      },
      {
        name: tableName('Period_Omrade'),
        row: second,
        col: 0,
        headers: uniqueHeaders([t.area, ...years, t.periodTotal]),
        rows: period.areas.map((a) => [a.area, ...a.byYear.map((v) => v.toNumber()), a.total.toNumber()]),
        totals: totals(1),
        formats: moneyCols(1),
      },
    ],
    bold: [[0, 0], [first - 1, 0], [second - 1, 0]],
  };
}

/** All owned sheets of an allocation: one per year, the plan period (two years or more), the checks and the audit. */
export function resultSheets(a: Analysis, opts: SheetOptions): SheetSpec[] {
  const period = periodTotals(a.years);
  const money = moneyFormat(...a.years);
  const header = (title: string) => [opts.source, title, opts.createdAt].filter(Boolean).join(' – ');
  const fits = (rows: number) => rows <= ONE_PAGE_ROWS;
  return [
    ...a.years.map((y) =>
      laidOut(yearSheet(y, opts.lang), { rows: TABLE_ROW + 1, cols: 2 }, { landscape: true, onePage: fits(y.shares.length), titleRows: [TABLE_ROW, TABLE_ROW], header: header(`${L[opts.lang].yearTitle} ${y.year}`) }),
    ),
    ...(period ? [laidOut(periodSheet(period, money, opts.lang), { rows: 4, cols: 2 }, { landscape: true, onePage: fits(period.shares.length + period.areas.length), header: header(L[opts.lang].periodTitle) })] : []),
    laidOut(checksSheet(a.flags, opts.lang), { rows: 4 }, { landscape: true, onePage: false, titleRows: [3, 3], header: header(L[opts.lang].checksTitle) }),
    laidOut(auditSheet(a, opts), { rows: 8, cols: 3 }, { landscape: true, onePage: false, titleRows: [7, 7], header: header(L[opts.lang].auditTitle) }),
  ];
}

/** Rows that still print legibly on one landscape page (Skåne's 34 principals do, a national plan's 311 do not). */
const ONE_PAGE_ROWS = 60;

/** A sheet made for people: widths that fit, the header row kept in view, print setup. */
function laidOut(spec: SheetSpec, freeze: SheetSpec['freeze'], print: SheetPrint): SheetSpec {
  return { ...spec, columnWidths: fitWidths(spec), freeze, print };
}

/** The one sheet a principal receives: its own shares per year and area, the basis, and the plan period. */
export function principalSheet(a: Analysis, code: string, opts: SheetOptions): SheetSpec | null {
  const t = L[opts.lang];
  const p = a.principals.find((x) => x.code === code);
  if (!p) return null;
  const head = fileHead(a, p, opts);
  const cells: Array<[number, number, OutCell]> = [...head.cells];
  const bold: Array<[number, number]> = [[0, 0]];
  const cellFormats: Array<[number, number, string]> = [];
  const tables: OutTable[] = [];
  const breaksBefore: number[] = [];
  let row = head.rows + 1;
  // A file made from a plan with errors says so first, with the errors (sgd distribute --allow-errors).
  const errors = opts.preliminary ?? [];
  if (errors.length > 0) {
    bold.push([row, 0]);
    cells.push([row, 0, t.preliminary], ...errors.map((f, i): [number, number, OutCell] => [row + 1 + i, 0, `${f.sheet ? `'${f.sheet}'!${f.cell ?? ''} ` : ''}${messageFor(f, opts.lang)}`]));
    row += errors.length + 2;
  }
  for (const y of a.years) {
    const s = y.shares.find((x) => x.principal.code === code);
    if (!s) continue;
    const part = principalYear(y, s, row, opts.lang, a.flags.filter((f) => f.params.year === y.year));
    breaksBefore.push(row);
    bold.push([row, 0]);
    cells.push(...part.cells);
    cellFormats.push(...part.formats);
    tables.push(part.table);
    row += part.height + 1;
  }
  for (const fy of opts.followUp?.years ?? []) {
    const part = principalFollowUp(fy, code, row, opts.lang);
    if (!part) continue;
    breaksBefore.push(row);
    bold.push([row, 0]);
    cells.push(...part.cells);
    cellFormats.push(...part.formats);
    row += part.height + 1;
  }
  const period = principalPeriod(a, code, row, opts.lang);
  if (period) {
    bold.push([row, 0]);
    cells.push(period.title);
    tables.push(period.table);
    breaksBefore.push(row);
  }
  const spec: SheetSpec = { name: 'Kostnadsandel', cells, tables, bold, cellFormats };
  const header = [opts.source, `${t.shareTitle} ${p.name}`, opts.createdAt].filter(Boolean).join(' – ');
  // One printed page per year: a break before every year after the first.
  return laidOut(spec, undefined, { landscape: false, onePage: false, header, breaksBefore: breaksBefore.slice(1) });
}

/** The top of a principal's file: who sends it, on what decision and when, so a controller can check it without calling. */
function fileHead(a: Analysis, p: Principal, opts: SheetOptions): { cells: Array<[number, number, OutCell]>; rows: number } {
  const t = L[opts.lang];
  const info = a.plan?.info;
  const about: Array<[string, string | null | undefined]> = [
    [t.source, opts.source],
    [t.sender, info?.sender],
    [t.contact, info?.contact],
    [t.decision, info?.decision],
    [t.created, opts.createdAt],
  ];
  const shown = about.filter(([, v]) => v);
  return {
    cells: [
      [0, 0, `${t.shareTitle} ${p.name} (${p.code})`],
      ...shown.flatMap(([label, v], i): Array<[number, number, OutCell]> => [
        [1 + i, 0, label],
        [1 + i, 1, v!],
      ]),
      [1 + shown.length, 0, t.valuesOnly],
    ],
    rows: shown.length + 2,
  };
}

/** One year of a principal's file: its share and how it was reached, in numbers and words; the table per area; what is not split. */
function principalYear(y: YearResult, s: ShareRow, row: number, lang: Lang, yearFlags: readonly Flag[]) {
  const t = L[lang];
  const py = s.principal;
  const money = moneyFormat(y);
  const fmt = lang === 'sv' ? formatSv : formatEn;
  const cells: Array<[number, number, OutCell]> = [[row, 0, `${y.year}${y.inactive.includes(py.code) ? ` – ${t.notTakingPartShort}` : ''}`]];
  const formats: Array<[number, number, string]> = [];
  let r = row + 1;
  const line = (label: string, value: OutCell, format?: string) => {
    cells.push([r, 0, label], [r, 1, value]);
    if (format) formats.push([r, 1, format]);
    r++;
  };
  const group = y.shares.filter((x) => x.principal.kind === py.kind);
  const groupAmount = group.reduce((sum, x) => sum.plus(x.amount), new D(0));
  const countyPop = countyPopulation(y);
  const rate = groupRate(y, py);
  line(t.yourShare, s.amount.toNumber(), money);
  line(t.toSplit, y.amount.toNumber(), money);
  line(t.model, describeModels(y.models, y.defaultModel, y.coFinanced, lang));
  line(py.kind === 'region' ? t.regionPart : t.municipalitiesPart, groupAmount.toNumber(), money);
  line(t.population, py.population ? py.population.toNumber() : '–', FORMATS.integer);
  line(t.countyPopulation, countyPop ? countyPop.toNumber() : '–', FORMATS.integer);
  line(t.popDate, [py.populationDate, py.populationSource].filter(Boolean).join(' · '));
  line(t.rate, rate?.toNumber() ?? '–', FORMATS.rate);
  line(t.exact, s.exactQuota.toDecimalPlaces(2).toNumber(), FORMATS.ore);
  line(t.roundingDiff, s.amount.minus(s.exactQuota).toDecimalPlaces(2).toNumber(), FORMATS.ore);
  line(t.remainder, `${s.remainderUnits} (${t.remainderWhy})`);
  line(t.basis, basisText(y, s, rate, fmt, lang));
  const table: OutTable = {
    name: tableName('Andel', y.year),
    row: r + 1,
    col: 0,
    headers: uniqueHeaders([t.area, t.areaTotal, t.yourShare]),
    rows: y.areas.map((ar, i) => [ar.area, ar.amount.toNumber(), s.byArea[i].toNumber()]),
    totals: { label: t.total, sumColumns: [1, 2], values: { 1: y.amount.toNumber(), 2: s.amount.toNumber() } },
    formats: { 1: money, 2: money },
  };
  r = table.row + y.areas.length + 3;
  // What the plan has this year that is not split, and outcomes above budget: a controller sees the whole year.
  const notes = [
    ...y.external.map((e) => `${e.area}: ${fmt(e.amount)} kr – ${e.payer ? `${t.externalOf} ${e.payer}` : t.externalNone}`),
    ...y.ownCost.map((e) => `${e.area}: ${fmt(e.amount)} kr – ${e.payer ? `${t.ownCostOf} ${e.payer}` : t.ownCost}`),
    ...y.held.map((h) => `${h.area}: ${fmt(h.amount)} kr – ${t.held[h.reason]}: ${h.text}`),
    ...yearFlags.filter((f) => f.code === 'OVER_BUDGET').map((f) => messageFor(f, lang)),
  ];
  if (notes.length > 0) {
    cells.push([r, 0, t.notSplitTitle], ...notes.map((n, i): [number, number, OutCell] => [r + 1 + i, 0, n]));
    r += notes.length + 2;
  }
  return { cells, formats, table, height: r - row };
}

/** The county's population as the year uses it: the region's, else its municipalities' together. */
function countyPopulation(y: YearResult): Dec | null {
  const regions = y.shares.filter((x) => x.principal.kind === 'region' && x.principal.population);
  if (regions.length === 1) return regions[0].principal.population;
  const m = y.shares.filter((x) => x.principal.kind === 'municipality' && x.principal.population);
  return m.length ? m.reduce((sum, x) => sum.plus(x.principal.population!), new D(0)) : null;
}

/**
 * The share in words, so a controller can check it without calling:
 * "357 377 inv × 81,31 öre/inv = 290 583,24 kr. Exakt andel 290 586,62 kr,
 * avrundad till 290 587 kr (+0,38 kr) …".
 */
function basisText(y: YearResult, s: ShareRow, rate: Dec | null, fmt: (d: Dec, decimals?: number) => string, lang: Lang): string {
  const p = s.principal;
  const unit = y.unit === 'ore' ? 'öre' : lang === 'sv' ? 'hela kronor' : 'whole kronor';
  const diff = s.amount.minus(s.exactQuota);
  const signed = `${diff.isNegative() ? '−' : '+'}${fmt(diff.abs(), 2)} kr`;
  const byRate = rate && p.population ? `${fmt(p.population)} inv × ${fmt(rate, 2)} öre/inv = ${fmt(p.population.times(rate).dividedBy(100), 2)} kr. ` : '';
  return lang === 'sv'
    ? `${byRate}Exakt andel ${fmt(s.exactQuota, 2)} kr, avrundad till ${fmt(s.amount, 2)} kr (${signed}) enligt avrundningsregeln: största rest i ${unit}, så att alla andelar tillsammans blir exakt ${fmt(y.amount)} kr. Öre/inv är avrundat till två decimaler och ger därför inte exakt andelen.`
    : `${byRate}Exact share SEK ${fmt(s.exactQuota, 2)}, rounded to SEK ${fmt(s.amount, 2)} (${signed}) by the rounding rule: largest remainder in ${unit}, so that all shares add up to exactly SEK ${fmt(y.amount)}. The öre/inhabitant is rounded to two decimals and so does not give the share exactly.`;
}

/** A principal's follow-up of a year on one page: budget share, outcome share, paid and settlement, with the basis. */
function principalFollowUp(fy: FollowUpYear, code: string, row: number, lang: Lang) {
  const t = L[lang];
  const s = fy.shares.find((x) => x.principal.code === code);
  if (!s) return null;
  const money = moneyFormat(fy.budgetYear, fy.outcomeYear);
  const rows: Array<[string, OutCell, string | undefined]> = [
    [t.followUpBasis, t.followUpBasisWord[fy.basis], undefined],
    [t.budgetShare, s.budgetShare.toNumber(), money],
    [t.outcomeShare[fy.basis], s.outcomeShare.toNumber(), money],
    [s.paidStated ? t.paid : t.paidAssumed, s.paid.toNumber(), money],
    [t.settlementLabel, s.settlement.toNumber(), money],
    [t.yearTotals, `${t.budgetWord} ${(lang === 'sv' ? formatSv : formatEn)(fy.budget)} kr, ${t.followUpBasisWord[fy.basis]} ${(lang === 'sv' ? formatSv : formatEn)(fy.outcome)} kr`, undefined],
  ];
  const cells: Array<[number, number, OutCell]> = [[row, 0, `${t.followUpTitle} ${fy.year}`]];
  const formats: Array<[number, number, string]> = [];
  rows.forEach(([label, value, fmt], i) => {
    cells.push([row + 1 + i, 0, label], [row + 1 + i, 1, value]);
    if (fmt) formats.push([row + 1 + i, 1, fmt]);
  });
  return { cells, formats, height: rows.length + 2 };
}

/** A principal's own plan-period table: each year's amount split and its share, and the period's sums. */
function principalPeriod(a: Analysis, code: string, row: number, lang: Lang): { title: [number, number, OutCell]; table: OutTable } | null {
  const t = L[lang];
  const period = periodTotals(a.years);
  const mine = period?.shares.find((x) => x.principal.code === code);
  if (!period || !mine) return null;
  const money = moneyFormat(...a.years);
  return {
    title: [row, 0, `${t.periodTotal} ${period.years[0]}–${period.years[period.years.length - 1]}`],
    table: {
      name: tableName('Andel_Period'),
      row: row + 1,
      col: 0,
      headers: uniqueHeaders([t.year, t.toSplit, t.yourShare]),
      rows: period.years.map((yr, i) => [String(yr), period.byYear[i].toNumber(), mine.byYear[i].toNumber()]),
      totals: { label: t.total, sumColumns: [1, 2], values: { 1: period.total.toNumber(), 2: mine.total.toNumber() } },
      formats: { 1: money, 2: money },
    },
  };
}

/** File name for a principal's workbook: "1280 Malmö.xlsx", safe on every system. */
export function principalFileName(p: Principal): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  let safe = `${p.code} ${p.name}`.replace(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '_').replace(/^[=+\-@.\s]+/, '').trim();
  // File systems allow 255 bytes a name: keep well under, counted in UTF-8, whole characters only.
  const encoder = new TextEncoder();
  while (encoder.encode(safe).length > 200) safe = Array.from(safe).slice(0, -1).join('');
  return `${safe || 'huvudman'}.xlsx`;
}
