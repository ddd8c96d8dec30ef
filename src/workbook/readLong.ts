import { parseAmount } from '../engine/amountText';
import type { Dec } from '../engine/decimal';
import { flag, Flag } from '../engine/flags';
import type { CellRef, CoFinancing, Plan, PlanLine, StatedTotal } from '../engine/types';
import { badAmount } from './cellFlags';
import { GridView, tableRows } from './grid';
import { Col, financingOf, isEndOfTable, isTotalLabel, lineWords, makeLine, readDefaultModel, readRateTable, YEAR_RE, yearAbove } from './planWords';

/**
 * The long layout, as the template the add-in makes: one row per line with
 * Insatsområde | År | Finansiering | Modell | Belopp | Utfall | Prognos,
 * optional co-financing, external deduction and payer columns.
 */

type Cols = Partial<Record<Col, number>>;

/** One row as the long reader sees it. */
interface Row {
  readonly g: GridView;
  readonly r: number;
  readonly cols: Cols;
  readonly label: string;
  readonly flags: Flag[];
}

export function readLong(g: GridView, headerRow: number, cols: Cols, flags: Flag[]): Plan {
  const lines: PlanLine[] = [];
  const statedTotals: StatedTotal[] = [];
  const titleYear = cols.year === undefined ? yearAbove(g, headerRow) : null;
  const lastCol = Math.max(...Object.values(cols).map((v) => v as number));
  let lastRow = headerRow;
  for (const r of tableRows(g, headerRow + 1, 0, lastCol)) {
    const row: Row = { g, r, cols, label: g.text(r, cols.area!), flags };
    const n = g.norm(r, cols.area!);
    if (isEndOfTable(n)) break;
    lastRow = r;
    if (/^\*/.test(row.label)) continue; // a footnote
    const year = yearOf(row) ?? titleYear;
    const amount = amountOf(row, 'amount');
    if (isTotalLabel(n)) {
      const scope = financingOf(cols.financing !== undefined ? g.norm(r, cols.financing) : '') ?? 'all';
      if (amount.value && amount.ref) statedTotals.push({ year, scope, label: row.label.replace(/\*+/g, '').trim(), value: amount.value, ref: amount.ref });
      continue;
    }
    if (!row.label) {
      if (amount.value && amount.ref) flags.push(flag('BAD_AMOUNT', amount.ref, { text: g.text(r, cols.amount!), reason: 'no-area' }));
      continue;
    }
    if (amount.value === null) continue;
    if (year === null) {
      flags.push(flag('MISSING_YEAR', g.ref(r, cols.year ?? cols.area!), { area: row.label, text: (cols.year !== undefined && g.text(r, cols.year)) || '–' }));
      continue;
    }
    lines.push(readLine(row, year, amount as { value: Dec; ref: CellRef }));
  }
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const extras = readRateTable(g, lastRow + 1, years, flags);
  return {
    sheet: g.name,
    layout: 'long',
    lines,
    defaultModel: readDefaultModel(g, flags),
    statedTotals,
    statedRates: extras.rates,
    statedPopulation: extras.population,
    years,
  };
}

/** The year of a row: a whole number 1900–2100, or a year in text ("2025", "År 2025"); null when there is none. */
function yearOf({ g, r, cols }: Row): number | null {
  if (cols.year === undefined) return null;
  const cell = g.get(r, cols.year);
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1900 && cell <= 2100 ? cell : null;
  const m = YEAR_RE.exec(g.text(r, cols.year));
  return m ? Number(m[1]) : null;
}

/** An amount cell of the row by its column; a bad amount is a flag and no value. */
function amountOf({ g, r, cols, label, flags }: Row, col: Col): { value: Dec | null; ref: CellRef | null } {
  const c = cols[col];
  if (c === undefined) return { value: null, ref: null };
  const parsed = parseAmount(g.get(r, c));
  if (parsed.kind === 'amount') return { value: parsed.value, ref: g.ref(r, c) };
  if (parsed.kind === 'error') flags.push(badAmount(parsed, g.get(r, c), g.ref(r, c), label));
  return { value: null, ref: g.ref(r, c) };
}

/** A plan line from a row with an area, a year and an amount. */
function readLine(row: Row, year: number, amount: { value: Dec; ref: CellRef }): PlanLine {
  const { g, r, cols, label } = row;
  const words = lineWords(g, r, { financing: cols.financing, status: cols.status, model: cols.model }, label, 'joint', row.flags);
  const deduction = amountOf(row, 'deduction');
  const outcome = amountOf(row, 'outcome');
  const forecast = amountOf(row, 'forecast');
  const payerCell = cols.payer !== undefined ? g.text(r, cols.payer) || null : null;
  return makeLine(label, year, words.financing, amount.value, { area: g.ref(r, cols.area!), amount: amount.ref, outcome: outcome.ref, forecast: forecast.ref, model: words.modelRef }, {
    model: words.model,
    coFinancing: coFinancingOf(row, words.coPercent),
    externalDeduction: deduction.value,
    payer: payerCell ?? words.payer,
    outcome: outcome.value,
    forecast: forecast.value,
    status: words.status,
    hold: words.hold,
  });
}

/** Co-financing of the row: its percentage (a co-financing column wins), participants and their key. */
function coFinancingOf(row: Row, fromModel: Dec | null): CoFinancing | null {
  const { g, r, cols, label, flags } = row;
  let percent = fromModel;
  if (cols.cofinancing !== undefined) {
    // Excel keeps a cell formatted as 50 % as the number 0.5; typed text "50 %" means 50.
    const raw = g.get(r, cols.cofinancing);
    const p = parseAmount(typeof raw === 'string' ? raw.replace('%', '') : raw);
    if (p.kind === 'amount') percent = typeof raw === 'number' && Math.abs(raw) <= 1 ? p.value.times(100) : p.value;
    else if (p.kind === 'error') flags.push(badAmount(p, raw, g.ref(r, cols.cofinancing), label));
  }
  if (percent === null) return null;
  const participants = cols.participants !== undefined ? g.text(r, cols.participants).split(/[;,\n]/).map((s) => s.trim()).filter(Boolean) : [];
  const key = cols.cokey !== undefined ? g.text(r, cols.cokey) || null : null;
  return { percent, participants, key, ref: g.ref(r, cols.cofinancing ?? cols.financing ?? cols.model ?? cols.area!) };
}
