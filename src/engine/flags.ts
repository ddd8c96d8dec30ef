import type { Dec } from './decimal';
import type { CellRef } from './types';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every flag code with its severity. The names are part of the public
 * interface (JSON output, the checks sheet), so they never change.
 */
export const FLAG_SEVERITY = {
  TOTAL_MISMATCH: 'error',
  RATE_MISMATCH: 'error',
  DUPLICATE_YEAR: 'error',
  OVER_BUDGET: 'error',
  POPULATION_MISMATCH: 'error',
  MISSING_POPULATION: 'error',
  DUPLICATE_PRINCIPAL: 'error',
  PRINCIPAL_COUNT: 'warning',
  UNKNOWN_CODE: 'warning',
  PERCENT_SUM: 'error',
  CO_FINANCING_RANGE: 'error',
  BAD_AMOUNT: 'error',
  NEGATIVE_AMOUNT: 'warning',
  ROUNDING_RESIDUE: 'warning',
  NO_PLAN: 'error',
  NO_PRINCIPALS: 'error',
  ZERO_WEIGHT: 'error',
  NO_REGION: 'error',
  UNKNOWN_MODEL: 'error',
  MISSING_KEY: 'error',
  UNKNOWN_PARTICIPANT: 'error',
  MISSING_YEAR: 'error',
  DUPLICATE_AREA: 'warning',
  ROUNDING_ADJUSTED: 'warning',
  SPLIT_IN_ORE: 'info',
  EXTERNAL_NOT_ALLOCATED: 'info',
  POPULATION_FILLED: 'info',
  POPULATION_DATE: 'warning',
  FORMULA_WITHOUT_VALUE: 'error',
  UNKNOWN_KIND: 'warning',
  FILE_FEATURES_DROPPED: 'warning',
  LIMIT_EXCEEDED: 'error',
  HIDDEN_ROWS: 'warning',
  HIDDEN_SHEET_SKIPPED: 'info',
  SHEET_TRUNCATED: 'info',
  UNKNOWN_FINANCING: 'error',
  UNKNOWN_STATUS: 'error',
  LINE_NOT_CARRIED_OUT: 'info',
  POPULATION_STALE: 'warning',
  MEMBERSHIP: 'info',
  OWN_COST_NAMED: 'info',
  OUTCOME_MISSING: 'warning',
  OUTCOME_INCOMPLETE: 'error',
  FORECAST_USED: 'info',
} as const satisfies Record<string, Severity>;

export type FlagCode = keyof typeof FLAG_SEVERITY;

export type FlagParam = string | number | Dec | null;

/** A finding about the workbook: bad data is a value, never an exception. */
export interface Flag {
  readonly code: FlagCode;
  readonly severity: Severity;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly params: Readonly<Record<string, FlagParam>>;
}

/** Creates a flag with its code's severity. */
export function flag(code: FlagCode, at: CellRef | null, params: Record<string, FlagParam> = {}): Flag {
  return { code, severity: FLAG_SEVERITY[code], sheet: at?.sheet ?? null, cell: at?.cell ?? null, params };
}

export function hasErrors(flags: readonly Flag[]): boolean {
  return flags.some((f) => f.severity === 'error');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by sheet and cell (row-major), then code; removes exact duplicates. */
export function sortFlags(flags: readonly Flag[]): Flag[] {
  const seen = new Set<string>();
  const unique = flags.filter((f) => {
    const key = `${f.code}|${f.sheet}|${f.cell}|${JSON.stringify(f.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      cellOrder(a.cell) - cellOrder(b.cell) ||
      a.code.localeCompare(b.code),
  );
}

function cellOrder(cell: string | null): number {
  const m = cell ? /^([A-Z]+)(\d+)/.exec(cell) : null;
  if (!m) return -1;
  const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return Number(m[2]) * 20_000 + col;
}
