import { parseAmount } from '../engine/amountText';
import type { Dec } from '../engine/decimal';
import { flag, Flag } from '../engine/flags';
import { parseModel } from '../engine/models';
import { classifyFinancing } from '../engine/financing';
import { lineStatus } from '../engine/status';
import { normalise } from '../engine/text';
import type { CellRef, Financing, LineHold, ModelSpec, Plan, PlanInfo, PlanLine, StatedRate } from '../engine/types';
import { GridView } from './grid';

/**
 * What both plan layouts share: the header words, the financing words, the
 * labels of total rows, the small population/rate table under the budget,
 * the plan's default model, and how a line is made.
 */

export type Col = 'area' | 'year' | 'financing' | 'model' | 'amount' | 'outcome' | 'forecast' | 'cofinancing' | 'participants' | 'cokey' | 'deduction' | 'payer' | 'status';

const HEADER_WORDS: Array<[Col, RegExp]> = [
  ['area', /^(insatsomrade(n|t)?|focus area|area|omrade|aktivitet|projekt|post|line)$/],
  ['deduction', /^(varav (extern|annan)( finansiering)?|extern finansiering|externt finansierat|avgar extern|external financing|external)( \(?kr\)?)?$/],
  ['payer', /^(betalare|finansiar|extern finansiar|payer|paid by)$/],
  ['financing', /^(finansiering|finansieringsform|finansieringstyp|financing|funding)$/],
  ['cofinancing', /^(medfinansiering|co-?financing)( ?%| \(%\)| procent| percent)?$/],
  ['participants', /^(deltagare|medfinansiarer|participants)$/],
  ['cokey', /^(deltagarnyckel|participant key)$/],
  ['model', /^(modell|model|fordelningsmodell|kostnadsfordelningsmodell|fordelning|allocation model)$/],
  ['status', /^(status|lage|beslutslage|state|line status)$/],
  ['year', /^(ar|year|verksamhetsar|budgetar|budget year)$/],
  ['amount', /^(belopp|budget|amount|kostnad|ram|budgetbelopp|cost)( ?\(?(kr|sek|tkr)\)?)?$/],
  ['outcome', /^(utfall|outcome|actual)( ?\(?(kr|sek)\)?)?$/],
  ['forecast', /^(prognos|forecast)( ?\(?(kr|sek)\)?)?$/],
];

export function classifyPlanHeader(n: string): Col | null {
  for (const [col, re] of HEADER_WORDS) if (re.test(n)) return col;
  return null;
}

export const YEAR_RE = /\b((?:19|20)\d{2})\b/;

/** A header cell that names a year: "BUDGET 2024", "Utfall 2023", "Verksamhetsåret 2023", "2024". */
export function yearHeader(n: string): { year: number; kind: 'budget' | 'outcome' | 'forecast' } | null {
  const m = YEAR_RE.exec(n);
  if (!m) return null;
  const rest = n.replace(m[0], '').trim();
  if (rest !== '' && !/^(budget|utfall|prognos|outcome|forecast|actual|verksamhetsaret|verksamhetsar|ar|year|belopp|kr|budget kr)\b/.test(rest)) return null;
  const kind = /utfall|outcome|actual/.test(rest) ? 'outcome' : /prognos|forecast/.test(rest) ? 'forecast' : 'budget';
  return { year: Number(m[1]), kind };
}

/** A financing word as a financing form (headers and total rows); null when it is none or not recognised. */
export function financingOf(n: string): Financing | null {
  const w = classifyFinancing(n);
  if (w.kind === 'joint' || w.kind === 'co-financing') return 'joint';
  return w.kind === 'external' || w.kind === 'own' ? w.kind : null;
}

/** What a line's financing and status cells say: its form, a named payer, a co-financing percentage, and whether it is held back. */
export interface LineWords {
  readonly financing: Financing;
  readonly payer: string | null;
  readonly coPercent: Dec | null;
  readonly status: string | null;
  readonly hold: LineHold | null;
  /** The line's own model from a Modell column; null for the plan's default. */
  readonly model: ModelSpec | null;
  readonly modelRef: CellRef | null;
}

/**
 * Reads a line's financing cell (or takes `base`, the column's form, when
 * there is none) and its status cell. Words that cannot be classified are an
 * error flag on the cell and hold the line back: money is never guessed.
 */
export function lineWords(g: GridView, r: number, at: { financing?: number; status?: number; model?: number }, area: string, base: Financing, flags: Flag[]): LineWords {
  let out: LineWords = { financing: base, payer: null, coPercent: null, status: null, hold: null, model: null, modelRef: null };
  if (at.financing !== undefined) {
    const text = g.text(r, at.financing);
    const w = classifyFinancing(text);
    const ref = g.ref(r, at.financing);
    if (w.kind === 'unknown') {
      flags.push(flag('UNKNOWN_FINANCING', ref, { text, area }));
      out = { ...out, hold: { reason: 'unknown-financing', text, ref } };
    } else if (w.kind === 'external' || w.kind === 'own') out = { ...out, financing: base === 'joint' ? w.kind : base, payer: w.payer };
    else if (w.kind === 'co-financing') out = { ...out, coPercent: w.percent };
  }
  if (at.status !== undefined) {
    const text = g.text(r, at.status);
    const state = lineStatus(text);
    const ref = g.ref(r, at.status);
    if (state !== null) out = { ...out, status: text };
    if (state === 'unknown') {
      flags.push(flag('UNKNOWN_STATUS', ref, { text, area }));
      out = { ...out, hold: out.hold ?? { reason: 'unknown-status', text, ref } };
    } else if (state === 'not-carried-out' && !out.hold) out = { ...out, hold: { reason: 'not-carried-out', text, ref } };
  }
  return at.model === undefined ? out : modelWords(g, r, at.model, out, flags);
}

/**
 * The Modell cell: a model, or words for external money or co-financing. A
 * model the tool cannot read is never replaced by the default: the line is
 * held until it says a word the tool knows (UNKNOWN_MODEL).
 */
function modelWords(g: GridView, r: number, c: number, words: LineWords, flags: Flag[]): LineWords {
  const modelRef = g.ref(r, c);
  const parsed = parseModel(g.text(r, c));
  if (parsed.kind === 'model') return { ...words, model: parsed.model, modelRef };
  if (parsed.kind === 'external') return { ...words, financing: 'external', modelRef };
  if (parsed.kind === 'co-financing') return { ...words, coPercent: words.coPercent ?? parsed.percent, modelRef };
  if (parsed.kind === 'unknown') {
    flags.push(flag('UNKNOWN_MODEL', modelRef, { text: parsed.text }));
    return { ...words, hold: words.hold ?? { reason: 'unknown-model', text: parsed.text, ref: modelRef }, modelRef };
  }
  return { ...words, modelRef };
}

export const isTotalLabel = (n: string) => /^(delsumma|summa|totalt?|subtotal|sum)\b/.test(n);
export const isSubtotalLabel = (n: string) => /^(delsumma|subtotal)\b/.test(n);
/** Rows that start the population/rate table or footnotes below a budget table. */
export const isEndOfTable = (n: string) => /(invanartal|kostnad per invanare|cost per inhabitant|fordelning av kostnad)/.test(n);

/**
 * The small table under the budget: "Skånes invånartal per 2022-12-31 (SCB) |
 * 1 414 324 inv" and "Kostnad per invånare och organisation | 82,09 öre/inv",
 * each rate under a "Verksamhetsåret 2023" header.
 */
export function readRateTable(g: GridView, fromRow: number, budgetYears: readonly number[], flags: Flag[]) {
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
export function readDefaultModel(g: GridView, flags: Flag[]): ModelSpec | null {
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

export function makeLine(area: string, year: number, financing: Financing, amount: Dec, refs: PlanLine['refs'], extra: Partial<PlanLine> = {}): PlanLine {
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
    status: null,
    hold: null,
    refs,
    ...extra,
  };
}

/** A year in a title above a long table without a year column ("Budget 2025"). */
export function yearAbove(g: GridView, headerRow: number): number | null {
  for (let r = headerRow - 1; r >= Math.max(0, headerRow - 5); r--)
    for (let c = 0; c < Math.min(g.colCount, 10); c++) {
      const m = YEAR_RE.exec(g.norm(r, c));
      if (m) return Number(m[1]);
    }
  return null;
}

const INFO_WORDS: Array<[keyof PlanInfo, RegExp]> = [
  ['sender', /^(avsandare|fran|utfardare|ansvarig organisation|sender|from)$/],
  ['contact', /^(kontakt|kontaktperson|kontaktuppgifter|handlaggare|contact|contact person)$/],
  ['decision', /^(beslut|beslutsreferens|beslutad av|diarienummer|dnr|arendenummer|decision|decision reference)$/],
];

/** "Avsändare: Region Halland", or the label with the value to its right, anywhere near the top of the plan sheet. */
export function readPlanInfo(g: GridView): PlanInfo {
  const info: { -readonly [K in keyof PlanInfo]: string | null } = { sender: null, contact: null, decision: null };
  for (let r = 0; r < Math.min(g.rowCount, 400); r++)
    for (let c = 0; c < Math.min(g.colCount, 30); c++) {
      const text = g.text(r, c);
      const colon = text.indexOf(':');
      const label = normalise(colon > 0 ? text.slice(0, colon) : text);
      const hit = INFO_WORDS.find(([, re]) => re.test(label));
      if (!hit || info[hit[0]] !== null) continue;
      const value = colon > 0 && text.slice(colon + 1).trim() ? text.slice(colon + 1).trim() : g.text(r, c + 1).trim();
      if (value) info[hit[0]] = value.slice(0, 200);
    }
  return info;
}
