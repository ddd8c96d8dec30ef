import { analyse, Analysis, AnalyseOptions } from '../engine/analyse';
import { followUp, FollowUp, FollowUpOptions } from '../engine/followUp';
import { followUpSheets } from './followUpSheets';
import { flag, sortFlags, type Flag } from '../engine/flags';
import { writeOwnedSheets } from './exporter';
import type { Plan, PrincipalTable } from '../engine/types';
import { GridView } from './grid';
import type { SheetSpec, WorkbookPort } from './port';
import { readPlan } from './readPlan';
import { readPrincipals } from './readPrincipals';
import { principalFileName, principalSheet, resultSheets, SheetOptions } from './sheets';

/**
 * The flow every host shares: cells → typed plan and principals → engine →
 * sheet specs. Hosts differ only in their WorkbookPort.
 */

export interface WorkbookInput {
  readonly plan: Plan | null;
  readonly table: PrincipalTable | null;
  readonly flags: readonly Flag[];
}

/** Reads the plan and the principals from the user's sheets (never from the add-in's own). */
export async function readWorkbook(port: WorkbookPort): Promise<WorkbookInput> {
  const grids = (await port.readSheets()).filter((g) => !g.marked);
  // A plan on a hidden sheet would be split without the user ever seeing it: only visible sheets are read.
  const skipped = grids.filter((g) => g.hidden && g.values.some((row) => row.some((v) => v !== null && v !== undefined && v !== '')));
  const input = readGrids(grids.filter((g) => !g.hidden).map((g) => new GridView(g)));
  const truncated = grids.filter((g) => g.truncatedAt !== undefined).map((g) => flag('SHEET_TRUNCATED', null, { sheet: g.name, rows: g.truncatedAt! }));
  return { ...input, flags: [...input.flags, ...skipped.map((g) => flag('HIDDEN_SHEET_SKIPPED', null, { sheet: g.name })), ...truncated] };
}

function readGrids(views: readonly GridView[]): WorkbookInput {
  const p = readPlan(views);
  const t = readPrincipals(views, p.plan?.sheet ?? null);
  return { plan: p.plan, table: t.table, flags: [...p.flags, ...t.flags] };
}

export async function validateWorkbook(port: WorkbookPort, options: AnalyseOptions): Promise<Analysis> {
  const input = await readWorkbook(port);
  return analyse(input.plan, input.table, options, input.flags);
}

/**
 * "Fördela" in every host: validates, allocates and writes the owned result
 * sheets (all or nothing). What the host cannot keep when it writes (a file
 * copy without the input's charts) is a flag of the analysis, and so also on
 * the checks sheet.
 */
export async function allocateWorkbook(
  port: WorkbookPort,
  options: AnalyseOptions,
  sheetOptions: SheetOptions,
): Promise<{ analysis: Analysis; written: string[] }> {
  const checked = await validateWorkbook(port, options);
  const notes = (await port.writeNotes?.()) ?? [];
  const analysis = notes.length ? { ...checked, flags: sortFlags([...checked.flags, ...notes]) } : checked;
  const written = await writeOwnedSheets(port, resultSheets(analysis, sheetOptions), sheetOptions.lang);
  return { analysis, written };
}

/**
 * "Följ upp" in every host: the budget's result sheets and, beside them, one
 * follow-up sheet per year with an outcome or forecast and the invoice basis
 * (all the add-in's sheets are one set: written together, replaced together).
 */
export async function followUpWorkbook(
  port: WorkbookPort,
  options: FollowUpOptions,
  sheetOptions: SheetOptions,
): Promise<{ followUp: FollowUp; written: string[] }> {
  const input = await readWorkbook(port);
  const f = followUp(input.plan, input.table, options, input.flags);
  const notes = (await port.writeNotes?.()) ?? [];
  const result = notes.length ? { ...f, flags: sortFlags([...f.flags, ...notes]) } : f;
  const analysis = { ...result.budget, flags: result.flags };
  const written = await writeOwnedSheets(port, [...resultSheets(analysis, sheetOptions), ...followUpSheets(result, sheetOptions.lang, sheetOptions.source)], sheetOptions.lang);
  return { followUp: result, written };
}

export interface PrincipalFile {
  readonly code: string;
  readonly name: string;
  readonly fileName: string;
  readonly sheet: SheetSpec;
}

/**
 * Municipality files respect errors: with error flags none are made unless
 * the user overrides (`--allow-errors`, the pane's confirmation); then every
 * file says "Preliminär" and lists the plan's errors.
 */
export function distributionGate(analysis: Analysis, allowErrors: boolean): { readonly refused: number } | { readonly preliminary: readonly Flag[] } {
  const errors = analysis.flags.filter((f) => f.severity === 'error');
  if (errors.length > 0 && !allowErrors) return { refused: errors.length };
  return { preliminary: errors };
}

/** One plain-values workbook (as a sheet spec) per principal. */
export function distributionFiles(analysis: Analysis, sheetOptions: SheetOptions): PrincipalFile[] {
  const names = new Set<string>();
  return analysis.principals.flatMap((p) => {
    const sheet = principalSheet(analysis, p.code, sheetOptions);
    if (!sheet) return [];
    let fileName = principalFileName(p);
    for (let k = 2; names.has(fileName.toLowerCase()); k++) fileName = principalFileName(p).replace(/\.xlsx$/, ` (${k}).xlsx`);
    names.add(fileName.toLowerCase());
    return [{ code: p.code, name: p.name, fileName, sheet }];
  });
}
