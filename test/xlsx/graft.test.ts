import { execFileSync, spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { analyse } from '../../src/engine/analyse';
import { readWorkbook } from '../../src/workbook/pipeline';
import { resultSheets } from '../../src/workbook/sheets';
import { ExcelJsWorkbook, newWorkbookBuffer } from '../../src/xlsx/exceljsWorkbook';
import { sgd } from '../cli/helpers';
import { principalsSheet, xlsx } from '../xlsx';

/**
 * Result files as their recipients open them. The input package goes into
 * the result byte for byte; only the four parts a graft must edit change,
 * and those only by additions. Every output is then opened by LibreOffice
 * (headless, re-saved and read back) and by openpyxl (warnings are errors),
 * the way a controller without Excel would.
 */
const ROOT = path.join(__dirname, '..', '..');
const INPUTS = [
  path.join(ROOT, 'examples', 'sgd-handlingsplan-2024.xlsx'),
  path.join(ROOT, 'test', 'files', 'openpyxl-plan-med-diagram.xlsx'),
  path.join(ROOT, 'test', 'files', 'openpyxl-plan-med-makro.xlsm'),
  path.join(ROOT, 'test', 'golden', 'skane-sgd-2023-2024.xlsx'),
  // Saved by LibreOffice: no theme part, a table without a style, sheet protection, page setup.
  path.join(ROOT, 'test', 'files', 'libreoffice-plan.xlsx'),
];
/** The parts a graft edits: the workbook (its sheet list), its relationships, the content types and the styles (appended to). */
const EDITED = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml']);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-graft-'));
const outputs = new Map<string, string>();
/** Focus areas named with the characters of structured references, and like the add-in's own columns ("Summa" is a total row in a plan). */
const AWKWARD = ['Drift [fas 2]', '[@Ekonom]', "Ekonomens 'egna'", '#1 Prio', 'Restenhet', 'Huvudman'];
const awkwardInput = path.join(dir, 'konstiga-namn.xlsx');

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async('nodebuffer'));
  return out;
}

beforeAll(async () => {
  fs.writeFileSync(awkwardInput, await xlsx([{ name: 'Plan', rows: [['Insatsområde', 'År', 'Belopp'], ...AWKWARD.map((a, i) => [a, 2025, 10_001 * (i + 1)])] }, principalsSheet('13', '2023-12-31')]));
  for (const input of [...INPUTS, awkwardInput]) {
    const out = path.join(dir, `resultat-${path.basename(input)}`);
    const r = await sgd('allocate', input, '--out', out);
    expect([0, 1]).toContain(r.code);
    outputs.set(input, out);
  }
}, 60_000);

describe('the result file is the input package with the add-in\'s sheets grafted in', () => {
  it.each(INPUTS.map((f) => [path.basename(f), f]))('%s: every user part byte-identical (chart, comment, table, macro, names …)', async (_n, input) => {
    const before = await parts(input);
    const after = await parts(outputs.get(input)!);
    for (const [name, bytes] of before) {
      expect(after.has(name)).toBe(true);
      if (!EDITED.has(name)) expect(Buffer.compare(after.get(name)!, bytes)).toBe(0);
    }
    // The edited parts only gain: the user's sheets, names and styles stay as they were.
    const wb = before.get('xl/workbook.xml')!.toString('utf8');
    const wbAfter = after.get('xl/workbook.xml')!.toString('utf8');
    for (const tag of wb.match(/<(?:\w+:)?(sheet|definedName)\b[^>]*>[^<]*/g) ?? []) expect(wbAfter).toContain(tag);
    const styles = before.get('xl/styles.xml')!.toString('utf8');
    const stylesAfter = after.get('xl/styles.xml')!.toString('utf8');
    for (const list of ['fonts', 'fills', 'borders', 'cellXfs']) {
      const body = (x: string) => new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(x)?.[1] ?? '';
      expect(body(stylesAfter).startsWith(body(styles))).toBe(true);
    }
    // The add-in's fonts name their face and size (a bare <b/> shows in whatever a reader falls back to).
    const fonts = (x: string) => /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(x)![1].match(/<font\b[\s\S]*?<\/font>|<font\/>/g) ?? [];
    for (const f of fonts(stylesAfter).slice(fonts(styles).length)) expect(f).toMatch(/<name val="[^"]+"\/>/);
  });

  it('no FILE_FEATURES_DROPPED: nothing is dropped any more', async () => {
    for (const input of INPUTS.slice(1, 3)) {
      const r = await sgd('allocate', input, '--out', path.join(dir, `json-${path.basename(input)}`), '--json');
      expect(JSON.parse(r.stdout).flags.map((f: { code: string }) => f.code)).not.toContain('FILE_FEATURES_DROPPED');
    }
  });

  it.each(INPUTS.map((f) => [path.basename(f), f]))('%s: a sound package (every relationship target exists, every part has a content type, unique sheet and table ids)', async (_n, input) => {
    await expectSoundPackage(outputs.get(input)!);
  });

  it('a second run on its own result replaces its sheets (no duplicates), the user\'s parts still byte-identical', async () => {
    const input = INPUTS[1];
    const again = path.join(dir, 'again.xlsx');
    await sgd('allocate', outputs.get(input)!, '--out', again);
    const first = await parts(outputs.get(input)!);
    const second = await parts(again);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [name, bytes] of await parts(input)) if (!EDITED.has(name)) expect(Buffer.compare(second.get(name)!, bytes)).toBe(0);
    const names = (second.get('xl/workbook.xml')!.toString('utf8').match(/<sheet\b[^>]*name="([^"]*)"/g) ?? []).length;
    expect(names).toBe(8);
    await expectSoundPackage(again);
  });

  it('links on the checks sheet stay inside the workbook (a location, no external relationship)', async () => {
    const out = outputs.get(INPUTS[0])!;
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const rid = /<sheet name="SGD Kontroller"[^>]*r:id="([^"]+)"/.exec(wb)![1];
    const part = 'xl/' + new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
    const sheet = await zip.file(part)!.async('string');
    const links = sheet.match(/<hyperlink\b[^>]*>/g) ?? [];
    expect(links.length).toBe(4);
    for (const l of links) {
      expect(l).toMatch(/location="'Samlad budget'![A-Z]+\d+"/);
      expect(l).not.toMatch(/r:id=/);
    }
    const sheetRels = (await zip.file(part.replace(/([^/]+)$/, '_rels/$1.rels'))?.async('string')) ?? '';
    expect(sheetRels).not.toMatch(/TargetMode="External"/);
  });
});

/** Every internal relationship target exists; every part has a content type; sheet ids, names and table ids and names are unique. */
async function expectSoundPackage(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const types = await zip.file('[Content_Types].xml')!.async('string');
  const defaults = [...types.matchAll(/<Default\b[^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase());
  const overrides = [...types.matchAll(/<Override\b[^>]*PartName="([^"]+)"/g)].map((m) => m[1]);
  for (const o of overrides) expect(names).toContain(o.slice(1));
  for (const n of names.filter((x) => x !== '[Content_Types].xml')) {
    expect(overrides.includes('/' + n) || defaults.includes(n.split('.').pop()!.toLowerCase())).toBe(true);
  }
  for (const relsName of names.filter((n) => n.endsWith('.rels'))) {
    const xml = await zip.file(relsName)!.async('string');
    const base = relsName.replace(/_rels\/[^/]+$/, '');
    for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
      if (/TargetMode="External"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)![1];
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(base + target);
      expect({ relsName, target, exists: names.includes(resolved) }).toEqual({ relsName, target, exists: true });
    }
  }
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const sheetTags = wb.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? [];
  const ids = sheetTags.map((t) => /sheetId="(\d+)"/.exec(t)![1]);
  const sheetNames = sheetTags.map((t) => /name="([^"]+)"/.exec(t)![1].toLowerCase());
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(sheetNames).size).toBe(sheetNames.length);
  const tables = await Promise.all(names.filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
  const tableIds = tables.map((x) => /<(?:\w+:)?table\b[^>]*\sid="(\d+)"/.exec(x)![1]);
  const tableNames = tables.map((x) => /<(?:\w+:)?table\b[^>]*\sdisplayName="([^"]+)"/.exec(x)![1].toLowerCase());
  expect(new Set(tableIds).size).toBe(tableIds.length);
  expect(new Set(tableNames).size).toBe(tableNames.length);
}

describe('opened as a recipient opens them', () => {
  const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
  const hasOpenpyxl = spawnSync('/usr/bin/python3', ['-c', 'import openpyxl']).status === 0;

  it('the tools are there (scripts/ensure-tools.sh installs them)', () => {
    expect(hasSoffice).toBe(true);
    expect(hasOpenpyxl).toBe(true);
  });

  it('LibreOffice opens every output, recalculates, and every total of the year sheets equals the JSON', async () => {
    const loDir = path.join(dir, 'lo');
    fs.mkdirSync(loDir, { recursive: true });
    const files = [...outputs.values()];
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', loDir, ...files], { stdio: 'pipe', timeout: 120_000 });
    for (const [input, out] of outputs) {
      const saved = path.join(loDir, path.basename(out).replace(/\.xlsm$/, '.xlsx'));
      if (input === awkwardInput) {
        // Every awkward name is a header of its own; the add-in's "Summa" and "Restenhet" keep theirs.
        const header = (await readHeader(saved)).filter(Boolean);
        expect(header.slice(-2)).toEqual(['Summa', 'Restenhet']);
        expect(header).toEqual(expect.arrayContaining(['Drift [fas 2]', '[@Ekonom]', "Ekonomens 'egna'", '#1 Prio', 'Restenhet (insatsområde)', 'Huvudman (insatsområde)']));
      }
      expect(fs.existsSync(saved)).toBe(true);
      const json = JSON.parse((await sgd('allocate', input, '--out', path.join(dir, 'x-' + path.basename(out)), '--json')).stdout);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(saved);
      let checked = 0;
      for (const y of json.years) {
        const ws = wb.getWorksheet(`SGD Fördelning ${y.year}`)!;
        const header = ws.getRow(8).values as unknown[];
        const totals = findRow(ws, 'Summa');
        for (const area of y.areas) {
          const renamed = header.indexOf(`${area.area} (insatsområde)`);
          const col = renamed > 0 ? renamed : header.indexOf(area.area);
          expect(col).toBeGreaterThan(0);
          expect(cellNumber(totals.getCell(col).value)).toBe(area.amount);
          checked++;
        }
        expect(cellNumber(totals.getCell(header.indexOf('Summa')).value)).toBe(y.amount);
        for (const s of y.shares) {
          const row = findRow(ws, s.code, 1);
          expect(cellNumber(row.getCell(header.indexOf('Summa')).value)).toBe(s.amount);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(13);
      // LibreOffice read the bar chart of every year sheet (it writes one chart part per chart it kept).
      const charts = Object.keys((await JSZip.loadAsync(fs.readFileSync(saved))).files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
      expect(charts.length).toBeGreaterThanOrEqual(json.years.length);
      // The links of the checks sheet are still links into the workbook after LibreOffice saved it.
      const zip = await JSZip.loadAsync(fs.readFileSync(saved));
      for (const n of Object.keys(zip.files).filter((f) => /worksheets\/_rels\/.+\.rels$/.test(f))) {
        expect(await zip.file(n)!.async('string')).not.toMatch(/Target="[^"]*\.xlsx#/);
      }
    }
  }, 180_000);

  it('the Skåne result prints on one landscape page per year sheet and for the period (LibreOffice to PDF)', async () => {
    const input = await readWorkbook(await ExcelJsWorkbook.fromBuffer(fs.readFileSync(INPUTS[0])));
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    const specs = resultSheets(a, { lang: 'sv', source: 'sgd-handlingsplan-2024.xlsx' }).filter((x) => /^SGD (Fördelning|Period)/.test(x.name));
    const pdfDir = path.join(dir, 'pdf');
    fs.mkdirSync(pdfDir, { recursive: true });
    const files = await Promise.all(
      specs.map(async (spec, i) => {
        const f = path.join(pdfDir, `blad-${i}.xlsx`);
        fs.writeFileSync(f, await newWorkbookBuffer([spec]));
        return f;
      }),
    );
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', pdfDir, ...files], { stdio: 'pipe', timeout: 120_000 });
    const pages = files.map((f) => (fs.readFileSync(f.replace(/\.xlsx$/, '.pdf')).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length);
    expect(specs.map((x) => x.name)).toEqual(['SGD Fördelning 2023', 'SGD Fördelning 2024', 'SGD Period 2023–2024']);
    expect(pages).toEqual([1, 1, 1]);
  }, 120_000);

  it('openpyxl opens every output without a warning and sees the user\'s names, tables and the add-in\'s sheets', () => {
    const script = [
      'import json, sys, warnings, openpyxl',
      "warnings.simplefilter('error')",
      'out = []',
      'for f in sys.argv[1:]:',
      '    wb = openpyxl.load_workbook(f, keep_vba=f.endswith(".xlsm"))',
      '    names = list(wb.defined_names.keys()) if hasattr(wb.defined_names, "keys") else [d.name for d in wb.defined_names.definedName]',
      '    out.append({"sheets": wb.sheetnames, "names": names, "tables": {ws.title: sorted(ws.tables.keys()) for ws in wb.worksheets if ws.tables}, "charts": {ws.title: len(ws._charts) for ws in wb.worksheets if ws._charts}})',
      'print(json.dumps(out))',
    ].join('\n');
    const files = [...outputs.values()];
    const seen = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }));
    expect(seen).toHaveLength(outputs.size);
    const diagram = seen[1];
    expect(diagram.sheets).toEqual(['Plan', 'Huvudmän', 'Anteckningar', 'SGD Fördelning 2024', 'SGD Fördelning 2025', 'SGD Period 2024–2025', 'SGD Kontroller', 'SGD Revision']);
    expect(diagram.names).toEqual(['Sats', 'Budgetomrade']);
    expect(diagram.tables['Huvudmän']).toEqual(['Huvudmannatabell']);
    expect(diagram.tables['SGD Fördelning 2024']).toEqual(['SGD_Fordelning_2024']);
    // The user's chart and the add-in's bar chart of each year.
    expect(diagram.charts).toEqual({ 'Huvudmän': 1, 'SGD Fördelning 2024': 1, 'SGD Fördelning 2025': 1 });
  });
});

async function readHeader(file: string): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet('SGD Fördelning 2025')!.getRow(8).values as unknown[];
}

function findRow(ws: ExcelJS.Worksheet, label: string, col = 1): ExcelJS.Row {
  let found: ExcelJS.Row | null = null;
  ws.eachRow((row) => {
    if (!found && String(row.getCell(col).value) === label) found = row;
  });
  if (!found) throw new Error(`no row ${label} in ${ws.name}`);
  return found;
}

/** A cell's number; exceljs reads LibreOffice's computed 0 (<v>0</v>) of a formula as no result. */
function cellNumber(v: ExcelJS.CellValue): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'formula' in v) return Number((v as { result?: unknown }).result ?? 0);
  return Number(v);
}
