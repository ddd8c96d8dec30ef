import { flag, Flag } from '../engine/flags';
import type { Plan } from '../engine/types';
import { GridView } from './grid';
import { classifyPlanHeader, Col, yearHeader } from './planWords';
import { readLong } from './readLong';
import { readWide } from './readWide';

export { classifyPlanHeader, financingOf } from './planWords';

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

