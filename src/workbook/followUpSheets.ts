import { D, Dec } from '../engine/decimal';
import type { FollowUp, FollowUpYear } from '../engine/followUp';
import type { Lang } from '../engine/lang';
import { flagsJson, JsonFlag } from './results';
import { fitWidths } from './layout';
import type { OutCell, SheetSpec } from './port';
import { moneyFormat } from './sheets';

/**
 * The follow-up as the principals receive it: one sheet per year (budget
 * against outcome per focus area with a chart, and the settlement per
 * principal), the invoice basis (fakturaunderlag) as a sheet and as a CSV
 * that Swedish Excel opens right, and the JSON of `sgd follow-up --json`.
 */
const T = {
  sv: {
    sheet: 'SGD Uppföljning',
    invoiceSheet: 'SGD Fakturaunderlag',
    title: 'Uppföljning och avräkning',
    basis: { outcome: 'Underlag: utfall', forecast: 'Underlag: prognos (före årets slut; avräkningen är preliminär)' },
    area: 'Insatsområde',
    budget: 'Budget',
    outcome: { outcome: 'Utfall', forecast: 'Prognos' },
    deviation: 'Avvikelse',
    deviationPercent: 'Avvikelse %',
    code: 'Kod',
    principal: 'Huvudman',
    budgetShare: 'Budgetandel',
    outcomeShare: { outcome: 'Andel av utfall', forecast: 'Andel av prognos' },
    paid: 'Inbetalt',
    paidNote: 'Inbetalt = budgetandelen där planen inte anger "Inbetalt <år>".',
    settlement: 'Avräkning (+ faktureras, − återbetalas)',
    total: 'Summa',
    chart: 'Budget och utfall per insatsområde',
    areasTitle: 'Per insatsområde',
    sharesTitle: 'Avräkning per huvudman',
    notSettled: 'Annan finansiering och egna kostnader (redovisas, avräknas inte)',
    invoiceTitle: 'Fakturaunderlag: att fakturera (+) eller återbetala (−) per huvudman och år',
    year: 'År',
    amount: 'Belopp',
    what: 'Avser',
    invoiceWhat: (y: number, basis: string) => `Avräkning gemensam budget ${y} (${basis})`,
    basisWord: { outcome: 'utfall', forecast: 'prognos' },
  },
  en: {
    sheet: 'SGD Follow-up',
    invoiceSheet: 'SGD Invoice basis',
    title: 'Follow-up and settlement',
    basis: { outcome: 'Basis: outcome', forecast: 'Basis: forecast (before year end; the settlement is preliminary)' },
    area: 'Focus area',
    budget: 'Budget',
    outcome: { outcome: 'Outcome', forecast: 'Forecast' },
    deviation: 'Deviation',
    deviationPercent: 'Deviation %',
    code: 'Code',
    principal: 'Principal',
    budgetShare: 'Budget share',
    outcomeShare: { outcome: 'Outcome share', forecast: 'Forecast share' },
    paid: 'Paid',
    paidNote: 'Paid = the budget share where the plan has no "Paid <year>".',
    settlement: 'Settlement (+ invoice, − refund)',
    total: 'Total',
    chart: 'Budget and outcome per focus area',
    areasTitle: 'Per focus area',
    sharesTitle: 'Settlement per principal',
    notSettled: 'Other financing and own costs (reported, not settled)',
    invoiceTitle: 'Invoice basis: to invoice (+) or refund (−) per principal and year',
    year: 'Year',
    amount: 'Amount',
    what: 'For',
    invoiceWhat: (y: number, basis: string) => `Settlement of the joint budget ${y} (${basis})`,
    basisWord: { outcome: 'outcome', forecast: 'forecast' },
  },
} as const;

const num = (d: Dec) => d.toNumber();
const money = (y: FollowUpYear) => moneyFormat(y.budgetYear, y.outcomeYear);

/** `sgd follow-up --json`. */
export interface JsonFollowUp {
  years: Array<{
    year: number;
    basis: 'outcome' | 'forecast';
    budget: number;
    outcome: number;
    areas: Array<{ area: string; budget: number; outcome: number; deviation: number; deviationPercent: number | null }>;
    shares: Array<{ code: string; name: string; budgetShare: number; outcomeShare: number; paid: number; settlement: number }>;
    external: Array<{ area: string; amount: number; payer: string | null }>;
  }>;
  flags: JsonFlag[];
}

export function followUpJson(f: FollowUp, lang: Lang): JsonFollowUp {
  return {
    years: f.years.map((y) => ({
      year: y.year,
      basis: y.basis,
      budget: num(y.budget),
      outcome: num(y.outcome),
      areas: y.areas.map((a) => ({ area: a.area, budget: num(a.budget), outcome: num(a.outcome), deviation: num(a.deviation), deviationPercent: a.deviationPercent ? num(a.deviationPercent) : null })),
      shares: y.shares.map((s) => ({ code: s.principal.code, name: s.principal.name, budgetShare: num(s.budgetShare), outcomeShare: num(s.outcomeShare), paid: num(s.paid), settlement: num(s.settlement) })),
      external: [...y.external, ...y.ownCost].map((e) => ({ area: e.area, amount: num(e.amount), payer: e.payer })),
    })),
    flags: flagsJson(f.flags, lang),
  };
}

/** One sheet per year followed up, and the invoice basis. */
export function followUpSheets(f: FollowUp, lang: Lang, source: string): SheetSpec[] {
  if (f.years.length === 0) return [];
  return [...f.years.map((y) => yearSheet(y, lang, source)), invoiceSheet(f, lang, source)];
}

function yearSheet(y: FollowUpYear, lang: Lang, source: string): SheetSpec {
  const t = T[lang];
  const m = money(y);
  const areaRow = 4;
  const shareRow = areaRow + y.areas.length + 4;
  const cells: Array<[number, number, OutCell]> = [
    [0, 0, `${t.title} ${y.year}`],
    [1, 0, t.basis[y.basis]],
    [2, 0, t.paidNote],
    [areaRow - 1, 0, t.areasTitle],
    [shareRow - 1, 0, t.sharesTitle],
  ];
  const notSettled = [...y.external, ...y.ownCost];
  const noteRow = shareRow + y.shares.length + 3;
  if (notSettled.length) {
    cells.push([noteRow, 0, t.notSettled]);
    notSettled.forEach((e, i) => cells.push([noteRow + 1 + i, 0, e.area], [noteRow + 1 + i, 1, num(e.amount)], [noteRow + 1 + i, 2, e.payer ?? '']));
  }
  const sumOf = (xs: readonly Dec[]) => num(xs.reduce((a, b) => a.plus(b), new D(0)));
  const spec: SheetSpec = {
    name: `${t.sheet} ${y.year}`,
    cells,
    bold: [[0, 0], [areaRow - 1, 0], [shareRow - 1, 0], ...(notSettled.length ? ([[noteRow, 0]] as Array<[number, number]>) : [])],
    cellFormats: notSettled.map((_, i) => [noteRow + 1 + i, 1, m] as [number, number, string]),
    tables: [
      {
        name: `SGD_Uppfoljning_${y.year}`,
        row: areaRow,
        col: 0,
        headers: [t.area, t.budget, t.outcome[y.basis], t.deviation, t.deviationPercent],
        rows: y.areas.map((a) => [a.area, num(a.budget), num(a.outcome), num(a.deviation), a.deviationPercent ? num(a.deviationPercent) : null]),
        totals: { label: t.total, sumColumns: [1, 2, 3], values: { 1: num(y.budget), 2: num(y.outcome), 3: num(y.outcome.minus(y.budget)) } },
        formats: { 1: m, 2: m, 3: m, 4: '0.00' },
      },
      {
        name: `SGD_Avrakning_${y.year}`,
        row: shareRow,
        col: 0,
        headers: [t.code, t.principal, t.budgetShare, t.outcomeShare[y.basis], t.paid, t.settlement],
        rows: y.shares.map((s) => [s.principal.code, s.principal.name, num(s.budgetShare), num(s.outcomeShare), num(s.paid), num(s.settlement)]),
        totals: {
          label: t.total,
          sumColumns: [2, 3, 4, 5],
          values: { 2: num(y.budget), 3: num(y.outcome), 4: sumOf(y.shares.map((s) => s.paid)), 5: sumOf(y.shares.map((s) => s.settlement)) },
        },
        formats: { 2: m, 3: m, 4: m, 5: m },
      },
    ],
    charts: [{ title: `${t.chart} ${y.year}`, firstRow: areaRow + 1, lastRow: areaRow + y.areas.length, categoryCol: 0, valueCol: 2, anchor: [1, 7] }],
  };
  return { ...spec, columnWidths: fitWidths(spec), freeze: { rows: 1 }, print: { landscape: true, onePage: y.shares.length <= 60, header: `${source} – ${t.title} ${y.year}` } };
}

/** Every principal and year with an amount to invoice or refund. */
function invoiceRows(f: FollowUp, lang: Lang): Array<{ code: string; name: string; year: number; amount: Dec; what: string }> {
  const t = T[lang];
  return f.years.flatMap((y) =>
    y.shares.filter((s) => !s.settlement.isZero()).map((s) => ({ code: s.principal.code, name: s.principal.name, year: y.year, amount: s.settlement, what: t.invoiceWhat(y.year, t.basisWord[y.basis]) })),
  );
}

function invoiceSheet(f: FollowUp, lang: Lang, source: string): SheetSpec {
  const t = T[lang];
  const rows = invoiceRows(f, lang);
  const m = moneyFormat(...f.years.flatMap((y) => [y.budgetYear, y.outcomeYear]));
  const spec: SheetSpec = {
    name: t.invoiceSheet,
    cells: [[0, 0, t.invoiceTitle]],
    bold: [[0, 0]],
    tables: [
      {
        name: 'SGD_Fakturaunderlag',
        row: 2,
        col: 0,
        headers: [t.code, t.principal, t.year, t.amount, t.what],
        rows: rows.length ? rows.map((r) => [r.code, r.name, r.year, num(r.amount), r.what]) : [['', '', '', 0, '']],
        formats: { 3: m },
      },
    ],
  };
  return { ...spec, columnWidths: fitWidths(spec), freeze: { rows: 3 }, print: { landscape: false, onePage: false, titleRows: [2, 2], header: `${source} – ${t.invoiceTitle}` } };
}

/**
 * The invoice basis as a CSV that Swedish Excel opens right: UTF-8 with a
 * byte-order mark, semicolons, a decimal comma and no thousands separator
 * (so each amount is a number), one line per principal and year. Text that
 * starts like a formula gets an apostrophe (CSV injection, OWASP), and
 * fields with a semicolon, a quote or a line break are quoted.
 */
export function invoiceCsv(f: FollowUp, lang: Lang): string {
  const t = T[lang];
  const field = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  // For Swedish Excel whatever the language of the words: semicolons and a decimal comma.
  const amount = (d: Dec) => d.toFixed(2).replace('.', ',');
  const lines = [[t.code, t.principal, t.year, t.amount, t.what].map(field).join(';')];
  for (const r of invoiceRows(f, lang)) lines.push([field(r.code), field(r.name), String(r.year), amount(r.amount), field(r.what)].join(';'));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
