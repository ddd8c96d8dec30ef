import { flag, Flag } from '../engine/flags';
import { LIMITS } from '../engine/allocate';
import type { Plan } from '../engine/types';
import { GridView } from './grid';
import { classifyPlanHeader, Col, readPlanInfo, yearHeader } from './planWords';
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
    const read = found.kind === 'wide' ? readWide(g, found.row, found.areaCol, found.cols, flags) : readLong(g, found.row, found.cols, flags);
    const plan = { ...withinLimits(read, flags), info: readPlanInfo(g) };
    flags.push(...hiddenRowFlags(g, plan));
    if (plan.lines.length === 0 && !flags.some((f) => f.severity === 'error')) {
      flags.push(flag('NO_PLAN', g.ref(found.row, found.kind === 'wide' ? found.areaCol : found.cols.area!), { sheets: g.name, empty: 'yes' }));
    }
    return { plan, flags };
  }
  return { plan: null, flags: [flag('NO_PLAN', null, { sheets: sheets.map((s) => s.name).join(', ') || '–' })] };
}

type Found =
  | { kind: 'wide'; row: number; areaCol: number; cols: Partial<Record<Col, number>> }
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
    if (yearCells > 0) return { kind: 'wide', row: r, areaCol: cols.area, cols };
  }
  return null;
}


/** At most LIMITS.lines lines are used; more is a flag, not hours of work. */
function withinLimits(plan: Plan, flags: Flag[]): Plan {
  if (plan.lines.length <= LIMITS.lines) return plan;
  flags.push(flag('LIMIT_EXCEEDED', plan.lines[LIMITS.lines].refs.area, { what: 'lines', limit: LIMITS.lines }));
  return { ...plan, lines: plan.lines.slice(0, LIMITS.lines) };
}

/** Amounts on rows the user has hidden are counted, and said so: one warning naming the rows. */
function hiddenRowFlags(g: GridView, plan: Plan): Flag[] {
  const rows = [...new Set(plan.lines.map((l) => Number(/\d+$/.exec(l.refs.amount?.cell ?? '')?.[0] ?? 0)).filter((r) => r > 0 && g.isRowHidden(r - 1)))].sort((a, b) => a - b);
  if (rows.length === 0) return [];
  return [flag('HIDDEN_ROWS', g.ref(rows[0] - 1, 0), { rows: rows.slice(0, 20).join(', ') + (rows.length > 20 ? ' …' : ''), sheet: g.name })];
}
