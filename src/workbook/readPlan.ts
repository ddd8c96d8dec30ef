import { parseAmount } from '../engine/amountText';
import { D, Dec } from '../engine/decimal';
import { flag, Flag } from '../engine/flags';
import { parseModel } from '../engine/models';
import { normalise } from '../engine/text';
import type { CellRef, CoFinancing, Financing, ModelSpec, Plan, PlanLine, StatedRate, StatedTotal } from '../engine/types';
import { badAmount } from './cellFlags';
import { GridView } from './grid';

/**
 * Finds and reads the budget table of a plan, in either layout:
 *
 * - wide, as published (seed 001 "Samlad budget"): one row per focus area,
 *   merged "BUDGET 2024" cells over sub-columns "Annan*" and "SGD", footnote
 *   markers instead of amounts, DELSUMMA/SUMMA rows, and a small table of
 *   population and öre per inhabitant;
 * - long, as the template: Insatsområde | År | Finansiering | Modell | Belopp | Utfall …
 *
 * Headers are found by words, Swedish or English, any case, footnote stars
 * stripped. Bad cells become flags with their address; nothing throws.
 */

type Col = 'area' | 'year' | 'financing' | 'model' | 'amount' | 'outcome' | 'forecast' | 'cofinancing' | 'participants' | 'cokey' | 'deduction' | 'payer';

const HEADER_WORDS: Array<[Col, RegExp]> = [
  ['area', /^(insatsomrade(n|t)?|focus area|area|omrade|aktivitet|projekt|post|line)$/],
  ['deduction', /^(varav (extern|annan)( finansiering)?|extern finansiering|externt finansierat|avgar extern|external financing|external)( \(?kr\)?)?$/],
  ['payer', /^(betalare|finansiar|extern finansiar|payer|paid by)$/],
  ['financing', /^(finansiering|finansieringsform|finansieringstyp|financing|funding)$/],
  ['cofinancing', /^(medfinansiering|co-?financing)( ?%| \(%\)| procent| percent)?$/],
  ['participants', /^(deltagare|medfinansiarer|participants)$/],
  ['cokey', /^(deltagarnyckel|participant key)$/],
  ['model', /^(modell|model|fordelningsmodell|kostnadsfordelningsmodell|fordelning|allocation model)$/],
  ['year', /^(ar|year|verksamhetsar|budgetar|budget year)$/],
  ['amount', /^(belopp|budget|amount|kostnad|ram|budgetbelopp|cost)( ?\(?(kr|sek|tkr)\)?)?$/],
  ['outcome', /^(utfall|outcome|actual)( ?\(?(kr|sek)\)?)?$/],
  ['forecast', /^(prognos|forecast)( ?\(?(kr|sek)\)?)?$/],
];

export function classifyPlanHeader(n: string): Col | null {
  for (const [col, re] of HEADER_WORDS) if (re.test(n)) return col;
  return null;
}

const YEAR_RE = /\b((?:19|20)\d{2})\b/;

/** A header cell that names a year: "BUDGET 2024", "Utfall 2023", "Verksamhetsåret 2023", "2024". */
function yearHeader(n: string): { year: number; kind: 'budget' | 'outcome' | 'forecast' } | null {
  const m = YEAR_RE.exec(n);
  if (!m) return null;
  const rest = n.replace(m[0], '').trim();
  if (rest !== '' && !/^(budget|utfall|prognos|outcome|forecast|actual|verksamhetsaret|verksamhetsar|ar|year|belopp|kr|budget kr)\b/.test(rest)) return null;
  const kind = /utfall|outcome|actual/.test(rest) ? 'outcome' : /prognos|forecast/.test(rest) ? 'forecast' : 'budget';
  return { year: Number(m[1]), kind };
}

export function financingOf(n: string): Financing | null {
  if (n === '') return null;
  if (/^(sgd|gemensam|joint|sgd-budget|gemensam finansiering|kostnadsfordelning|fordelas)/.test(n)) return 'joint';
  if (/^(annan|extern|statsbidrag|projektmedel|stimulansbidrag|other|external|grant)/.test(n)) return 'external';
  if (/^(egen|own)/.test(n)) return 'own';
  if (/^(medfinansiering|co-?financing)/.test(n)) return 'joint';
  return null;
}

const isTotalLabel = (n: string) => /^(delsumma|summa|totalt?|subtotal|sum)\b/.test(n);
const isSubtotalLabel = (n: string) => /^(delsumma|subtotal)\b/.test(n);
/** Rows that start the population/rate table or footnotes below a budget table. */
const isEndOfTable = (n: string) => /(invanartal|kostnad per invanare|cost per inhabitant|fordelning av kostnad)/.test(n);

export interface PlanReadResult {
  readonly plan: Plan | null;
  readonly flags: Flag[];
}

/** Reads the first plan found in the sheets (owned sheets are skipped). */
export function readPlan(sheets: readonly GridView[]): PlanReadResult {
  for (const g of sheets) {
    const found = findHeader(g);
    if (!found) continue;
    const flags: Flag[] = [];
    const plan = found.kind === 'wide' ? readWide(g, found.row, found.areaCol, flags) : readLong(g, found.row, found.cols, flags);
    if (plan.lines.length === 0 && !flags.some((f) => f.severity === 'error')) {
      flags.push(flag('NO_PLAN', g.ref(found.row, found.kind === 'wide' ? found.areaCol : found.cols.area!), { sheets: g.name, empty: 'yes' }));
    }
    return { plan, flags };
  }
  return { plan: null, flags: [flag('NO_PLAN', null, { sheets: sheets.map((s) => s.name).join(', ') || '–' })] };
}

type Found =
  | { kind: 'wide'; row: number; areaCol: number }
  | { kind: 'long'; row: number; cols: Partial<Record<Col, number>> };

function findHeader(g: GridView): Found | null {
  const maxRow = Math.min(g.rowCount, 2000);
  for (let r = 0; r < maxRow; r++) {
    const cols: Partial<Record<Col, number>> = {};
    let yearCells = 0;
    for (let c = 0; c < Math.min(g.colCount, 200); c++) {
      const n = g.norm(r, c);
      if (!n) continue;
      const col = classifyPlanHeader(n);
      if (col && cols[col] === undefined) cols[col] = c;
      else if (yearHeader(n) && cols.area !== undefined && c > cols.area) yearCells++;
    }
    if (cols.area === undefined) continue;
    if (cols.amount !== undefined) return { kind: 'long', row: r, cols };
    if (yearCells > 0) return { kind: 'wide', row: r, areaCol: cols.area };
  }
  return null;
}

interface YearColumn {
  year: number;
  kind: 'budget' | 'outcome' | 'forecast';
  col: number;
  financing: Financing;
}

function readWide(g: GridView, headerRow: number, areaCol: number, flags: Flag[]): Plan {
  // Year groups in the header row, each over its merged span.
  const groups: Array<{ year: number; kind: YearColumn['kind']; left: number; right: number; ref: CellRef }> = [];
  for (let c = areaCol + 1; c < g.colCount; c++) {
    const yh = yearHeader(g.norm(headerRow, c));
    if (!yh) continue;
    const span = g.span(headerRow, c);
    groups.push({ ...yh, left: c, right: span.right, ref: g.ref(headerRow, c) });
  }
  // A group without a merge reaches to the next group (or, for the last, as far as the sub-header goes).
  const sub = headerRow + 1;
  const hasSubHeader = groups.some((grp) => {
    for (let c = grp.left; c <= Math.max(grp.right, grp.left + 1); c++) if (financingOf(g.norm(sub, c))) return true;
    return false;
  });
  groups.forEach((grp, i) => {
    if (grp.right === grp.left && hasSubHeader) {
      const limit = i + 1 < groups.length ? groups[i + 1].left - 1 : g.colCount - 1;
      let c = grp.left + 1;
      while (c <= limit && g.isEmpty(headerRow, c) && financingOf(g.norm(sub, c))) c++;
      grp.right = c - 1;
    }
  });
  // Duplicate year headers for the same kind.
  const seen = new Map<string, CellRef>();
  for (const grp of groups) {
    const key = `${grp.kind}:${grp.year}`;
    const first = seen.get(key);
    if (first) flags.push(flag('DUPLICATE_YEAR', grp.ref, { year: grp.year, first: first.cell, assumed: null }));
    else seen.set(key, grp.ref);
  }
  const columns: YearColumn[] = [];
  for (const grp of groups) {
    for (let c = grp.left; c <= grp.right; c++) {
      const fin = hasSubHeader ? financingOf(g.norm(sub, c)) : grp.left === grp.right ? 'joint' : null;
      if (fin) columns.push({ year: grp.year, kind: grp.kind, col: c, financing: fin });
    }
  }
  const lines: PlanLine[] = [];
  const statedTotals: StatedTotal[] = [];
  const outcomes = new Map<string, { value: Dec; ref: CellRef; kind: 'outcome' | 'forecast' }[]>();
  let emptyRun = 0;
  let lastRow = hasSubHeader ? sub : headerRow;
  for (let r = lastRow + 1; r < g.rowCount; r++) {
    const label = g.text(r, areaCol);
    const n = g.norm(r, areaCol);
    const rowEmpty = g.rowIsEmpty(r, areaCol, Math.max(areaCol, ...columns.map((c) => c.col)));
    if (rowEmpty) {
      if (++emptyRun >= 2) break;
      continue;
    }
    emptyRun = 0;
    if (isEndOfTable(n)) break;
    lastRow = r;
    if (isTotalLabel(n)) {
      readTotalsRow(g, r, label, groups, columns, isSubtotalLabel(n), statedTotals, flags);
      // SUMMA (not DELSUMMA) closes the table.
      if (!isSubtotalLabel(n)) break;
      continue;
    }
    if (/^\*/.test(label)) continue; // a footnote
    for (const yc of columns) {
      const parsed = parseAmount(g.get(r, yc.col));
      const ref = g.ref(r, yc.col);
      if (parsed.kind === 'empty' || parsed.kind === 'marker') continue;
      if (!label) {
        flags.push(parsed.kind === 'amount' ? flag('BAD_AMOUNT', ref, { text: g.text(r, yc.col), reason: 'no-area' }) : badAmount(parsed, g.get(r, yc.col), ref, ''));
        continue;
      }
      if (parsed.kind === 'error') {
        flags.push(badAmount(parsed, g.get(r, yc.col), ref, label));
        continue;
      }
      if (yc.kind !== 'budget') {
        const key = `${n}|${yc.year}`;
        outcomes.set(key, [...(outcomes.get(key) ?? []), { value: parsed.value, ref, kind: yc.kind }]);
        continue;
      }
      lines.push(makeLine(label, yc.year, yc.financing, parsed.value, { area: g.ref(r, areaCol), amount: ref }));
    }
  }
  // Utfall/prognos columns attach to the joint line of the same area and year.
  const withOutcomes = lines.map((l) => {
    const list = outcomes.get(`${normalise(l.area)}|${l.year}`);
    if (!list || l.financing !== 'joint') return l;
    const o = list.find((x) => x.kind === 'outcome');
    const f = list.find((x) => x.kind === 'forecast');
    return { ...l, outcome: o?.value ?? null, forecast: f?.value ?? null, refs: { ...l.refs, outcome: o?.ref ?? null, forecast: f?.ref ?? null } };
  });
  const years = [...new Set(groups.filter((x) => x.kind === 'budget').map((x) => x.year))];
  const extras = readRateTable(g, lastRow + 1, years, flags);
  return {
    sheet: g.name,
    layout: 'wide',
    lines: withOutcomes,
    defaultModel: readDefaultModel(g, flags),
    statedTotals,
    statedRates: extras.rates,
    statedPopulation: extras.population,
    years,
  };
}

function readTotalsRow(
  g: GridView,
  r: number,
  label: string,
  groups: Array<{ year: number; kind: string; left: number; right: number }>,
  columns: YearColumn[],
  subtotal: boolean,
  out: StatedTotal[],
  flags: Flag[],
): void {
  const cleanLabel = label.replace(/\*+/g, '').trim();
  for (const grp of groups) {
    if (grp.kind !== 'budget') continue;
    const cells: Array<{ col: number; value: Dec; financing: Financing | null }> = [];
    for (let c = grp.left; c <= grp.right; c++) {
      const parsed = parseAmount(g.get(r, c));
      if (parsed.kind === 'error') flags.push(badAmount(parsed, g.get(r, c), g.ref(r, c), cleanLabel));
      if (parsed.kind !== 'amount') continue;
      cells.push({ col: c, value: parsed.value, financing: columns.find((x) => x.col === c)?.financing ?? null });
    }
    if (cells.length === 0) continue;
    if (!subtotal && cells.length === 1) {
      out.push({ year: grp.year, scope: 'all', label: cleanLabel, value: cells[0].value, ref: g.ref(r, cells[0].col) });
      continue;
    }
    for (const cell of cells) {
      out.push({ year: grp.year, scope: cell.financing ?? 'all', label: cleanLabel, value: cell.value, ref: g.ref(r, cell.col) });
    }
  }
}

/**
 * The small table under the budget: "Skånes invånartal per 2022-12-31 (SCB) |
 * 1 414 324 inv" and "Kostnad per invånare och organisation | 82,09 öre/inv",
 * each rate under a "Verksamhetsåret 2023" header.
 */
function readRateTable(g: GridView, fromRow: number, budgetYears: readonly number[], flags: Flag[]) {
  const rates: StatedRate[] = [];
  let population: Plan['statedPopulation'] = null;
  for (let r = Math.max(0, fromRow - 1); r < Math.min(g.rowCount, fromRow + 60); r++) {
    for (let c = 0; c < Math.min(g.colCount, 50); c++) {
      const n = g.norm(r, c);
      if (!n) continue;
      if (!population && /(invanartal|folkmangd|antal invanare|population)/.test(n) && !/kostnad|cost/.test(n)) {
        for (let cc = c + 1; cc < Math.min(g.colCount, c + 6); cc++) {
          const p = parseAmount(g.get(r, cc));
          if (p.kind === 'amount' && p.value.gt(0)) {
            const date = /(\d{4}-\d{2}-\d{2})/.exec(g.text(r, c))?.[1] ?? null;
            population = { value: p.value, date, ref: g.ref(r, cc) };
            break;
          }
        }
      }
      if (/(kostnad per invanare|per invanare och organisation|cost per inhabitant)/.test(n)) {
        const found: Array<{ year: number | null; value: Dec; ref: CellRef; headerRef: CellRef | null }> = [];
        for (let cc = c + 1; cc < g.colCount; cc++) {
          const p = parseAmount(g.get(r, cc));
          if (p.kind !== 'amount') continue;
          const value = p.unit === 'kr' ? p.value.times(100) : p.value;
          let year: number | null = null;
          let headerRef: CellRef | null = null;
          for (let up = r - 1; up >= Math.max(0, r - 4) && year === null; up--) {
            const yh = YEAR_RE.exec(g.norm(up, cc));
            if (yh) {
              year = Number(yh[1]);
              headerRef = g.ref(up, cc);
            }
          }
          found.push({ year, value, ref: g.ref(r, cc), headerRef });
        }
        assignRateYears(found, budgetYears, flags).forEach((x) => rates.push(x));
      }
    }
  }
  return { rates, population };
}

/**
 * Ties each stated rate to a year. When a year header repeats (the published
 * 2024 plan labels both columns "Verksamhetsåret 2023") the second is flagged
 * and, if exactly one budget year has no rate column, read as that year.
 */
function assignRateYears(
  found: Array<{ year: number | null; value: Dec; ref: CellRef; headerRef: CellRef | null }>,
  budgetYears: readonly number[],
  flags: Flag[],
): StatedRate[] {
  const firstOf = new Map<number, CellRef>();
  const duplicates: typeof found = [];
  const out: StatedRate[] = [];
  for (const f of found) {
    if (f.year === null) continue;
    if (firstOf.has(f.year)) duplicates.push(f);
    else {
      firstOf.set(f.year, f.headerRef ?? f.ref);
      out.push({ year: f.year, value: f.value, ref: f.ref });
    }
  }
  const uncovered = budgetYears.filter((y) => !firstOf.has(y));
  for (const d of duplicates) {
    const assumed = uncovered.length === 1 && duplicates.length === 1 ? uncovered[0] : null;
    flags.push(flag('DUPLICATE_YEAR', d.headerRef ?? d.ref, { year: d.year, first: firstOf.get(d.year!)!.cell, assumed }));
    if (assumed !== null) out.push({ year: assumed, value: d.value, ref: d.ref });
  }
  return out;
}

/** A "Modell: 1:1" cell (or "Modell" with the value to its right) anywhere in the sheet. */
function readDefaultModel(g: GridView, flags: Flag[]): ModelSpec | null {
  for (let r = 0; r < Math.min(g.rowCount, 400); r++)
    for (let c = 0; c < Math.min(g.colCount, 30); c++) {
      const n = g.norm(r, c);
      const m = /^(standardmodell|kostnadsfordelningsmodell|fordelningsmodell|default model|modell|model)\s*:\s*(.*)$/.exec(n);
      const bare = /^(standardmodell|kostnadsfordelningsmodell|fordelningsmodell|default model)$/.test(n);
      if (!m && !bare) continue;
      const raw = m && m[2] ? g.text(r, c).slice(g.text(r, c).indexOf(':') + 1) : g.text(r, c + 1);
      const parsed = parseModel(raw);
      if (parsed.kind === 'model') return parsed.model;
      if (parsed.kind === 'unknown') flags.push(flag('UNKNOWN_MODEL', g.ref(r, m && m[2] ? c : c + 1), { text: parsed.text }));
      return null;
    }
  return null;
}

function makeLine(area: string, year: number, financing: Financing, amount: Dec, refs: PlanLine['refs'], extra: Partial<PlanLine> = {}): PlanLine {
  return {
    area: area.replace(/\*+$/, '').trim(),
    year,
    financing,
    model: null,
    amount,
    outcome: null,
    forecast: null,
    coFinancing: null,
    externalDeduction: null,
    payer: null,
    refs,
    ...extra,
  };
}

function readLong(g: GridView, headerRow: number, cols: Partial<Record<Col, number>>, flags: Flag[]): Plan {
  const lines: PlanLine[] = [];
  const statedTotals: StatedTotal[] = [];
  const areaCol = cols.area!;
  const lastCol = Math.max(...Object.values(cols).map((v) => v as number));
  const titleYear = yearAbove(g, headerRow);
  let emptyRun = 0;
  let lastRow = headerRow;
  const amountOf = (r: number, col: Col | undefined): { value: Dec | null; ref: CellRef | null } => {
    const c = col === undefined ? undefined : cols[col];
    if (c === undefined) return { value: null, ref: null };
    const parsed = parseAmount(g.get(r, c));
    if (parsed.kind === 'amount') return { value: parsed.value, ref: g.ref(r, c) };
    if (parsed.kind === 'error') flags.push(badAmount(parsed, g.get(r, c), g.ref(r, c), g.text(r, areaCol)));
    return { value: null, ref: g.ref(r, c) };
  };
  for (let r = headerRow + 1; r < g.rowCount; r++) {
    if (g.rowIsEmpty(r, 0, lastCol)) {
      if (++emptyRun >= 2) break;
      continue;
    }
    emptyRun = 0;
    const label = g.text(r, areaCol);
    const n = g.norm(r, areaCol);
    if (isEndOfTable(n)) break;
    lastRow = r;
    if (/^\*/.test(label)) continue; // a footnote
    const yearCell = cols.year !== undefined ? g.get(r, cols.year) : null;
    const yearText = cols.year !== undefined ? g.text(r, cols.year) : '';
    const yearMatch = typeof yearCell === 'number' ? (Number.isInteger(yearCell) && yearCell >= 1900 && yearCell <= 2100 ? yearCell : null) : YEAR_RE.exec(yearText) ? Number(YEAR_RE.exec(yearText)![1]) : null;
    const year = yearMatch ?? (cols.year === undefined ? titleYear : null);
    const finText = cols.financing !== undefined ? g.norm(r, cols.financing) : '';
    const amount = amountOf(r, 'amount');
    if (isTotalLabel(n)) {
      if (amount.value && amount.ref) {
        statedTotals.push({ year, scope: financingOf(finText) ?? 'all', label: label.replace(/\*+/g, '').trim(), value: amount.value, ref: amount.ref });
      }
      continue;
    }
    if (!label) {
      if (amount.value && amount.ref) flags.push(flag('BAD_AMOUNT', amount.ref, { text: g.text(r, cols.amount!), reason: 'no-area' }));
      continue;
    }
    if (amount.value === null) continue;
    if (year === null) {
      flags.push(flag('MISSING_YEAR', g.ref(r, cols.year ?? areaCol), { area: label, text: yearText || '–' }));
      continue;
    }
    let financing: Financing = financingOf(finText) ?? 'joint';
    let model: ModelSpec | null = null;
    let coFinancing: CoFinancing | null = null;
    const modelRef = cols.model !== undefined ? g.ref(r, cols.model) : null;
    const parsedModel = cols.model !== undefined ? parseModel(g.text(r, cols.model)) : ({ kind: 'none' } as const);
    let coPercent: Dec | null = null;
    if (parsedModel.kind === 'model') model = parsedModel.model;
    else if (parsedModel.kind === 'unknown') flags.push(flag('UNKNOWN_MODEL', modelRef, { text: parsedModel.text }));
    else if (parsedModel.kind === 'external') financing = 'external';
    else if (parsedModel.kind === 'co-financing') coPercent = parsedModel.percent;
    if (/^(medfinansiering|co-?financing)/.test(finText)) {
      const pm = /(-?\d+(?:[.,]\d+)?)/.exec(finText);
      if (pm && coPercent === null) coPercent = new D(pm[1].replace(',', '.'));
    }
    if (cols.cofinancing !== undefined) {
      // Excel keeps a cell formatted as 50 % as the number 0.5; typed text "50 %" means 50.
      const raw = g.get(r, cols.cofinancing);
      const p = parseAmount(typeof raw === 'string' ? raw.replace('%', '') : raw);
      if (p.kind === 'amount') coPercent = typeof raw === 'number' && Math.abs(raw) <= 1 ? p.value.times(100) : p.value;
      else if (p.kind === 'error') flags.push(badAmount(p, raw, g.ref(r, cols.cofinancing), label));
    }
    if (coPercent !== null) {
      const participants = cols.participants !== undefined ? g.text(r, cols.participants).split(/[;,\n]/).map((s) => s.trim()).filter(Boolean) : [];
      const key = cols.cokey !== undefined ? g.text(r, cols.cokey) || null : null;
      coFinancing = { percent: coPercent, participants, key, ref: g.ref(r, cols.cofinancing ?? cols.financing ?? cols.model ?? areaCol) };
    }
    const deduction = amountOf(r, 'deduction');
    const outcome = amountOf(r, 'outcome');
    const forecast = amountOf(r, 'forecast');
    const payer = cols.payer !== undefined ? g.text(r, cols.payer) || null : null;
    lines.push(
      makeLine(label, year, financing, amount.value, { area: g.ref(r, areaCol), amount: amount.ref, outcome: outcome.ref, forecast: forecast.ref, model: modelRef }, {
        model,
        coFinancing,
        externalDeduction: deduction.value,
        payer,
        outcome: outcome.value,
        forecast: forecast.value,
      }),
    );
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

/** A year in a title above a long table without a year column ("Budget 2025"). */
function yearAbove(g: GridView, headerRow: number): number | null {
  for (let r = headerRow - 1; r >= Math.max(0, headerRow - 5); r--)
    for (let c = 0; c < Math.min(g.colCount, 10); c++) {
      const m = YEAR_RE.exec(g.norm(r, c));
      if (m) return Number(m[1]);
    }
  return null;
}
