import { attrs, dirOf, readRels, relsPathOf, resolveTarget } from './graft';

/**
 * Looks at an .xlsx package before anything unpacks it: the zip's central
 * directory says how many parts there are and how large each is unpacked,
 * so a zip bomb or a workbook far beyond any plan is refused in milliseconds
 * and a few kilobytes of memory, not after gigabytes.
 */

/** The limits of the file version (README, "Limits"); Excel itself has none of these. */
export const PACKAGE_LIMITS = {
  /** Parts in the zip. */
  parts: 5_000,
  /** All parts unpacked (shared strings, styles, drawings included). */
  unpackedBytes: 40 * 1024 * 1024,
  /**
   * The worksheets unpacked, together: about half a million cells, which
   * exceljs holds in about 750 MB (measured: 19 MB of sheets took 0.93 GB).
   * A plan has a few thousand.
   */
  sheetBytes: 16 * 1024 * 1024,
  /** Merged areas, and the cells they cover, in all sheets (exceljs makes an object of every covered cell). */
  merges: 10_000,
  mergedCells: 250_000,
} as const;

export type PackageProblem =
  | { readonly kind: 'not-zip' }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'damaged' }
  | { readonly kind: 'too-large'; readonly what: 'parts' | 'unpackedBytes' | 'sheetBytes' | 'merges' | 'mergedCells'; readonly found: number; readonly limit: number };

export interface PackageEntry {
  readonly name: string;
  readonly unpacked: number;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** The entries of a zip's central directory, or a problem. Reads no compressed data. */
export function zipEntries(bytes: Uint8Array): PackageEntry[] | PackageProblem {
  // An encrypted .xlsx (and an old .xls) is an OLE compound file, not a zip.
  if (bytes.length >= 8 && u32(bytes, 0) === 0xe011cfd0 && u32(bytes, 4) === 0xe11ab1a1) return { kind: 'encrypted' };
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { kind: 'not-zip' };
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { kind: 'damaged' };
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return { kind: 'too-large', what: 'parts', found: count, limit: PACKAGE_LIMITS.parts };
  if (count > PACKAGE_LIMITS.parts) return { kind: 'too-large', what: 'parts', found: count, limit: PACKAGE_LIMITS.parts };
  const entries: PackageEntry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return { kind: 'damaged' };
    const unpacked = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extra = u16(bytes, at + 30);
    const comment = u16(bytes, at + 32);
    if (at + 46 + nameLength > bytes.length) return { kind: 'damaged' };
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // 0xffffffff means the size is in a zip64 field: far beyond any limit here.
    entries.push({ name, unpacked: unpacked === 0xffffffff ? Number.MAX_SAFE_INTEGER : unpacked });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** A problem with the package's size, or null when it is within the limits. */
export function checkPackage(bytes: Uint8Array): PackageProblem | null {
  const entries = zipEntries(bytes);
  if (!Array.isArray(entries)) return entries;
  const total = entries.reduce((s, e) => s + e.unpacked, 0);
  if (total > PACKAGE_LIMITS.unpackedBytes) return { kind: 'too-large', what: 'unpackedBytes', found: total, limit: PACKAGE_LIMITS.unpackedBytes };
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)).reduce((s, e) => s + e.unpacked, 0);
  if (sheets > PACKAGE_LIMITS.sheetBytes) return { kind: 'too-large', what: 'sheetBytes', found: sheets, limit: PACKAGE_LIMITS.sheetBytes };
  return null;
}

/** What the workbook's XML says before exceljs builds anything: its date system and its merged areas. */
export interface PackageFacts {
  readonly date1904: boolean;
  readonly problem: PackageProblem | null;
  /** The copy exceljs reads values from (see readableCopy). */
  readonly readable?: Uint8Array | null;
  /** The tables of each sheet, by sheet name: names the add-in's tables must not take. */
  readonly tables?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Reads workbook.xml and the sheets' <mergeCells> (the parts are within
 * PACKAGE_LIMITS already): a few merged areas of 500 × 500 cost exceljs
 * gigabytes, so they are counted here first.
 */
export async function packageFacts(bytes: Uint8Array): Promise<PackageFacts> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  // exceljs reads date1904="1" only; "true" (LibreOffice) is as valid an XML boolean.
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbook);
  let merges = 0;
  let mergedCells = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n))) {
    const xml = await zip.file(name)!.async('string');
    const re = /<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})["']/gi;
    for (let m = re.exec(xml); m; m = re.exec(xml)) {
      merges++;
      mergedCells += (Math.abs(colNumber(m[3]) - colNumber(m[1])) + 1) * (Math.abs(Number(m[4]) - Number(m[2])) + 1);
      if (merges > PACKAGE_LIMITS.merges) return { date1904, problem: { kind: 'too-large', what: 'merges', found: merges, limit: PACKAGE_LIMITS.merges } };
    }
  }
  const problem = mergedCells > PACKAGE_LIMITS.mergedCells ? ({ kind: 'too-large', what: 'mergedCells', found: mergedCells, limit: PACKAGE_LIMITS.mergedCells } as const) : null;
  if (problem) return { date1904, problem };
  const tables = await tablesBySheet(zip);
  return { date1904, problem, tables, readable: await readableCopy(zip) };
}

/**
 * The copy exceljs reads values from. Reading needs cells, merges and sheet
 * states only, and exceljs fails on valid parts around them:
 * - openpyxl and pandas write relationship targets as absolute part names
 *   ("/xl/drawings/drawing1.xml", allowed by ECMA-376 Part 2 §9.3), which
 *   exceljs looks up as relative ones;
 * - a chart anchored as openpyxl anchors it ("reading 'anchors'"), a
 *   comment ("'comments'"), a table without a style from LibreOffice
 *   ("'theme'"), conditional formats and validations it mis-parses.
 * So the copy has relative targets and no drawings, comments, tables,
 * conditional formats, validations or extensions. The result file is made
 * from the untouched input (graft.ts), so none of this is lost.
 */
async function readableCopy(zip: import('jszip')): Promise<Uint8Array> {
  for (const name of Object.keys(zip.files)) {
    if (/^xl\/(drawings|charts|comments|tables|threadedComments|persons)\b|^xl\/comments\d*\.xml$/.test(name)) zip.remove(name);
  }
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.rels'))) {
    const xml = await zip.file(name)!.async('string');
    // The folder of the source part: "xl/worksheets/_rels/sheet1.xml.rels" → "xl/worksheets/".
    const from = name.replace(/_rels\/[^/]+$/, '');
    const fixed = xml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => {
      if (/\bTargetMode\s*=\s*"External"/.test(tag)) return tag;
      if (/\bType\s*=\s*"[^"]*\/(drawing|comments|vmlDrawing|table|threadedComment|person)"/.test(tag)) return '';
      return tag.replace(/(\bTarget\s*=\s*")\/([^"]*)(")/, (_w, a: string, target: string, b: string) => a + relativePath(from, target) + b);
    });
    if (fixed !== xml) zip.file(name, fixed);
  }
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    const stripped = xml
      .replace(/<(\w+:)?(conditionalFormatting|dataValidations|extLst|tableParts|oleObjects|controls)\b[^>]*?(\/>|>[\s\S]*?<\/\1?\2>)/g, '')
      .replace(/<(\w+:)?(drawing|legacyDrawing|legacyDrawingHF|picture)\b[^>]*?\/>/g, '');
    if (stripped !== xml) zip.file(name, stripped);
  }
  return zip.generateAsync({ type: 'uint8array' });
}

/** Every table's name, by the name of the sheet it is on (read from the package, not from exceljs's copy). */
async function tablesBySheet(zip: import('jszip')): Promise<Record<string, string[]>> {
  const read = async (part: string) => (await zip.file(part)?.async('string')) ?? null;
  const workbook = (await read('xl/workbook.xml')) ?? '';
  const wbRels = readRels(await read('xl/_rels/workbook.xml.rels'));
  const out: Record<string, string[]> = {};
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const a = attrs(tag);
    const rel = wbRels.find((r) => r.id === a.id);
    if (!rel) continue;
    const part = resolveTarget('xl/', rel.target);
    const names: string[] = [];
    for (const r of readRels(await read(relsPathOf(part))).filter((x) => x.type.endsWith('/table') && !x.external)) {
      const xml = (await read(resolveTarget(dirOf(part), r.target))) ?? '';
      const start = /<(?:\w+:)?table\b[^>]*>/.exec(xml);
      if (start) names.push(...[attrs(start[0]).name, attrs(start[0]).displayName].filter((n): n is string => !!n));
    }
    out[a.name] = [...new Set(names)];
  }
  return out;
}

/** "xl/worksheets/" to "xl/drawings/drawing1.xml" → "../drawings/drawing1.xml". */
function relativePath(fromDir: string, target: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const to = target.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

const colNumber = (letters: string) => letters.toUpperCase().split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
