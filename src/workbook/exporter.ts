import { flag, Flag } from '../engine/flags';
import { listText } from '../engine/format';
import type { Lang } from '../engine/lang';
import { withMark } from './ownership';
import type { SheetSpec, StagedSheet, WorkbookPort } from './port';
import { freeSheetName } from './port';

/**
 * The one exporter: how the add-in replaces its own sheets in any host
 * (Excel, an .xlsx in the CLI or the browser). Hosts give small primitives
 * (SheetStore in port.ts); the logic lives here once:
 *
 * 1. inventory: which sheets prove to be the add-in's (ownership.ts), which
 *    names are taken;
 * 2. stage: render every new sheet, with its mark, under a staging name
 *    (hidden in Excel); a failure discards what was staged and the previous
 *    results stay;
 * 3. swap: the proven old sheets out, staged sheets renamed to their final
 *    names, in one step. Nothing that does not prove to be ours is removed.
 *
 * A user sheet with a wanted name keeps it; ours gets " (2)". Table names are
 * made unique against the user's tables and defined names.
 */
export async function writeOwnedSheets(port: WorkbookPort, specs: readonly SheetSpec[], lang: Lang = 'sv'): Promise<string[]> {
  const { sheets, reservedNames } = await port.inventory();
  const owned = sheets.filter((s) => s.owned).map((s) => s.name);
  const taken = new Set(sheets.filter((s) => !s.owned).map((s) => s.name.toLowerCase()));
  const finals = specs.map((s) => freeSheetName(s.name, taken));
  const tables = new Set(reservedNames.map((n) => n.toLowerCase()));
  const stamp = Date.now().toString(36).slice(-5);
  const everyName = new Set([...sheets.map((s) => s.name.toLowerCase()), ...taken]);
  // Tables are staged under names of their own and take their final names in the swap:
  // Excel keeps table names unique in the whole workbook, and the old results still hold them.
  const tableRenames: Array<{ from: string; to: string }> = [];
  const staged: StagedSheet[] = specs.map((spec, i) => {
    const marked = withMark(withFreeTableNames(spec, tables), finals[i], lang);
    const stagedTables = marked.tables.map((t) => {
      tableRenames.push({ from: `${t.name}_${stamp}`, to: t.name });
      return { ...t, name: `${t.name}_${stamp}` };
    });
    return { name: freeSheetName(`~sgd${i}~${stamp}`, everyName), spec: { ...marked, tables: stagedTables } };
  });
  try {
    await port.stage(staged);
  } catch (e) {
    await port.discard(staged.map((s) => s.name)).catch(() => undefined);
    throw e;
  }
  try {
    await port.swap(
      owned,
      staged.map((s, i) => ({ from: s.name, to: finals[i] })),
      tableRenames,
    );
  } catch (e) {
    await port.discard(staged.map((s) => s.name)).catch(() => undefined);
    throw e;
  }
  return finals;
}

/**
 * Adds sheets for the user (a plan template) under free names; they are the
 * user's from then on, never marked as the add-in's.
 */
export async function addSheets(port: WorkbookPort, specs: readonly SheetSpec[]): Promise<string[]> {
  const { sheets, reservedNames } = await port.inventory();
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  const tables = new Set(reservedNames.map((n) => n.toLowerCase()));
  const added = specs.map((spec) => ({ name: freeSheetName(spec.name, taken), spec: withFreeTableNames(spec, tables) }));
  await port.add(added);
  return added.map((s) => s.name);
}

/** The spec with every table name free in the workbook: "SGD_Fordelning_2025", else "SGD_Fordelning_2025_2". */
function withFreeTableNames(spec: SheetSpec, taken: Set<string>): SheetSpec {
  const tables = spec.tables.map((t) => {
    let name = t.name;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${t.name}_${k}`;
    taken.add(name.toLowerCase());
    return name === t.name ? t : { ...t, name };
  });
  return { ...spec, tables };
}

/** Parts of an .xlsx that a file host cannot carry into its result file, by where they live in the package. */
const UNSUPPORTED_PARTS: ReadonlyArray<[RegExp, string, string]> = [
  [/^xl\/charts\//, 'diagram', 'charts'],
  [/^xl\/pivotTables\//, 'pivottabeller', 'pivot tables'],
  [/^xl\/slicers\//, 'utsnitt', 'slicers'],
  [/^xl\/vbaProject\.bin$/, 'makron', 'macros'],
  [/^xl\/tables\//, 'tabeller', 'tables'],
  [/^xl\/comments/, 'kommentarer', 'comments'],
  [/^xl\/drawings\//, 'bilder och ritobjekt', 'drawings'],
];

/** FILE_FEATURES_DROPPED for a package with these part names, or none when nothing would be lost. */
export function droppedFeatures(partNames: readonly string[]): Flag[] {
  const found = UNSUPPORTED_PARTS.filter(([re]) => partNames.some((n) => re.test(n)));
  if (found.length === 0) return [];
  return [flag('FILE_FEATURES_DROPPED', null, { features: listText(found.map((f) => f[1]), 'sv'), featuresEn: listText(found.map((f) => f[2]), 'en') })];
}
