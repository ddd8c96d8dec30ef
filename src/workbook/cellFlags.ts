import type { ParsedAmount } from '../engine/amountText';
import { flag, Flag } from '../engine/flags';
import type { CellRef } from '../engine/types';
import type { CellValue } from './port';

/** The flag for a cell that should hold an amount and does not. */
export function badAmount(parsed: ParsedAmount, raw: CellValue, ref: CellRef, area: string): Flag {
  if (raw && typeof raw === 'object' && 'formula' in raw) return flag('FORMULA_WITHOUT_VALUE', ref, { formula: '=' + raw.formula });
  const text = parsed.kind === 'error' ? parsed.text : String(raw);
  return flag('BAD_AMOUNT', ref, { text, reason: parsed.kind === 'error' ? parsed.reason : 'not-a-number', area });
}
