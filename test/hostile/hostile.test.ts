import ExcelJS from 'exceljs';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BrowserHost } from '../../src/browser/browserHost';
import { Controller } from '../../src/taskpane/controller';
import { distributionFiles, readWorkbook } from '../../src/workbook/pipeline';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { sgd, sha256, tmpDir } from '../cli/helpers';
import { forTerminal } from '../../src/cli/files';
import { HostileCase, hostileCorpus } from './corpus';

/**
 * Every hostile workbook goes through `sgd validate`, `allocate` and
 * `distribute` and the browser page's pipeline, and every one must:
 *
 * - end with exit 0 or 1, or 2 with one line and no stack trace;
 * - leave the input's bytes unchanged;
 * - keep every user sheet (allocate's result has all the input's sheets);
 * - write no formula that carries user text (the only formulas in the
 *   add-in's sheets are SUBTOTAL over a plain range);
 * - stay in time (jest's timeout per case) and, for the resource cases, in
 *   memory: they also run in a child process whose peak resident memory is
 *   measured against MEMORY_CAP_MB.
 */

const MEMORY_CAP_MB = 1024;
const corpus = hostileCorpus();
const dir = tmpDir('sgd-hostile-');
const ROOT = path.join(__dirname, '..', '..');
const SAFE_FORMULA = /^SUBTOTAL\(109,[A-Z]{1,3}\d+:[A-Z]{1,3}\d+\)$|^SUBTOTAL\(109,0\)$/;
const NO_STACK = /\bat .*\(.*:\d+:\d+\)|\n\s+at /;

async function inputFile(c: HostileCase, i: number): Promise<string> {
  const file = path.join(dir, `${i}.xlsx`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, await c.build());
  return file;
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

/** Formulas in the sheets the add-in wrote (those not in the input). */
async function addedFormulas(out: string, inputSheets: readonly string[]): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const found: string[] = [];
  for (const ws of wb.worksheets) {
    if (inputSheets.includes(ws.name)) continue;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; sharedFormula?: string } | null;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) found.push(String(v.formula ?? v.sharedFormula));
      }),
    );
  }
  return found;
}

function expectClean(r: { code: number; stderr: string }): void {
  expect([0, 1, 2]).toContain(r.code);
  if (r.code === 2) {
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sgd: /);
  }
  expect(r.stderr).not.toMatch(NO_STACK);
}

describe('the hostile corpus', () => {
  it('has at least 100 workbooks', () => expect(corpus.length).toBeGreaterThanOrEqual(100));

  it.each(corpus.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const file = await inputFile(c, i);
    const before = sha256(file);
    const v = await sgd('validate', file, '--json');
    expectClean(v);
    if (c.unusable) expect(v.code).toBe(2);
    else {
      expect(v.code).not.toBe(2);
      const codes = JSON.parse(v.stdout).flags.map((f: { code: string }) => f.code);
      for (const code of c.flags ?? []) expect(codes).toContain(code);
    }
    const out = path.join(dir, `${i}-out.xlsx`);
    const a = await sgd('allocate', file, '--out', out);
    expectClean(a);
    if (a.code !== 2) {
      const inputSheets = await sheetNames(file);
      const outputSheets = await sheetNames(out);
      for (const s of inputSheets) expect(outputSheets).toContain(s);
      for (const s of c.keep ?? []) expect(outputSheets).toContain(s);
      for (const f of await addedFormulas(out, inputSheets)) expect(f).toMatch(SAFE_FORMULA);
    }
    const d = await sgd('distribute', file, '--out', path.join(dir, `${i}-files`), '--allow-errors');
    expectClean(d);
    if (d.code !== 2) for (const f of fs.readdirSync(path.join(dir, `${i}-files`))) expect(f).not.toMatch(/^[=+\-@]|[\\/]|\.\./);
    expect(sha256(file)).toBe(before);
  });

  it.each(corpus.map((c, i) => [c.name, c, i] as const))('the browser page: %s', async (_name, c, i) => {
    const file = await inputFile(c, i);
    const host = new BrowserHost();
    const controller = new Controller(host);
    const bytes = fs.readFileSync(file);
    let opened = true;
    await host.open({ name: path.basename(file), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer }).catch((e: Error) => {
      opened = false;
      expect(e.message.split('\n')).toHaveLength(1);
    });
    if (c.unusable) expect(opened).toBe(false);
    if (!opened) return;
    const analysis = await controller.validate();
    expect(controller.getState().error).toBeNull();
    await controller.allocate();
    expect(controller.getState().error).toBeNull();
    if (analysis) distributionFiles(analysis, { lang: 'sv', source: 'x' });
  });

  const heavy = corpus.map((c, i) => [c.name, c, i] as const).filter(([, c]) => c.heavy);
  it.each(heavy)('stays under the memory cap in a child process: %s', async (_name, c, i) => {
    const file = await inputFile(c, i);
    const script = `const m = require(${JSON.stringify(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'))});
      m.run(['allocate', ${JSON.stringify(file)}, '--out', ${JSON.stringify(path.join(dir, `${i}-heavy.xlsx`))}], { out() {}, err(t) { process.stderr.write(t + '\\n'); } })
        .then((code) => { process.stdout.write(JSON.stringify({ code, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })); });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const { code, rssMb } = JSON.parse(r.stdout) as { code: number; rssMb: number };
    expect([0, 1, 2]).toContain(code);
    expect(rssMb).toBeLessThan(MEMORY_CAP_MB);
    fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    fs.appendFileSync(path.join(ROOT, 'test-output', 'hostile-memory.txt'), `${c.name}\t${rssMb} MB\texit ${code}\n`);
  });
});

describe('paths', () => {
  const plan = path.join(ROOT, 'examples', 'sgd-handlingsplan-2024.xlsx');
  const local = path.join(dir, 'plan.xlsx');
  beforeAll(() => fs.copyFileSync(plan, local));

  it.each([
    ['--out is the input under another name (a hard link)', () => {
      const link = path.join(dir, 'länk.xlsx');
      if (!fs.existsSync(link)) fs.linkSync(local, link);
      return ['allocate', local, '--out', link];
    }],
    ['--out is /dev/null', () => ['allocate', local, '--out', '/dev/null']],
    ['--out is a folder', () => ['allocate', local, '--out', dir]],
    ['the input is /dev/zero', () => ['validate', '/dev/zero']],
    ['the input is a FIFO', () => {
      const fifo = path.join(dir, 'fifo.xlsx');
      if (!fs.existsSync(fifo)) spawnSync('mkfifo', [fifo]);
      return ['validate', fifo];
    }],
    ['the input is a folder', () => ['validate', dir]],
    ['the input does not exist', () => ['validate', path.join(dir, 'nej.xlsx')]],
    ['distribute into a file', () => ['distribute', local, '--out', local]],
  ] as const)('%s: exit 2, one line, nothing written over', async (_name, args) => {
    const before = sha256(local);
    const r = await sgd(...args());
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(sha256(local)).toBe(before);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('distribute never replaces a file it did not write, and writes nothing then', async () => {
    const folder = path.join(dir, 'kommunfiler');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, '1280 Malmö.xlsx'), 'min egen fil');
    const r = await sgd('distribute', local, '--out', folder, '--allow-errors');
    expect(r.code).toBe(2);
    expect(fs.readFileSync(path.join(folder, '1280 Malmö.xlsx'), 'utf8')).toBe('min egen fil');
    expect(fs.readdirSync(folder)).toEqual(['1280 Malmö.xlsx']);
    fs.rmSync(path.join(folder, '1280 Malmö.xlsx'));
    expect((await sgd('distribute', local, '--out', folder, '--allow-errors')).code).toBe(1);
    // Its own files from the last run it replaces.
    expect((await sgd('distribute', local, '--out', folder, '--allow-errors')).code).toBe(1);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.xlsx'))).toHaveLength(34);
  });

  it('cleans up the temporary files of a run that was killed', async () => {
    const folder = path.join(dir, 'städ');
    fs.mkdirSync(folder, { recursive: true });
    const orphan = path.join(folder, '.sgd-tmp-999999-1-1280 Malmö.xlsx');
    fs.writeFileSync(orphan, 'halv');
    await sgd('distribute', local, '--out', folder, '--allow-errors');
    expect(fs.existsSync(orphan)).toBe(false);
  });

  it('shows control characters instead of sending them to the terminal', async () => {
    expect(forTerminal('a\u001b[2Jb\u0007c\rd\u009be')).toBe('a\\x1b[2Jb\\x07c\\x0dd\\x9be');
    expect(forTerminal('rad 1\n\tindrag')).toBe('rad 1\n\tindrag');
    // Text from outside reaches the terminal through every message, e.g. a file name.
    const r = await sgd('validate', path.join(dir, '\u001b[2J\u001b[31mRÖD.xlsx'));
    expect(r.code).toBe(2);
    // eslint-disable-next-line no-control-regex -- asserting the absence of the escape character
    expect(r.stderr).not.toMatch(/\u001b/);
    expect(r.stderr).toContain('\\x1b[2J');
  });
});

describe('fidelity', () => {
  it('reads dates of a 1904 date-system workbook as Excel shows them (date1904="true", as LibreOffice writes it)', async () => {
    const c = corpus.find((x) => x.name === 'a 1904 date-system workbook')!;
    const port = await ExcelJsWorkbook.fromBuffer(await c.build());
    const input = await readWorkbook(port);
    // Written as the 1900 serial of 2018-12-31; in a 1904 workbook Excel shows 1 462 days later.
    expect(input.table!.principals[1].populationDate).toBe('2023-01-01');
  });
});
