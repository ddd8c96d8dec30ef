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

export const ZERO = new D(0);
export const HUNDRED = new D(100);

/** Number of integer units in one krona for each rounding unit. */
export type RoundingUnit = 'kr' | 'ore';
export const UNITS_PER_KRONA: Record<RoundingUnit, number> = { kr: 1, ore: 100 };

/**
 * Converts an amount in kronor to integer units (kronor or öre).
 * @returns the integer, or null when the amount is not a whole number of units
 *   or does not fit a safe integer.
 */
export function toUnits(amount: Dec, unit: RoundingUnit): number | null {
  const scaled = amount.times(UNITS_PER_KRONA[unit]);
  if (!scaled.isInteger()) return null;
  if (scaled.abs().gt(Number.MAX_SAFE_INTEGER)) return null;
  return scaled.toNumber();
}

/** Integer units back to kronor as a Decimal (exact). */
export function fromUnits(units: number, unit: RoundingUnit): Dec {
  return new D(units).dividedBy(UNITS_PER_KRONA[unit]);
}

/** Smallest unit that can represent an amount exactly: kr if whole, else öre, else null. */
export function finestUnitNeeded(amount: Dec): RoundingUnit | null {
  if (amount.isInteger()) return 'kr';
  if (amount.times(100).isInteger()) return 'ore';
  return null;
}
