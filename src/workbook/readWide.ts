import { parseAmount } from '../engine/amountText';
import type { Dec } from '../engine/decimal';
import { flag, Flag } from '../engine/flags';
import { normalise } from '../engine/text';
import type { CellRef, Financing, Plan, PlanLine, StatedTotal } from '../engine/types';
import { badAmount } from './cellFlags';
import { GridView, tableRows } from './grid';
import { Col, financingOf, isEndOfTable, isSubtotalLabel, isTotalLabel, LineWords, lineWords, makeLine, readDefaultModel, readRateTable, yearHeader } from './planWords';

/**
 * The wide layout, as published (seed 001 "Samlad budget"): one row per
 * focus area; merged "BUDGET 2024" cells over sub-columns "Annan*" and "SGD";
 * footnote markers instead of amounts; DELSUMMA/SUMMA rows; "Utfall 2024"
 * columns beside the budget; the population/rate table below.
 */

interface YearGroup {
  readonly year: number;
  readonly kind: 'budget' | 'outcome' | 'forecast';
  readonly left: number;
  right: number;
  readonly ref: CellRef;
}

interface YearColumn {
  readonly year: number;
  readonly kind: YearGroup['kind'];
  readonly col: number;
  readonly financing: Financing;
}

interface Header {
  readonly rowCols?: RowCols;
  readonly groups: YearGroup[];
  readonly columns: YearColumn[];
  /** The last row of the header: the sub-header row of financing words, if there is one. */
  readonly lastRow: number;
}

/** Per-row columns beside the year groups: the line's model, status and financing in words. */
type RowCols = Partial<Record<Col, number>>;

export function readWide(g: GridView, headerRow: number, areaCol: number, rowCols: RowCols, flags: Flag[]): Plan {
  const header = { ...readHeader(g, headerRow, areaCol, flags), rowCols };
  const body = readBody(g, header, areaCol, flags);
  const years = [...new Set(header.groups.filter((x) => x.kind === 'budget').map((x) => x.year))];
  const extras = readRateTable(g, body.lastRow + 1, years, flags);
  return {
    sheet: g.name,
    layout: 'wide',
    lines: attachOutcomes(body.lines, body.outcomes),
    defaultModel: readDefaultModel(g, flags),
    statedTotals: body.statedTotals,
    statedRates: extras.rates,
    statedPopulation: extras.population,
    years,
  };
}

/** Year groups in the header row over their merged spans, and the amount column under each financing word. */
function readHeader(g: GridView, headerRow: number, areaCol: number, flags: Flag[]): Header {
  const groups: YearGroup[] = [];
  for (let c = areaCol + 1; c < g.colCount; c++) {
    const yh = yearHeader(g.norm(headerRow, c));
    if (yh) groups.push({ ...yh, left: c, right: g.span(headerRow, c).right, ref: g.ref(headerRow, c) });
  }
  const sub = headerRow + 1;
  const hasSubHeader = groups.some((grp) => {
    for (let c = grp.left; c <= Math.max(grp.right, grp.left + 1); c++) if (financingOf(g.norm(sub, c))) return true;
    return false;
  });
  // A group without a merge reaches to the next group (or, for the last, as far as the sub-header goes).
  groups.forEach((grp, i) => {
    if (grp.right !== grp.left || !hasSubHeader) return;
    const limit = i + 1 < groups.length ? groups[i + 1].left - 1 : g.colCount - 1;
    let c = grp.left + 1;
    while (c <= limit && g.isEmpty(headerRow, c) && financingOf(g.norm(sub, c))) c++;
    grp.right = c - 1;
  });
  flagDuplicateYears(groups, flags);
  const columns: YearColumn[] = [];
  for (const grp of groups) {
    for (let c = grp.left; c <= grp.right; c++) {
      const financing = hasSubHeader ? financingOf(g.norm(sub, c)) : grp.left === grp.right ? 'joint' : null;
      if (financing) columns.push({ year: grp.year, kind: grp.kind, col: c, financing });
    }
  }
  return { groups, columns, lastRow: hasSubHeader ? sub : headerRow };
}

function flagDuplicateYears(groups: readonly YearGroup[], flags: Flag[]): void {
  const seen = new Map<string, CellRef>();
  for (const grp of groups) {
    const key = `${grp.kind}:${grp.year}`;
    const first = seen.get(key);
    if (first) flags.push(flag('DUPLICATE_YEAR', grp.ref, { year: grp.year, first: first.cell, assumed: null }));
    else seen.set(key, grp.ref);
  }
}

type Outcomes = Map<string, Array<{ value: Dec; ref: CellRef; kind: 'outcome' | 'forecast' }>>;

/** The rows under the header: lines, stated totals and outcome cells, to SUMMA or the end of the table. */
function readBody(g: GridView, header: Header, areaCol: number, flags: Flag[]) {
  const lines: PlanLine[] = [];
  const statedTotals: StatedTotal[] = [];
  const outcomes: Outcomes = new Map();
  let lastRow = header.lastRow;
  const right = Math.max(areaCol, ...header.columns.map((c) => c.col));
  for (const r of tableRows(g, header.lastRow + 1, areaCol, right)) {
    const label = g.text(r, areaCol);
    const n = g.norm(r, areaCol);
    if (isEndOfTable(n)) break;
    lastRow = r;
    if (isTotalLabel(n)) {
      readTotalsRow(g, r, label, header, isSubtotalLabel(n), statedTotals, flags);
      // SUMMA (not DELSUMMA) closes the table.
      if (!isSubtotalLabel(n)) break;
      continue;
    }
    if (/^\*/.test(label)) continue; // a footnote
    let words: RowWords | null = null;
    const wordsOf = () => (words ??= rowWords(g, r, header.rowCols ?? {}, label, flags));
    for (const yc of header.columns) readAmountCell(g, r, yc, label, { area: g.ref(r, areaCol), words: wordsOf }, { lines, outcomes, flags });
  }
  return { lines, statedTotals, outcomes, lastRow };
}

/** One amount cell of a line: a budget line, an outcome or forecast, or a flag. */
function readAmountCell(g: GridView, r: number, yc: YearColumn, label: string, at: { area: CellRef; words: () => RowWords }, out: { lines: PlanLine[]; outcomes: Outcomes; flags: Flag[] }): void {
  const raw = g.get(r, yc.col);
  const parsed = parseAmount(raw);
  const ref = g.ref(r, yc.col);
  if (parsed.kind === 'empty' || parsed.kind === 'marker') return;
  if (!label) {
    out.flags.push(parsed.kind === 'amount' ? flag('BAD_AMOUNT', ref, { text: g.text(r, yc.col), reason: 'no-area' }) : badAmount(parsed, raw, ref, ''));
    return;
  }
  if (parsed.kind === 'error') {
    out.flags.push(badAmount(parsed, raw, ref, label));
    return;
  }
  if (yc.kind === 'budget') {
    const w = at.words();
    // The row's own words decide the form of money under a joint column; an "Annan" column stays external.
    const financing = yc.financing === 'joint' ? w.financing : yc.financing;
    out.lines.push(
      makeLine(label, yc.year, financing, parsed.value, { area: at.area, amount: ref, model: w.modelRef }, {
        model: w.model,
        payer: w.payer,
        status: w.status,
        hold: w.hold,
        coFinancing: w.coPercent ? { percent: w.coPercent, participants: [], key: null, ref: w.financingRef } : null,
      }),
    );
    return;
  }
  const key = `${normalise(label)}|${yc.year}`;
  out.outcomes.set(key, [...(out.outcomes.get(key) ?? []), { value: parsed.value, ref, kind: yc.kind }]);
}

interface RowWords extends LineWords {
  readonly financingRef: CellRef | null;
}

/** A row's model, financing and status cells, read once for all its year columns; unknown words are flagged once. */
function rowWords(g: GridView, r: number, cols: RowCols, label: string, flags: Flag[]): RowWords {
  const words = lineWords(g, r, { financing: cols.financing, status: cols.status, model: cols.model }, label, 'joint', flags);
  return { ...words, financingRef: cols.financing !== undefined ? g.ref(r, cols.financing) : null };
}

/** Utfall/prognos columns attach to the joint line of the same area and year. */
function attachOutcomes(lines: readonly PlanLine[], outcomes: Outcomes): PlanLine[] {
  return lines.map((l) => {
    const list = outcomes.get(`${normalise(l.area)}|${l.year}`);
    if (!list || l.financing !== 'joint') return l;
    const o = list.find((x) => x.kind === 'outcome');
    const f = list.find((x) => x.kind === 'forecast');
    return { ...l, outcome: o?.value ?? null, forecast: f?.value ?? null, refs: { ...l.refs, outcome: o?.ref ?? null, forecast: f?.ref ?? null } };
  });
}

/** A DELSUMMA or SUMMA row: one stated total per year and financing form (SUMMA with one cell: the year's total). */
function readTotalsRow(g: GridView, r: number, label: string, header: Header, subtotal: boolean, out: StatedTotal[], flags: Flag[]): void {
  const cleanLabel = label.replace(/\*+/g, '').trim();
  for (const grp of header.groups) {
    if (grp.kind !== 'budget') continue;
    const cells: Array<{ col: number; value: Dec; financing: Financing | null }> = [];
    for (let c = grp.left; c <= grp.right; c++) {
      const parsed = parseAmount(g.get(r, c));
      if (parsed.kind === 'error') flags.push(badAmount(parsed, g.get(r, c), g.ref(r, c), cleanLabel));
      if (parsed.kind !== 'amount') continue;
      cells.push({ col: c, value: parsed.value, financing: header.columns.find((x) => x.col === c)?.financing ?? null });
    }
    if (cells.length === 0) continue;
    if (!subtotal && cells.length === 1) {
      out.push({ year: grp.year, scope: 'all', label: cleanLabel, value: cells[0].value, ref: g.ref(r, cells[0].col) });
      continue;
    }
    for (const cell of cells) out.push({ year: grp.year, scope: cell.financing ?? 'all', label: cleanLabel, value: cell.value, ref: g.ref(r, cell.col) });
  }
}
