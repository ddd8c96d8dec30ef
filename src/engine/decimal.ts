import DecimalBase from 'decimal.js';

/**
 * The engine's own Decimal configuration. Every amount read from a workbook is
 * built from a string with this clone, never from float arithmetic, so the
 * engine does not depend on whatever another module set on the global Decimal.
 *
 * 40 significant digits is far beyond any budget in kronor with öre, so
 * additions and multiplications of amounts are exact; division is only used
 * for presentation values (rates), which are rounded explicitly.
 */
export const D = DecimalBase.clone({
  precision: 40,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof D>;

/** Number of integer units in one krona for each rounding unit. */
export type RoundingUnit = 'kr' | 'ore';
export const UNITS_PER_KRONA: Record<RoundingUnit, number> = { kr: 1, ore: 100 };

/** Smallest unit that can represent an amount exactly: kr if whole, else öre, else null. */
export function finestUnitNeeded(amount: Dec): RoundingUnit | null {
  if (amount.isInteger()) return 'kr';
  if (amount.times(100).isInteger()) return 'ore';
  return null;
}
