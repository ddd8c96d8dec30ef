import type { Analysis } from '../engine/analyse';
import type { YearResult } from '../engine/allocate';
import { Dec } from '../engine/decimal';
import { Flag } from '../engine/flags';
import { Lang, messageFor } from '../engine/messages';
import { describeModels } from '../engine/models';
import { periodTotals } from '../engine/period';

/**
 * The results as one plain JSON document (`sgd allocate --json`), amounts as
 * numbers rounded as chosen. This is where Decimals become numbers.
 */
export interface JsonFlag {
  code: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  message: string;
}

export interface JsonShare {
  code: string;
  name: string;
  kind: string;
  population: number | null;
  amount: number;
  remainderUnits: number;
  byArea: Record<string, number>;
}

export interface JsonYear {
  year: number;
  amount: number;
  rounding: 'kr' | 'ore';
  rateOrePerInhabitant: number | null;
  /** Under region : municipalities, each group's own öre/inv. */
  rateByKind?: { region: number; municipality: number };
  model: string;
  areas: Array<{ area: string; amount: number }>;
  shares: JsonShare[];
  external: Array<{ area: string; amount: number; payer: string | null }>;
  ownCost: Array<{ area: string; amount: number; payer: string | null }>;
  held: Array<{ area: string; amount: number; reason: string; text: string }>;
  notTakingPart: string[];
}

const num = (d: Dec) => d.toNumber();

export function flagsJson(flags: readonly Flag[], lang: Lang): JsonFlag[] {
  return flags.map((f) => ({ code: f.code, severity: f.severity, sheet: f.sheet, cell: f.cell, message: messageFor(f, lang) }));
}

function yearJson(y: YearResult, lang: Lang): JsonYear {
  return {
    year: y.year,
    amount: num(y.amount),
    rounding: y.unit,
    rateOrePerInhabitant: y.rate ? num(y.rate.orePerInhabitant) : null,
    ...(y.rate?.byKind ? { rateByKind: { region: num(y.rate.byKind.region), municipality: num(y.rate.byKind.municipality) } } : {}),
    model: describeModels(y.models, y.defaultModel, y.coFinanced, lang),
    areas: y.areas.map((a) => ({ area: a.area, amount: num(a.amount) })),
    shares: y.shares.map((s) => ({
      code: s.principal.code,
      name: s.principal.name,
      kind: s.principal.kind,
      population: s.principal.population ? num(s.principal.population) : null,
      amount: num(s.amount),
      remainderUnits: s.remainderUnits,
      byArea: Object.fromEntries(y.areas.map((a, i) => [a.area, num(s.byArea[i])])),
    })),
    external: y.external.map((e) => ({ area: e.area, amount: num(e.amount), payer: e.payer })),
    ownCost: y.ownCost.map((e) => ({ area: e.area, amount: num(e.amount), payer: e.payer })),
    held: y.held.map((h) => ({ area: h.area, amount: num(h.amount), reason: h.reason, text: h.text })),
    notTakingPart: [...y.inactive],
  };
}

/** The plan period in JSON: per principal and focus area, amounts by year and the total. */
export interface JsonPeriod {
  years: number[];
  amount: number;
  areas: Array<{ area: string; byYear: Record<string, number>; total: number }>;
  shares: Array<{ code: string; name: string; byYear: Record<string, number>; total: number }>;
}

function periodJson(years: readonly YearResult[]): JsonPeriod | null {
  const p = periodTotals(years);
  if (!p) return null;
  const byYear = (xs: readonly Dec[]) => Object.fromEntries(p.years.map((y, i) => [String(y), num(xs[i])]));
  return {
    years: [...p.years],
    amount: num(p.total),
    areas: p.areas.map((a) => ({ area: a.area, byYear: byYear(a.byYear), total: num(a.total) })),
    shares: p.shares.map((s) => ({ code: s.principal.code, name: s.principal.name, byYear: byYear(s.byYear), total: num(s.total) })),
  };
}

export function analysisJson(a: Analysis, lang: Lang): { years: JsonYear[]; period: JsonPeriod | null; flags: JsonFlag[] } {
  return { years: a.years.map((y) => yearJson(y, lang)), period: periodJson(a.years), flags: flagsJson(a.flags, lang) };
}
