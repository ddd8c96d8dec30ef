import type JSZip from 'jszip';
import { columnName, sheetRef } from '../workbook/a1';
import type { FillCell, OutChart } from '../workbook/port';
import { fillSheetXml } from './fill';

/**
 * Lossless write-back to a file: the result is the input package with the
 * add-in's sheets grafted in and its earlier ones taken out. Every other part
 * of the user's (sheets, charts, pivot tables, macros, conditional formats,
 * names, validations, themes) is copied byte for byte; only the workbook,
 * its relationships, the content types and the styles (appended to, never
 * re-indexed) are edited, as text, so nothing the tool does not know about
 * is parsed and rewritten.
 *
 * The owned sheets themselves are rendered by exceljs into a fresh package
 * (`fresh`), and taken from it: each worksheet with its tables, its styles
 * appended to the input's and its shared strings written inline. exceljs
 * writes an in-document link as an external relationship to "#'Sheet'!A1"
 * (exceljs issue 3027: LibreOffice then resolves it to a file); here each
 * becomes a `location` link, as ECMA-376 §18.3.1.47 describes for links
 * inside the workbook.
 */

const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

/** Why a package cannot take a graft (the caller falls back to rewriting the file and says what is dropped). */
export class GraftError extends Error {
  constructor(reason: string) {
    super(`graft: ${reason}`);
    this.name = 'GraftError';
  }
}

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Attribute text in double quotes: apostrophes stay as they are ('Sheet'!A1 reads as written). */
const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** The attributes of one start tag, by local name (prefixes dropped), unescaped. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const name = m[1].includes(':') && !m[1].startsWith('xmlns') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    out[name] = unescapeXml(m[3] ?? m[4] ?? '');
  }
  return out;
}

/** The element prefix a part uses for its root ("" or "x:"). */
export function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<(\\w+:)?${local}[\\s>]`).exec(xml);
  if (!m) throw new GraftError(`no <${local}>`);
  return m[1] ?? '';
}

/** Resolves a relationship target against the folder of its source part ("xl/"), absolute targets too. */
export function resolveTarget(fromDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : fromDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export const relsPathOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
export const dirOf = (part: string) => part.replace(/[^/]+$/, '');

export interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
  readonly tag: string;
}

export function readRels(xml: string | null): Rel[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*?\/?>/g)].map((m) => {
    const a = attrs(m[0]);
    return { id: a.Id, type: a.Type, target: a.Target, external: a.TargetMode === 'External', tag: m[0] };
  });
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const f = zip.file(path);
  return f ? f.async('string') : null;
}

/** One sheet to graft: its final name and where exceljs put it in the fresh package. */
export interface GraftPlan {
  /** Names of the input's sheets to take out (the add-in's earlier results). */
  readonly remove: readonly string[];
  /** The fresh package's sheets, in order, become these sheets of the input (appended). */
  readonly add: readonly string[];
  /** Bar charts of each added sheet (exceljs writes none; they are drawn here). */
  readonly charts?: ReadonlyArray<readonly OutChart[] | undefined>;
  /** Values for empty cells of the user's sheets (fill.ts), by sheet name. */
  readonly fills?: ReadonlyArray<{ readonly sheet: string; readonly cells: readonly FillCell[] }>;
}

/**
 * Grafts the fresh package's sheets into the input package.
 * @throws GraftError when the input lacks a part the graft needs (no workbook, no styles)
 */
export async function graft(input: Uint8Array, fresh: Uint8Array, plan: GraftPlan): Promise<Uint8Array> {
  const { default: JSZipCtor } = await import('jszip');
  const zip = await JSZipCtor.loadAsync(input);
  const src = await JSZipCtor.loadAsync(fresh);
  const book = await Book.open(zip);
  for (const f of plan.fills ?? []) {
    const entry = book.sheets.find((s) => s.name === f.sheet);
    const xml = entry ? await text(zip, entry.part) : null;
    if (!entry || xml === null) throw new GraftError(`no sheet ${f.sheet} to fill`);
    zip.file(entry.part, fillSheetXml(xml, f.sheet, f.cells));
  }
  for (const name of plan.remove) await book.removeSheet(name);
  const styles = await StyleMerge.open(zip, src);
  const sst = sharedStrings(await text(src, 'xl/sharedStrings.xml'));
  const freshBook = await Book.open(src);
  if (freshBook.sheets.length !== plan.add.length) throw new GraftError('fresh package has a different number of sheets');
  for (let i = 0; i < plan.add.length; i++) {
    const part = freshBook.sheets[i].part;
    await book.addSheet(plan.add[i], await freshSheet(src, part, styles, sst), plan.charts?.[i] ?? []);
  }
  // Names scoped to a grafted sheet (its print titles) follow it to its index in the input.
  for (const n of freshBook.scopedNames()) book.addScopedName(n.xml, plan.add[n.sheet]);
  await styles.save();
  await book.save();
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  readonly part: string;
  readonly tag: string;
}

/** A worksheet of the fresh package made ready for the input: its XML and its tables. */
interface FreshSheet {
  readonly xml: string;
  readonly tables: ReadonlyArray<{ readonly xml: string; readonly rid: string }>;
}

/** The workbook part, its relationships and the content types of a package, edited as text. */
class Book {
  private constructor(
    private readonly zip: JSZip,
    private workbook: string,
    private rels: string,
    private types: string,
    readonly sheets: SheetEntry[],
    private readonly relsOf: Rel[],
  ) {}

  static async open(zip: JSZip): Promise<Book> {
    const rootRels = readRels(await text(zip, '_rels/.rels'));
    const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'));
    const wbPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
    if (wbPath !== 'xl/workbook.xml') throw new GraftError(`workbook at ${wbPath}`);
    const workbook = await text(zip, wbPath);
    const rels = await text(zip, relsPathOf(wbPath));
    const types = await text(zip, '[Content_Types].xml');
    if (!workbook || !rels || !types) throw new GraftError('workbook, its relationships or content types missing');
    const relList = readRels(rels);
    const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*?\/?>/g)].map((m) => {
      const a = attrs(m[0]);
      const rel = relList.find((r) => r.id === a.id);
      if (!rel) throw new GraftError(`sheet ${a.name} has no relationship`);
      return { name: a.name, sheetId: Number(a.sheetId), rid: a.id, part: resolveTarget('xl/', rel.target), tag: m[0] };
    });
    return new Book(zip, workbook, rels, types, sheets, relList);
  }

  /** Takes out a sheet and every part only it refers to (tables, drawings, charts, comments), and fixes sheet indexes in names. */
  async removeSheet(name: string): Promise<void> {
    const index = this.sheets.findIndex((s) => s.name === name);
    if (index < 0) return;
    const sheet = this.sheets[index];
    for (const part of await this.partsOf(sheet.part)) this.dropPart(part);
    this.workbook = this.workbook.replace(sheet.tag, '');
    const rel = this.relsOf.find((r) => r.id === sheet.rid)!;
    this.rels = this.rels.replace(rel.tag, '');
    this.sheets.splice(index, 1);
    this.workbook = shiftLocalSheetIds(this.workbook, index);
  }

  /** A part and, recursively, the internal parts its relationships name (not shared ones such as styles). */
  private async partsOf(part: string, seen = new Set<string>()): Promise<string[]> {
    if (seen.has(part)) return [];
    seen.add(part);
    const out = [part];
    const relsPath = relsPathOf(part);
    if (this.zip.file(relsPath)) out.push(relsPath);
    for (const r of readRels(await text(this.zip, relsPath))) {
      // Workbook-wide parts are never a sheet's own.
      if (r.external || /\/(styles|theme|sharedStrings)$/.test(r.type)) continue;
      out.push(...(await this.partsOf(resolveTarget(dirOf(part), r.target), seen)));
    }
    return out;
  }

  private dropPart(part: string): void {
    this.zip.remove(part);
    this.types = this.types.replace(new RegExp(`<(?:\\w+:)?Override\\b[^>]*PartName="/${escapeRe(escapeXml(part))}"[^>]*/>`), '');
  }

  async addSheet(name: string, sheet: FreshSheet, charts: readonly OutChart[] = []): Promise<void> {
    const n = this.nextNumber(/^xl\/worksheets\/sheet(\d+)\.xml$/);
    const part = `xl/worksheets/sheet${n}.xml`;
    let sheetRels = '';
    let xml = sheet.xml;
    const drawn = charts.filter((c) => c.lastRow >= c.firstRow);
    if (drawn.length > 0) {
      const d = this.nextNumber(/^xl\/drawings\/drawing(\d+)\.xml$/);
      let drawingRels = '';
      let anchors = '';
      drawn.forEach((c, i) => {
        const k = this.nextNumber(/^xl\/charts\/chart(\d+)\.xml$/);
        this.zip.file(`xl/charts/chart${k}.xml`, chartXml(name, c));
        this.addOverride(`xl/charts/chart${k}.xml`, CT_CHART);
        drawingRels += `<Relationship Id="rIdC${i + 1}" Type="${NS_REL}/chart" Target="../charts/chart${k}.xml"/>`;
        anchors += chartAnchor(c, i + 1);
      });
      this.zip.file(`xl/drawings/drawing${d}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:c="${NS_C}" xmlns:r="${NS_REL}">${anchors}</xdr:wsDr>`);
      this.zip.file(`xl/drawings/_rels/drawing${d}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels}</Relationships>`);
      this.addOverride(`xl/drawings/drawing${d}.xml`, CT_DRAWING);
      sheetRels += `<Relationship Id="rIdD1" Type="${NS_REL}/drawing" Target="../drawings/drawing${d}.xml"/>`;
      xml = insertDrawing(xml, 'rIdD1');
    }
    let tableNo = this.nextNumber(/^xl\/tables\/table(\d+)\.xml$/);
    for (const t of sheet.tables) {
      const tablePart = `xl/tables/table${tableNo++}.xml`;
      const tableId = await this.nextTableId();
      this.zip.file(tablePart, t.xml.replace(/(<(?:\w+:)?table\b[^>]*?\sid=")\d+(")/, `$1${tableId}$2`));
      this.addOverride(tablePart, CT_TABLE);
      sheetRels += `<Relationship Id="${t.rid}" Type="${NS_REL}/table" Target="../tables/${tablePart.slice('xl/tables/'.length)}"/>`;
    }
    this.zip.file(part, xml);
    if (sheetRels) this.zip.file(relsPathOf(part), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}</Relationships>`);
    this.addOverride(part, CT_WORKSHEET);
    const rid = this.freeRelId();
    this.rels = this.rels.replace(/<\/(\w+:)?Relationships>\s*$/, (end) => `<Relationship Id="${rid}" Type="${REL_WORKSHEET}" Target="worksheets/sheet${n}.xml"/>${end}`);
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const p = prefixOf(this.workbook, 'workbook');
    const rPrefix = new RegExp(`xmlns:(\\w+)="${escapeRe(NS_REL)}"`).exec(this.workbook.slice(0, this.workbook.indexOf('>', this.workbook.indexOf(`<${p}workbook`)) + 1))?.[1];
    const idAttr = rPrefix ? `${rPrefix}:id="${rid}"` : `xmlns:r="${NS_REL}" r:id="${rid}"`;
    const tag = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${idAttr}/>`;
    if (!new RegExp(`</${escapeRe(p)}sheets>`).test(this.workbook)) throw new GraftError('no </sheets>');
    this.workbook = this.workbook.replace(new RegExp(`</${escapeRe(p)}sheets>`), `${tag}</${p}sheets>`);
    this.sheets.push({ name, sheetId, rid, part, tag });
    this.relsOf.push({ id: rid, type: REL_WORKSHEET, target: `worksheets/sheet${n}.xml`, external: false, tag: '' });
  }

  /** The names scoped to a sheet, by the sheet's index (ECMA-376 §18.2.5: localSheetId). */
  scopedNames(): Array<{ xml: string; sheet: number }> {
    return [...this.workbook.matchAll(/<(\w+:)?definedName\b[^>]*>[\s\S]*?<\/\1?definedName>/g)]
      .map((m) => ({ xml: m[0], id: /localSheetId="(\d+)"/.exec(m[0]) }))
      .filter((n) => n.id)
      .map((n) => ({ xml: n.xml, sheet: Number(n.id![1]) }));
  }

  /** A name of a fresh sheet, scoped to that sheet's index here; definedNames is made where the schema puts it when there is none. */
  addScopedName(xml: string, sheetName: string): void {
    const index = this.sheets.findIndex((s) => s.name === sheetName);
    if (index < 0) return;
    const p = prefixOf(this.workbook, 'workbook');
    const name = xml.replace(/localSheetId="\d+"/, `localSheetId="${index}"`).replace(/<(\/?)(?:\w+:)?definedName\b/g, `<$1${p}definedName`);
    const close = new RegExp(`</${escapeRe(p)}definedNames>`);
    if (close.test(this.workbook)) {
      this.workbook = this.workbook.replace(close, `${name}</${p}definedNames>`);
      return;
    }
    for (const after of ['externalReferences', 'functionGroups', 'sheets']) {
      const end = new RegExp(`</${escapeRe(p)}${after}>|<${escapeRe(p)}${after}\\b[^>]*/>`).exec(this.workbook);
      if (!end) continue;
      const at = end.index + end[0].length;
      this.workbook = this.workbook.slice(0, at) + `<${p}definedNames>${name}</${p}definedNames>` + this.workbook.slice(at);
      return;
    }
  }

  private nextNumber(re: RegExp): number {
    const used = Object.keys(this.zip.files).map((f) => re.exec(f)).filter(Boolean).map((m) => Number(m![1]));
    return Math.max(0, ...used) + 1;
  }

  /** The last table id given: the input's tables are read once, then counted on. */
  private lastTableId: number | null = null;

  /** Table ids are unique in a workbook (ECMA-376 §18.5.1.2 table@id). */
  private async nextTableId(): Promise<number> {
    this.lastTableId ??= await this.maxTableId();
    return ++this.lastTableId;
  }

  private async maxTableId(): Promise<number> {
    let max = 0;
    for (const f of Object.keys(this.zip.files).filter((x) => /^xl\/tables\/[^/]+\.xml$/.test(x))) {
      const xml = (await text(this.zip, f)) ?? '';
      const id = /<(?:\w+:)?table\b[^>]*?\sid="(\d+)"/.exec(xml);
      if (id) max = Math.max(max, Number(id[1]));
    }
    return max;
  }

  private freeRelId(): string {
    const ids = new Set(readRels(this.rels).map((r) => r.id));
    let k = 1;
    while (ids.has(`rIdSgd${k}`)) k++;
    return `rIdSgd${k}`;
  }

  private addOverride(part: string, type: string): void {
    this.types = this.types.replace(/<\/(\w+:)?Types>\s*$/, (end) => `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>${end}`);
  }

  async save(): Promise<void> {
    this.workbook = fullCalcOnLoad(clampActiveTab(this.workbook, this.sheets.length));
    this.zip.file('xl/workbook.xml', this.workbook);
    this.zip.file('xl/_rels/workbook.xml.rels', this.rels);
    this.zip.file('[Content_Types].xml', this.types);
  }
}

const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

/** `<drawing>` where CT_Worksheet puts it: after the print setup and page breaks, before tableParts and extLst (ECMA-376 §18.3.1.99). */
function insertDrawing(xml: string, rid: string): string {
  const tag = `<drawing r:id="${rid}"/>`;
  const before = /<(tableParts|extLst)\b/.exec(xml) ?? /<\/worksheet>/.exec(xml);
  if (!before) throw new GraftError('worksheet without an end');
  const withNs = /xmlns:r="/.test(xml.slice(0, xml.indexOf('>', xml.indexOf('<worksheet')))) ? tag : `<drawing xmlns:r="${NS_REL}" r:id="${rid}"/>`;
  return xml.slice(0, before.index) + withNs + xml.slice(before.index);
}

/** A chart's place: from its anchor cell, about 9 columns wide and one row per bar tall. */
function chartAnchor(c: OutChart, i: number): string {
  const rows = Math.max(16, c.lastRow - c.firstRow + 4);
  const from = `<xdr:from><xdr:col>${c.anchor[1]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor[0]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`;
  const to = `<xdr:to><xdr:col>${c.anchor[1] + 9}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.anchor[0] + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`;
  return (
    `<xdr:twoCellAnchor>${from}${to}<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 1}" name="SGD diagram ${i}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart r:id="rIdC${i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A clustered bar chart of the value column against the category column of the add-in's own sheet (ECMA-376 Part 1 §21.2). */
function chartXml(sheet: string, c: OutChart): string {
  const ref = (col: number) => sheetRef(sheet, `$${columnName(col)}$${c.firstRow + 1}:$${columnName(col)}$${c.lastRow + 1}`);
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeAttr(c.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_REL}"><c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>` +
    `<c:cat><c:strRef><c:f>${escapeAttr(ref(c.categoryCol))}</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${escapeAttr(ref(c.valueCol))}</c:f></c:numRef></c:val></c:ser>` +
    `<c:gapWidth val="50"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A removed sheet at `index`: names scoped to it go, names scoped to later sheets move down one (ECMA-376 §18.2.5 localSheetId). */
function shiftLocalSheetIds(workbook: string, index: number): string {
  return workbook.replace(/<(\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/\1?definedName>/g, (whole, _p, attrText: string) => {
    const m = /localSheetId="(\d+)"/.exec(attrText);
    if (!m) return whole;
    const id = Number(m[1]);
    if (id === index) return '';
    return id > index ? whole.replace(`localSheetId="${id}"`, `localSheetId="${id - 1}"`) : whole;
  });
}

/**
 * Totals rows are formulas, and exceljs leaves a cached 0 out: the file asks
 * Excel to recalculate on open (ECMA-376 §18.2.2 calcPr@fullCalcOnLoad),
 * with calcPr in its place in the schema's order when there is none.
 */
function fullCalcOnLoad(workbook: string): string {
  const calc = /<(\w+:)?calcPr\b([^>]*?)(\/?)>/.exec(workbook);
  if (calc) {
    const a = calc[2].replace(/\sfullCalcOnLoad="[^"]*"/, '');
    return workbook.replace(calc[0], `<${calc[1] ?? ''}calcPr${a} fullCalcOnLoad="1"${calc[3]}>`);
  }
  const p = prefixOf(workbook, 'workbook');
  for (const after of ['definedNames', 'externalReferences', 'functionGroups', 'sheets']) {
    const end = new RegExp(`</${escapeRe(p)}${after}>|<${escapeRe(p)}${after}\\b[^>]*/>`).exec(workbook);
    if (end) return workbook.slice(0, end.index + end[0].length) + `<${p}calcPr fullCalcOnLoad="1"/>` + workbook.slice(end.index + end[0].length);
  }
  return workbook;
}

/** The active tab must name a sheet that exists. */
function clampActiveTab(workbook: string, count: number): string {
  return workbook.replace(/(<(?:\w+:)?workbookView\b[^>]*?\s(?:activeTab|firstSheet)=")(\d+)(")/g, (w, a, n, b) => (Number(n) >= count ? `${a}0${b}` : w));
}

/** The fresh package's shared strings, each as the inner XML of its <si>. */
function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? '<t></t>');
}

/**
 * A fresh worksheet made ready for the input package: cell styles re-indexed
 * into the merged styles, shared strings inline, in-document links as
 * `location` links, not selected as a tab group.
 */
async function freshSheet(src: JSZip, part: string, styles: StyleMerge, sst: readonly string[]): Promise<FreshSheet> {
  let xml = (await text(src, part)) ?? '';
  const rels = readRels(await text(src, relsPathOf(part)));
  xml = xml.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrText: string, _end, inner: string | undefined) => {
    let a = attrText.replace(/\ss="(\d+)"/, (_m, s) => ` s="${styles.xf(Number(s))}"`);
    if (/\st="s"/.test(a) && inner !== undefined) {
      const idx = Number(/<v>(\d+)<\/v>/.exec(inner)?.[1] ?? -1);
      a = a.replace(/\st="s"/, ' t="inlineStr"');
      return `<c${a}><is>${sst[idx] ?? '<t></t>'}</is></c>`;
    }
    return whole.replace(attrText, a);
  });
  // Column styles too.
  xml = xml.replace(/<col\b[^>]*?\sstyle="(\d+)"/g, (w, s) => w.replace(`style="${s}"`, `style="${styles.xf(Number(s))}"`));
  xml = xml.replace(/<row\b[^>]*?\ss="(\d+)"/g, (w, s) => w.replace(`s="${s}"`, `s="${styles.xf(Number(s))}"`));
  xml = xml.replace(/\stabSelected="1"/g, '');
  // In-document links: location, no relationship.
  xml = xml.replace(/<hyperlink\b[^>]*?\/>/g, (whole) => {
    const a = attrs(whole);
    const rel = rels.find((r) => r.id === a.id);
    if (!rel || !rel.target.startsWith('#')) return whole;
    return `<hyperlink ref="${escapeAttr(a.ref)}" location="${escapeAttr(rel.target.slice(1))}"/>`;
  });
  const tables: Array<{ xml: string; rid: string }> = [];
  for (const r of rels.filter((x) => x.type.endsWith('/table'))) {
    tables.push({ xml: (await text(src, resolveTarget(dirOf(part), r.target))) ?? '', rid: r.id });
  }
  return { xml, tables };
}

const LISTS = ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs'] as const;
type ListName = (typeof LISTS)[number];
const ITEM: Record<ListName, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf' };

/** The input's styles with the fresh package's appended: existing indexes never move. */
class StyleMerge {
  private readonly xfMap = new Map<number, number>();

  private constructor(
    private readonly zip: JSZip,
    private xml: string,
    private readonly prefix: string,
    private readonly fresh: Record<ListName, string[]>,
    private readonly base: Record<ListName, string[]>,
  ) {}

  static async open(zip: JSZip, src: JSZip): Promise<StyleMerge> {
    const xml = await text(zip, 'xl/styles.xml');
    const freshXml = await text(src, 'xl/styles.xml');
    if (!xml || !freshXml) throw new GraftError('styles missing');
    const prefix = prefixOf(xml, 'styleSheet');
    const list = (x: string, p: string, name: ListName) => {
      const body = new RegExp(`<${p}${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}${name}>)`).exec(x)?.[1] ?? '';
      const item = ITEM[name];
      return [...body.matchAll(new RegExp(`<${p}${item}\\b[^>]*?/>|<${p}${item}\\b[^>]*?>[\\s\\S]*?</${p}${item}>`, 'g'))].map((m) => m[0]);
    };
    const get = (x: string, p: string) => Object.fromEntries(LISTS.map((n) => [n, list(x, p, n)])) as Record<ListName, string[]>;
    return new StyleMerge(zip, xml, prefix, get(freshXml, ''), get(xml, prefix));
  }

  private readonly added: Record<ListName, string[]> = { numFmts: [], fonts: [], fills: [], borders: [], cellXfs: [] };
  private readonly itemMaps: Record<'fonts' | 'fills' | 'borders', Map<number, number>> = { fonts: new Map(), fills: new Map(), borders: new Map() };
  private readonly fmtMap = new Map<number, number>();

  /** The input's index for a fresh cell format, appending it (and its font, fill, border, number format) once. */
  xf(freshIndex: number): number {
    const hit = this.xfMap.get(freshIndex);
    if (hit !== undefined) return hit;
    const tag = this.fresh.cellXfs[freshIndex];
    if (!tag) return 0;
    const a = attrs(tag.slice(0, tag.indexOf('>') + 1));
    const font = this.item('fonts', Number(a.fontId ?? 0));
    const fill = this.item('fills', Number(a.fillId ?? 0));
    const border = this.item('borders', Number(a.borderId ?? 0));
    const fmt = this.numFmt(Number(a.numFmtId ?? 0));
    let out = tag
      .replace(/\sfontId="\d+"/, ` fontId="${font}"`)
      .replace(/\sfillId="\d+"/, ` fillId="${fill}"`)
      .replace(/\sborderId="\d+"/, ` borderId="${border}"`)
      .replace(/\snumFmtId="\d+"/, ` numFmtId="${fmt}"`)
      .replace(/\sxfId="\d+"/, ' xfId="0"');
    out = this.prefixed(out);
    const index = this.base.cellXfs.length + this.added.cellXfs.length;
    this.added.cellXfs.push(out);
    this.xfMap.set(freshIndex, index);
    return index;
  }

  private item(list: 'fonts' | 'fills' | 'borders', freshIndex: number): number {
    const map = this.itemMaps[list];
    const hit = map.get(freshIndex);
    if (hit !== undefined) return hit;
    const tag = this.fresh[list][freshIndex];
    if (!tag) return 0;
    const index = this.base[list].length + this.added[list].length;
    this.added[list].push(this.prefixed(tag));
    map.set(freshIndex, index);
    return index;
  }

  /** Built-in formats (below 164) keep their id; custom ones get an id free in the input. */
  private numFmt(freshId: number): number {
    if (freshId < 164) return freshId;
    const hit = this.fmtMap.get(freshId);
    if (hit !== undefined) return hit;
    const tag = this.fresh.numFmts.find((t) => attrs(t).numFmtId === String(freshId));
    if (!tag) return 0;
    const used = [...this.base.numFmts, ...this.added.numFmts].map((t) => Number(attrs(t).numFmtId));
    const id = Math.max(163, ...used) + 1;
    this.added.numFmts.push(this.prefixed(tag.replace(/numFmtId="\d+"/, `numFmtId="${id}"`)));
    this.fmtMap.set(freshId, id);
    return id;
  }

  private prefixed(tag: string): string {
    if (!this.prefix) return tag;
    return tag.replace(/<(\/?)(?!\w+:)(\w+)/g, `<$1${this.prefix}$2`);
  }

  async save(): Promise<void> {
    const p = this.prefix;
    for (const name of LISTS) {
      const added = this.added[name];
      if (added.length === 0) continue;
      const count = this.base[name].length + added.length;
      const open = new RegExp(`<${escapeRe(p)}${name}\\b([^>]*?)(/?)>`);
      const m = open.exec(this.xml);
      if (!m) {
        // A list the input lacks (numFmts is optional): insert it where the schema orders it, before the next list.
        const next = LISTS.slice(LISTS.indexOf(name) + 1).map((n) => new RegExp(`<${escapeRe(p)}${n}\\b`).exec(this.xml)).find(Boolean);
        if (!next) throw new GraftError(`styles without ${name}`);
        this.xml = this.xml.slice(0, next.index) + `<${p}${name} count="${count}">${added.join('')}</${p}${name}>` + this.xml.slice(next.index);
        continue;
      }
      const attrText = m[1].replace(/\scount="\d+"/, '') + ` count="${count}"`;
      if (m[2] === '/') {
        this.xml = this.xml.replace(m[0], `<${p}${name}${attrText}>${added.join('')}</${p}${name}>`);
      } else {
        this.xml = this.xml.replace(m[0], `<${p}${name}${attrText}>`);
        this.xml = this.xml.replace(new RegExp(`</${escapeRe(p)}${name}>`), `${added.join('')}</${p}${name}>`);
      }
    }
    this.zip.file('xl/styles.xml', this.xml);
  }
}

/** True when the input has the parts a graft edits (a workbook, its relationships, content types and styles). */
export async function canGraft(input: Uint8Array | ArrayBuffer): Promise<boolean> {
  try {
    const { default: JSZipCtor } = await import('jszip');
    const zip = await JSZipCtor.loadAsync(input);
    await Book.open(zip);
    const styles = await text(zip, 'xl/styles.xml');
    if (!styles) return false;
    prefixOf(styles, 'styleSheet');
    return /<(\w+:)?cellXfs\b/.test(styles);
  } catch {
    return false;
  }
}
