import type { Lang } from '../engine/lang';
import type { PopulationFigures } from '../engine/population';
import type { PrincipalTable } from '../engine/types';
import { columnName, parseRange } from './a1';
import { GridView } from './grid';
import { CellNotEmptyError, FillCell, SheetGrid, WorkbookPort } from './port';
import { findPrincipalsHeader, readPrincipals } from './readPrincipals';

/**
 * A dated population column written into the user's principals sheet
 * ("Folkmängd 2024-12-31 (SCB)"), only into cells that are empty: the first
 * column right of the table that is empty in every row of the sheet, with
 * the source (table, address, time fetched) two rows below the table. The
 * plan's readers then take each year's figure from the latest column dated
 * before it (engine/membership.ts). Never over a user's cell: the host
 * checks emptiness again as it writes (WorkbookPort.fillEmpty).
 */

export interface PopulationColumn {
  readonly sheet: string;
  /** "H". */
  readonly column: string;
  readonly header: string;
  readonly date: string;
  readonly cells: readonly FillCell[];
  /** Principals given a figure. */
  readonly filled: number;
  /** Principals the figures do not cover (left empty), by name. */
  readonly unmatched: readonly string[];
}

export type PopulationColumnProblem = 'no-principals' | 'exists' | 'no-match' | 'no-room' | 'cannot-write';

/** Why no column was written: said to the user; nothing was changed. */
export class PopulationColumnError extends Error {
  constructor(
    readonly problem: PopulationColumnProblem,
    readonly detail = '',
  ) {
    super(`population column: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'PopulationColumnError';
  }

  text(lang: Lang): string {
    const d = this.detail;
    const sv: Record<PopulationColumnProblem, string> = {
      'no-principals': 'Hittade ingen huvudmannatabell (Kod, Namn, Folkmängd) att fylla; inget ändrades.',
      exists: `Huvudmannatabellen har redan folkmängd per ${d}; inget ändrades. Ta bort eller byt namn på den kolumnen för att hämta igen.`,
      'no-match': `Inga av huvudmännen finns bland SCB:s siffror för länet (${d}); inget ändrades. Stämmer länet?`,
      'no-room': 'Det finns ingen tom kolumn till höger om huvudmannatabellen; inget ändrades.',
      'cannot-write': `Cellen ${d} är inte tom längre; inget ändrades.`,
    };
    const en: Record<PopulationColumnProblem, string> = {
      'no-principals': 'Found no principals table (Code, Name, Population) to fill; nothing was changed.',
      exists: `The principals table already has the population on ${d}; nothing was changed. Remove or rename that column to fetch again.`,
      'no-match': `None of the principals are among SCB's figures for the county (${d}); nothing was changed. Is it the right county?`,
      'no-room': 'There is no empty column to the right of the principals table; nothing was changed.',
      'cannot-write': `Cell ${d} is no longer empty; nothing was changed.`,
    };
    return (lang === 'sv' ? sv : en)[this.problem];
  }
}

const MAX_COLUMNS = 16_384;

/**
 * Where the figures go and what is written, from the sheets as read.
 * @throws PopulationColumnError when there is no table, the date is there already, no code matches, or no room
 */
export function planPopulationColumn(grids: readonly SheetGrid[], figures: PopulationFigures, lang: Lang): PopulationColumn {
  const views = grids.filter((g) => !g.marked && !g.hidden).map((g) => new GridView(g));
  const { table } = readPrincipals(views);
  const g = table ? views.find((v) => v.name === table.sheet) : undefined;
  const header = g ? findPrincipalsHeader(g) : null;
  if (!table || !g || !header) throw new PopulationColumnError('no-principals');
  const dated = header.populationCols.find((c) => g.text(header.row, c).includes(figures.date));
  if (dated !== undefined) throw new PopulationColumnError('exists', `${figures.date} (${g.name}!${columnName(dated)}${header.row + 1})`);
  refuseKnownDate(table, figures.date);

  const rows = table.principals.map((p) => ({ p, row: p.ref ? parseRange(p.ref.cell)!.top : -1 })).filter((x) => x.row > header.row);
  const matched = rows.filter((x) => figures.byCode.has(x.p.code));
  if (matched.length === 0) throw new PopulationColumnError('no-match', [...figures.byCode.keys()][0]);
  const lastRow = Math.max(...rows.map((x) => x.row));
  const tableRight = Math.max(header.row >= 0 ? lastFilled(g, header.row) : 0, ...Object.values(header.cols).map((c) => c as number), ...header.populationCols);
  const col = firstEmptyColumn(g, tableRight + 1);
  if (col === null) throw new PopulationColumnError('no-room');

  // The new cells look like the table's latest population column (its style), where the file has one.
  const like = header.populationCols.length ? header.populationCols[header.populationCols.length - 1] : undefined;
  const style = (row: number): readonly [number, number] | undefined => (like === undefined ? undefined : [row, like]);
  const title = `${lang === 'sv' ? 'Folkmängd' : 'Population'} ${figures.date} (SCB)`;
  const cells: FillCell[] = [
    { row: header.row, col, value: title, styleFrom: style(header.row) },
    ...matched.map((x) => ({ row: x.row, col, value: figures.byCode.get(x.p.code)!, styleFrom: style(x.row) })),
    // Two empty rows end the table for the readers (grid.tableRows), so the note is never read as a principal.
    { row: lastRow + 3, col, value: `${lang === 'sv' ? 'Källa för' : 'Source of'} ${title}: ${figures.source}` },
  ];
  return {
    sheet: g.name,
    column: columnName(col),
    header: title,
    date: figures.date,
    cells,
    filled: matched.length,
    unmatched: rows.filter((x) => !figures.byCode.has(x.p.code)).map((x) => x.p.name),
  };
}

/**
 * Refuses a date the principals table has already (in a dated column or the
 * Datum column): checked before SCB is asked, so no request is wasted.
 * @throws PopulationColumnError 'exists'
 */
export function refuseKnownDate(table: PrincipalTable | null, date: string): void {
  const same = table?.principals.find((p) => (p.populations ?? [{ date: p.populationDate }]).some((x) => x.date === date));
  if (same) throw new PopulationColumnError('exists', `${date} (${same.name})`);
}

/** The last non-empty column of a row. */
function lastFilled(g: GridView, r: number): number {
  for (let c = g.colCount - 1; c >= 0; c--) if (!g.isEmpty(r, c)) return c;
  return 0;
}

/** The first column from `from` on that is empty in every row of the sheet and in no merged area. */
function firstEmptyColumn(g: GridView, from: number): number | null {
  for (let c = from; c < MAX_COLUMNS; c++) {
    let empty = true;
    for (let r = 0; r < g.rowCount && empty; r++) {
      const span = g.span(r, c);
      empty = g.isEmpty(r, c) && g.get(r, c) === null && span.top === r && span.left === c && span.bottom === r && span.right === c;
    }
    if (empty) return c;
  }
  return null;
}

/**
 * Reads the workbook, plans the column and writes it through the port.
 * @throws PopulationColumnError (nothing written) when the column cannot be placed or a cell is no longer empty
 */
export async function writePopulationColumn(port: WorkbookPort, figures: PopulationFigures, lang: Lang): Promise<PopulationColumn> {
  if (!port.fillEmpty) throw new PopulationColumnError('cannot-write', '');
  const plan = planPopulationColumn(await port.readSheets(), figures, lang);
  try {
    await port.fillEmpty(plan.sheet, plan.cells);
  } catch (e) {
    if (e instanceof CellNotEmptyError) throw new PopulationColumnError('cannot-write', `${e.sheet}!${e.cell}`);
    throw e;
  }
  return plan;
}
