/**
 * `npm run bench`: throughput of the exact engine against a float baseline run
 * in the same process, on the same work, and whole-process times of the CLI.
 * Figures are ratios against the baseline, so they mean the same on any machine.
 *
 * Weights: the SCB 2022-12-31 populations of Region Skåne and its 33
 * municipalities, repeated to make 311 and 3 000 principals (benchmark work,
 * not population figures).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allocateYear } from '../src/engine/allocate';
import { apportion, apportionInto, weightSet } from '../src/engine/apportion';
import { WeightBook } from '../src/engine/models';
import type { ModelSpec, PlanLine, Principal } from '../src/engine/types';
import { D } from '../src/engine/decimal';
import { populationDatasets } from '../src/engine/reference';
import { projectRoot } from '../scripts/paths';
import { rng } from '../scripts/random';
import { RangeCache, shareCore } from '../src/functions/core';
import * as zlib from 'zlib';

const ROOT = projectRoot();
const results: Record<string, unknown> = {};


const skane = populationDatasets('12').find((d) => d.date === '2022-12-31')!;
const skaneWeights = [skane.rows.reduce((s, [, p]) => s + p, 0), ...skane.rows.map(([, p]) => p)];
const weightsFor = (n: number) => Array.from({ length: n }, (_, i) => skaneWeights[i % skaneWeights.length]);
const codesFor = (n: number) => Array.from({ length: n }, (_, i) => String(10000 + i));

/**
 * Milliseconds per call of fn: repeated until a sample lasts at least 50 ms,
 * best of `reps` samples, after a warm-up, so short runs are not noise.
 */
function time(fn: () => void, reps = 5): number {
  fn();
  let inner = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < inner; k++) fn();
    if (Number(process.hrtime.bigint() - t0) / 1e6 >= 50 || inner >= 1 << 16) break;
    inner *= 2;
  }
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < inner; k++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6 / inner);
  }
  return best;
}

const fmt = (x: number, d = 1) => x.toLocaleString('sv-SE', { maximumFractionDigits: d, minimumFractionDigits: d });

function benchSplits(): void {
  console.log('\n1. Splitting 1 000 budget lines (largest remainder, whole kronor)');
  console.log('   principals   exact ms   float ms   exact/float   exact shares/s   float misses (kr over 1 000 lines)');
  const LINES = 1000;
  const r = rng(7);
  const amounts = Array.from({ length: LINES }, () => Math.floor(r() * 5_000_000));
  const rows: Array<{ n: number; exact: number; float: number; missed: number }> = [];
  for (const n of [34, 311, 3000]) {
    const w = weightsFor(n);
    const set = weightSet(w, codesFor(n));
    const W = w.reduce((a, b) => a + b, 0);
    // Both write each line's n shares into an array they own, as a real table would.
    const shares = new Float64Array(n);
    const extra = new Uint8Array(n);
    let sink = 0;
    const exact = time(() => {
      for (const a of amounts) {
        apportionInto(a, set, shares, extra);
        sink += shares[0];
      }
    });
    let missed = 0;
    const float = time(() => {
      missed = 0;
      for (const a of amounts) {
        let s = 0;
        for (let i = 0; i < n; i++) s += shares[i] = Math.round((a * w[i]) / W);
        missed += Math.abs(s - a);
      }
    });
    if (sink < 0) console.log('');
    rows.push({ n, exact, float, missed });
    console.log(
      `   ${String(n).padStart(10)} ${fmt(exact).padStart(10)} ${fmt(float).padStart(10)} ${fmt(exact / float, 2).padStart(13)} ${fmt((n * LINES) / (exact / 1000), 0).padStart(16)}   ${missed}`,
    );
  }
  const growth1 = rows[1].exact / rows[0].exact;
  const growth2 = rows[2].exact / rows[1].exact;
  console.log(`   growth of exact time: 34→311 principals ×${fmt(growth1, 2)} (9,1× more), 311→3 000 ×${fmt(growth2, 2)} (9,6× more); target ≤ 12×`);
  console.log(`   target exact ≤ 3× float: ${rows.map((x) => `${x.n}: ${fmt(x.exact / x.float, 2)}×`).join(', ')}`);
  results.splits = rows.map((x) => ({ ...x, ratio: x.exact / x.float }));
  results.growth = { '34to311': growth1, '311to3000': growth2 };
}

function benchTable(): void {
  console.log('\n2. Cost table 311 principals × 50 focus areas × 5 years');
  const n = 311;
  const w = weightsFor(n);
  const principals: Principal[] = w.map((p, i) => ({
    code: String(10000 + i),
    name: `P${i}`,
    kind: 'municipality',
    population: new D(p),
    populationDate: null,
    populationSource: null,
    keys: {},
    ref: null,
    populationRef: null,
  }));
  const r = rng(11);
  const years = [2026, 2027, 2028, 2029, 2030];
  const lines: PlanLine[][] = years.map((year) =>
    Array.from({ length: 50 }, (_, j) => ({
      area: `Område ${j}`,
      year,
      financing: 'joint' as const,
      model: null,
      amount: new D(Math.floor(r() * 3_000_000)),
      outcome: null,
      forecast: null,
      coFinancing: null,
      externalDeduction: null,
      payer: null,
      refs: { area: null, amount: null },
    })),
  );
  const model: ModelSpec = { kind: 'per-capita' };
  const controlled = time(() => {
    const book = new WeightBook(principals);
    for (let y = 0; y < years.length; y++) allocateYear(years[y], lines[y], book, model, { rounding: 'kr' });
  }, 3);
  const set = weightSet(w, codesFor(n));
  const plain = time(() => {
    for (let y = 0; y < years.length; y++) for (const l of lines[y]) apportion(l.amount.toNumber(), set);
  }, 3);
  // How far the plain per-area rounding is from cross-footing.
  let offRows = 0;
  for (let y = 0; y < years.length; y++) {
    const total = lines[y].reduce((s, l) => s + l.amount.toNumber(), 0);
    const rowTargets = apportion(total, set)!.shares;
    const sums = new Float64Array(n);
    for (const l of lines[y]) apportion(l.amount.toNumber(), set)!.shares.forEach((v, i) => (sums[i] += v));
    for (let i = 0; i < n; i++) if (sums[i] !== rowTargets[i]) offRows++;
  }
  console.log(`   controlled rounding (rows and columns exact): ${fmt(controlled)} ms`);
  console.log(`   plain largest remainder per area (columns only): ${fmt(plain)} ms; ratio ${fmt(controlled / plain, 1)}×`);
  console.log(`   plain per-area rounding leaves ${offRows} of ${n * years.length} principal-years not adding up to their share`);
  results.table = { controlled, plain, ratio: controlled / plain, offRows, rows: n * years.length };
}

function benchCli(): void {
  console.log('\n3. Whole process, bundled example (34 principals, 2 years), median of 5');
  const bin = path.join(ROOT, 'bin', 'sgd.js');
  const plan = path.join(ROOT, 'examples', 'sgd-handlingsplan-2024.xlsx');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-bench-'));
  const median = (argv: string[]) => {
    const ts: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = process.hrtime.bigint();
      const p = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
      ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (p.status !== 0 && p.status !== 1) throw new Error(p.stderr);
    }
    return ts.sort((a, b) => a - b)[2];
  };
  const node = median(['--help']);
  const validate = median(['validate', plan]);
  const allocate = median(['allocate', plan, '--out', path.join(dir, 'r.xlsx')]);
  // The example has the published plan's four errors: --allow-errors, or no files are written at all.
  const distribute = median(['distribute', plan, '--out', path.join(dir, 'files'), '--allow-errors']);
  const followUp = median(['follow-up', plan, '--out', path.join(dir, 'u.xlsx')]);
  console.log(`   sgd --help (Node start-up): ${fmt(node, 0)} ms`);
  console.log(`   sgd validate:   ${fmt(validate, 0)} ms`);
  console.log(`   sgd allocate:   ${fmt(allocate, 0)} ms`);
  console.log(`   sgd distribute: ${fmt(distribute, 0)} ms (34 workbooks, --allow-errors)`);
  console.log(`   sgd follow-up:  ${fmt(followUp, 0)} ms (with --out)`);
  results.cli = { node, validate, allocate, distribute, followUp };
}

function benchFunctions(): void {
  console.log('\n4. 10 000 SGD.SHARE calls over one 311-row principals range (a column of SHARE cells)');
  const n = 311;
  const w = weightsFor(n);
  const range: unknown[][] = [['Kod', 'Typ', 'Folkmängd'], ['12', 'Region', w.slice(1).reduce((a, b) => a + b, 0)], ...w.slice(1).map((p, i) => [String(1000 + i), 'Kommun', p])];
  const codes = range.slice(1).map((r) => r[0]);
  const CALLS = 10_000;
  // Excel hands every call a fresh copy of the range.
  const copies = Array.from({ length: 50 }, () => range.map((r) => r.slice()));
  const run = (cacheFor: () => RangeCache) => {
    let sum = 0;
    for (let k = 0; k < CALLS; k++) {
      const v = shareCore(cacheFor(), 1_750_000, codes[k % codes.length], copies[k % copies.length]);
      if (typeof v === 'number') sum += v;
    }
    return sum;
  };
  const shared = new RangeCache();
  const cached = time(() => void run(() => shared), 3);
  const uncached = time(() => void run(() => new RangeCache()), 1);
  console.log(`   cached by content: ${fmt(cached)} ms (target ≤ 200 ms); uncached: ${fmt(uncached)} ms; ${fmt(uncached / cached, 0)}× faster`);
  results.functions = { cached, uncached, calls: CALLS, rows: n };
}

function gz(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function benchBundles(): void {
  console.log('\n5. Bundle sizes (npm run build, gzipped)');
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'functions.js'))) {
    console.log('   dist/ is missing; run npm run build');
    return;
  }
  const kb = (b: number) => `${fmt(b / 1024)} KB`;
  const scripts = (html: string) => [...fs.readFileSync(path.join(dist, html), 'utf8').matchAll(/src="?([\w./-]+\.js)"?/g)].map((m) => m[1]).filter((s) => !s.startsWith('http'));
  const functions = gz(path.join(dist, 'functions.js'));
  const pane = scripts('taskpane.html').reduce((s, f) => s + gz(path.join(dist, f)), 0);
  const browser = scripts('browser.html').reduce((s, f) => s + gz(path.join(dist, f)), 0);
  const lazy = fs.readdirSync(path.join(dist, 'chunks')).filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(path.join(dist, 'chunks', f)), 0);
  const worker = fs.existsSync(path.join(dist, 'worker.js')) ? gz(path.join(dist, 'worker.js')) : 0;
  console.log(`   functions.js: ${kb(functions)} (target ≤ 60 KB)`);
  console.log(`   task pane initial JS (taskpane.js + functions.js): ${kb(pane)} (target ≤ 400 KB)`);
  console.log(`   browser page initial JS: ${kb(browser)}; loaded on demand (exceljs, jszip): ${kb(lazy)}; its Web Worker (started with the first file): ${kb(worker)}`);
  results.bundles = { functions, pane, browser, lazy, worker };
}

async function benchPageLoad(): Promise<void> {
  console.log('\n6. Page load to an interactive pane, browser.html in Debian Chromium, median of 5');
  if (!fs.existsSync('/usr/bin/chromium') || !fs.existsSync(path.join(ROOT, 'dist', 'browser.html'))) {
    console.log('   needs /usr/bin/chromium and dist/; skipped');
    return;
  }
  const { chromium } = await import('playwright-core');
  const { serveDist } = await import('../test/e2e/server');
  const server = await serveDist(path.join(ROOT, 'dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  const times: number[] = [];
  try {
    for (let k = 0; k < 5; k++) {
      const context = await browser.newContext({ locale: 'sv-SE' });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(server.url + 'browser.html');
      await page.getByRole('button', { name: 'Validera budget' }).waitFor({ state: 'visible' });
      times.push(Date.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const median = times.sort((a, b) => a - b)[2];
  console.log(`   ${median} ms (runs: ${times.join(', ')} ms)`);
  results.pageLoad = { median, times };
}

async function main(): Promise<void> {
  console.log(`SGD benchmarks — Node ${process.version}, ${os.cpus().length} cores`);
  benchSplits();
  benchTable();
  benchCli();
  benchFunctions();
  benchBundles();
  await benchPageLoad();
  const out = path.join(ROOT, 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify(results, null, 2));
  console.log(`\nFigures also in ${path.relative(process.cwd(), path.join(out, 'bench.json'))}`);
}

main();
