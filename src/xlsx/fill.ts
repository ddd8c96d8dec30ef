import { a1, columnName, parseRange } from '../workbook/a1';
import { CellNotEmptyError, FillCell } from '../workbook/port';
import { attrs, escapeXml, GraftError, prefixOf } from './graft';

/**
 * Writes values into empty cells of a user's worksheet part, as text: every
 * other byte of the part stays as it was. A cell that holds a value, a
 * formula or an inline string is refused (CellNotEmptyError) and nothing is
 * changed; an empty cell that only carries a style keeps it. Rows and cells
 * keep the order SpreadsheetML requires (ECMA-376 Part 1, 18.3.1.73 row and
 * 18.3.1.4 c: rows ascending by r, cells ascending by column); a row's spans
 * and the sheet's dimension grow to cover the new cells. A new cell copies
 * the style index of `styleFrom`, so it looks like its neighbour without a
 * new style.
 */
export function fillSheetXml(xml: string, sheet: string, cells: readonly FillCell[]): string {
  if (cells.length === 0) return xml;
  const p = prefixOf(xml, 'worksheet');
  const data = new RegExp(`<${p}sheetData\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}sheetData>)`).exec(xml);
  if (!data) throw new GraftError('worksheet without sheetData');
  const body = data[1] ?? '';
  const rowRe = new RegExp(`<${p}row\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}row>)`, 'g');
  const rows = new Map<number, string>();
  for (const m of body.matchAll(rowRe)) {
    const r = Number(attrs(m[0].slice(0, m[0].indexOf('>') + 1)).r);
    if (!Number.isInteger(r) || r < 1) throw new GraftError('a row without its number');
    rows.set(r, m[0]);
  }
  const byRow = new Map<number, FillCell[]>();
  for (const c of cells) byRow.set(c.row + 1, [...(byRow.get(c.row + 1) ?? []), c]);
  const out = new Map(rows);
  for (const [r, list] of byRow) out.set(r, fillRow(rows.get(r) ?? `<${p}row r="${r}"></${p}row>`, p, sheet, list, (cell) => styleOf(rows, p, cell)));
  const rowsXml = [...out.entries()].sort(([a], [b]) => a - b).map(([, x]) => x).join('');
  const start = data[0].slice(0, data[0].indexOf('>') + 1);
  const open = data[1] === undefined ? start.replace(/\s*\/>$/, '>') : start;
  let result = xml.slice(0, data.index) + `${open}${rowsXml}</${p}sheetData>` + xml.slice(data.index + data[0].length);
  result = growDimension(result, p, cells);
  return result;
}

/** One row with the cells filled in, in column order. */
function fillRow(rowXml: string, p: string, sheet: string, list: readonly FillCell[], styleOf: (cell: readonly [number, number]) => string | null): string {
  const selfClosing = /\/>$/.test(rowXml) && !rowXml.includes(`</${p}row>`);
  const startTag = rowXml.slice(0, rowXml.indexOf('>') + 1);
  const inner = selfClosing ? '' : rowXml.slice(startTag.length, rowXml.lastIndexOf(`</${p}row>`));
  const cellRe = new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, 'g');
  const found: Array<{ col: number; xml: string }> = [];
  let rest = inner;
  for (const m of inner.matchAll(cellRe)) {
    const ref = attrs(m[0].slice(0, m[0].indexOf('>') + 1)).r;
    const box = ref ? parseRange(ref) : null;
    if (!box) throw new GraftError('a cell without its reference');
    found.push({ col: box.left, xml: m[0] });
    rest = rest.replace(m[0], '');
  }
  // What a row holds besides cells (extLst) stays after them.
  for (const c of list) {
    const at = found.findIndex((f) => f.col === c.col);
    const ref = a1(c.row, c.col);
    let style = c.styleFrom ? styleOf(c.styleFrom) : null;
    if (at >= 0) {
      if (new RegExp(`<${p}(v|f|is)\\b`).test(found[at].xml)) throw new CellNotEmptyError(sheet, ref);
      style = attrs(found[at].xml.slice(0, found[at].xml.indexOf('>') + 1)).s ?? style;
      found.splice(at, 1);
    }
    found.push({ col: c.col, xml: cellXml(p, ref, c.value, style) });
  }
  found.sort((a, b) => a.col - b.col);
  const first = found[0].col + 1;
  const last = found[found.length - 1].col + 1;
  const tag = startTag.replace(/\/>$/, '>').replace(/\sspans="(\d+):(\d+)"/, (_, a: string, b: string) => ` spans="${Math.min(Number(a), first)}:${Math.max(Number(b), last)}"`);
  return `${tag}${found.map((f) => f.xml).join('')}${rest}</${p}row>`;
}

function cellXml(p: string, ref: string, value: string | number, style: string | null): string {
  const s = style !== null ? ` s="${style}"` : '';
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

/** The style index of a cell of the part as it was, or null. */
function styleOf(rows: ReadonlyMap<number, string>, p: string, [row, col]: readonly [number, number]): string | null {
  const rowXml = rows.get(row + 1);
  if (!rowXml) return null;
  const ref = a1(row, col);
  const m = new RegExp(`<${p}c\\b[^>]*?\\br="${ref}"[^>]*?>`).exec(rowXml);
  return m ? (attrs(m[0]).s ?? null) : null;
}

/** The dimension element grown to cover the new cells. */
function growDimension(xml: string, p: string, cells: readonly FillCell[]): string {
  const m = new RegExp(`<${p}dimension\\b[^>]*?/>`).exec(xml);
  if (!m) return xml;
  const box = parseRange(attrs(m[0]).ref ?? '') ?? { top: cells[0].row, left: cells[0].col, bottom: cells[0].row, right: cells[0].col };
  const top = Math.min(box.top, ...cells.map((c) => c.row));
  const bottom = Math.max(box.bottom, ...cells.map((c) => c.row));
  const left = Math.min(box.left, ...cells.map((c) => c.col));
  const right = Math.max(box.right, ...cells.map((c) => c.col));
  return xml.replace(m[0], `<${p}dimension ref="${columnName(left)}${top + 1}:${columnName(right)}${bottom + 1}"/>`);
}
