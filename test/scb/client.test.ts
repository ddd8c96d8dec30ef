import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { populationDatasets } from '../../src/engine/reference';
import { fetchCountyPopulation, regionValues, scbQuery, ScbError } from '../../src/scb/client';
import { sgd } from '../cli/helpers';
import { countyResponse, REAL_V2 } from './fixtures';

/**
 * The SCB client against a local server on 127.0.0.1 that replays
 * responses: the real v2 JSON-stat 2 response recorded in
 * ../shared/data/scb-api (rOpenGov/pxweb's fixture), and a county response
 * in that same shape whose figures are SCB's own for Halland 2023-12-31
 * (data/reference, sources in SOURCES.md): no figure is made up. Also an
 * error, a refusal, a timeout and a malformed body. No test reaches SCB.
 */
type Reply = { status: number; body: string } | 'hang';

async function replay(replies: Reply[]): Promise<{ url: string; requests: Array<{ url: string; body: unknown }>; close: () => Promise<void> }> {
  const requests: Array<{ url: string; body: unknown }> = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body: data ? JSON.parse(data) : null });
      const r = replies[Math.min(requests.length - 1, replies.length - 1)];
      if (r === 'hang') return;
      res.writeHead(r.status, { 'Content-Type': 'application/json' });
      res.end(r.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/api/v2`, requests, close: () => new Promise((ok) => (server.closeAllConnections(), server.close(() => ok()))) };
}

const fast = { retryDelaysMs: [1, 1], timeoutMs: 2_000 };

/** The CLI runs in-process: SCB's address for it comes from SGD_SCB_URL (a test's replay server). */
async function withScb<T>(url: string, fn: () => Promise<T>): Promise<T> {
  process.env.SGD_SCB_URL = url;
  try {
    return await fn();
  } finally {
    delete process.env.SGD_SCB_URL;
  }
}

describe('the SCB client', () => {
  it('reads the real recorded JSON-stat 2 response (Riket, 50 937)', () => {
    expect(regionValues(REAL_V2)('00')).toBe(50_937);
    expect(regionValues(REAL_V2)('13')).toBeNull();
  });

  it('asks once per county for every municipality and the county, folkmängd, 31 December of the year; the figures are the response\'s', async () => {
    const server = await replay([{ status: 200, body: JSON.stringify(countyResponse('13', '2023-12-31')) }]);
    try {
      const p = await fetchCountyPopulation('13', 2023, { ...fast, baseUrl: server.url, now: () => new Date('2025-02-20T10:15:00Z') });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].url).toBe('/api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2');
      expect(server.requests[0].body).toEqual(scbQuery('13', 2023));
      expect(p.municipalities.map((m) => [m.code, m.population])).toEqual([...populationDatasets('13').find((d) => d.date === '2023-12-31')!.rows].sort((a, b) => a[0].localeCompare(b[0])));
      expect([p.date, p.countyTotal]).toEqual(['2023-12-31', 343_746]);
      expect(p.source).toBe(`SCB, folkmängd 31 december 2023, tabell TAB638 (${server.url}/tables/TAB638/data), hämtad 2025-02-20 10:15`);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['a server error', 'http', 3, [{ status: 500, body: '{}' }]],
    ['a refusal by the rate limit (403)', 'refused', 3, [{ status: 403, body: '' }]],
    ['a malformed body', 'malformed', 1, [{ status: 200, body: '<html>Underhåll</html>' }]],
    ['a response without a municipality', 'missing', 1, [{ status: 200, body: JSON.stringify(REAL_V2) }]],
  ] as Array<[string, string, number, Reply[]]>)('%s: ScbError "%s" after %s request(s), no figures', async (_n, problem, count, replies) => {
    const server = await replay(replies);
    try {
      const e = await fetchCountyPopulation('13', 2023, { ...fast, baseUrl: server.url }).catch((x) => x);
      expect(e).toBeInstanceOf(ScbError);
      expect(e.problem).toBe(problem);
      expect(server.requests).toHaveLength(count);
    } finally {
      await server.close();
    }
  });

  it('a server that does not answer: a timeout, retried twice with waits', async () => {
    const server = await replay(['hang']);
    const waits: number[] = [];
    try {
      const e = await fetchCountyPopulation('13', 2023, { baseUrl: server.url, timeoutMs: 150, retryDelaysMs: [10_000, 20_000], sleep: async (ms) => void waits.push(ms) }).catch((x) => x);
      expect(e.problem).toBe('timeout');
      expect(waits).toEqual([10_000, 20_000]);
    } finally {
      await server.close();
    }
  });

  it('succeeds on a retry after a refusal, as SCB\'s ten-per-ten-seconds rule allows', async () => {
    const server = await replay([{ status: 429, body: '' }, { status: 200, body: JSON.stringify(countyResponse('13', '2023-12-31')) }]);
    try {
      const p = await fetchCountyPopulation('13', 2023, { ...fast, baseUrl: server.url });
      expect(p.municipalities).toHaveLength(6);
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

describe('sgd population', () => {
  it('writes a CSV for Swedish Excel with the region as the sum of its municipalities and the source; the figures are the response\'s', async () => {
    const server = await replay([{ status: 200, body: JSON.stringify(countyResponse('13', '2023-12-31')) }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-scb-'));
    try {
      const out = path.join(dir, 'folk.csv');
      const r = await withScb(server.url, () => sgd('population', '--county', '13', '--year', '2023', '--out', out));
      expect(r.code).toBe(0);
      const lines = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('Kod;Namn;Typ;Folkmängd 2023-12-31;Datum;Källa');
      expect(lines[1]).toMatch(/^13;Region Halland;Region;343746;2023-12-31;SCB, folkmängd 31 december 2023, tabell TAB638/);
      expect(lines.find((l) => l.startsWith('1380;'))).toMatch(/^1380;Halmstad;Kommun;105796;2023-12-31;/);
    } finally {
      await server.close();
    }
  });

  it('POPULATION_MISMATCH when SCB\'s county total differs from the sum of its municipalities (exit 1)', async () => {
    const server = await replay([{ status: 200, body: JSON.stringify(countyResponse('13', '2023-12-31', 343_747)) }]);
    try {
      const r = await withScb(server.url, () => sgd('population', '--county', '13', '--year', '2023'));
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/POPULATION_MISMATCH: SCB anger länet till 343.747 inv, men kommunerna summerar till 343.746 inv/);
    } finally {
      await server.close();
    }
  });

  it('needs a county and one year: exit 2, one line', async () => {
    const r = await sgd('population', '--year', '2023');
    expect([r.code, r.stderr]).toEqual([2, 'sgd: population behöver --county och ett --year (sgd --help)']);
  });

  it('offline: a clear Swedish message, exit 2, nothing written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-scb-'));
    const out = path.join(dir, 'folk.csv');
    // A port nothing listens on.
    const server = await replay([{ status: 200, body: '' }]);
    const url = server.url;
    await server.close();
    const r = await withScb(url, () => sgd('population', '--county', '13', '--year', '2023', '--out', out));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('sgd: kunde inte nå SCB (statistikdatabasen.scb.se); inget ändrades. Är datorn ansluten till internet?');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('sgd population --into: a dated column in a copy of the plan', () => {
  const HALLAND = path.join(__dirname, '..', 'golden', 'halland-cehis-2024.xlsx');

  async function partsOf(file: string): Promise<Map<string, Buffer>> {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const out = new Map<string, Buffer>();
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir)) out.set(name, await zip.file(name)!.async('nodebuffer'));
    return out;
  }

  it('writes "Folkmängd 2022-12-31 (SCB)" beside the table, the figures the response\'s, the source below; every other part and cell unchanged', async () => {
    const server = await replay([{ status: 200, body: JSON.stringify(countyResponse('13', '2022-12-31')) }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-scb-'));
    const before = fs.readFileSync(HALLAND);
    try {
      const out = path.join(dir, 'halland-ny.xlsx');
      const r = await withScb(server.url, () => sgd('population', '--county', '13', '--year', '2022', '--into', HALLAND, '--out', out));
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toBe(`Skrev ${out}: kolumnen "Folkmängd 2022-12-31 (SCB)" i bladet Huvudmän, kolumn F (7 huvudmän)`);
      expect(server.requests).toHaveLength(1);
      // The input is never changed.
      expect(fs.readFileSync(HALLAND).equals(before)).toBe(true);

      const [a, b] = await Promise.all([partsOf(HALLAND), partsOf(out)]);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      // Only the principals sheet's part changed, and the workbook part by one attribute (Excel recalculates on opening).
      const changed = [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!));
      expect(changed.sort()).toEqual(['xl/workbook.xml', 'xl/worksheets/sheet2.xml']);
      expect(b.get('xl/workbook.xml')!.toString().replace(/ fullCalcOnLoad="1"/, '')).toBe(a.get('xl/workbook.xml')!.toString().replace(/ fullCalcOnLoad="1"/, ''));

      // Read back by openpyxl, a client of its own: the user's cells as they were, the new column the response's figures.
      // LibreOffice opens it and saves it again: the client of the officers who have no Excel.
      const loDir = path.join(dir, 'lo');
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', loDir, out], { stdio: 'pipe', timeout: 120_000 });
      const viaLo = path.join(loDir, 'halland-ny.xlsx');
      const dump = JSON.parse(
        execFileSync('/usr/bin/python3', ['-c', `
import json, sys, warnings, openpyxl
warnings.simplefilter('error')
out = {}
for f in sys.argv[1:]:
    ws = openpyxl.load_workbook(f)['Huvudmän']
    out[f] = [[c for c in row] for row in ws.iter_rows(values_only=True)]
print(json.dumps(out, default=str))
`, HALLAND, out, viaLo]).toString(),
      );
      const [rowsIn, rowsOut] = [dump[HALLAND], dump[out]];
      expect(dump[viaLo]).toEqual(rowsOut);
      rowsIn.forEach((row: unknown[], i: number) => expect(rowsOut[i].slice(0, row.length)).toEqual(row));
      expect(rowsOut[0][5]).toBe('Folkmängd 2022-12-31 (SCB)');
      const ds = populationDatasets('13').find((d) => d.date === '2022-12-31')!;
      const expected = new Map(ds.rows);
      for (const row of rowsOut.slice(1, 8)) expect(row[5]).toBe(row[0] === '13' ? ds.rows.reduce((s, [, p]) => s + p, 0) : expected.get(String(row[0])));
      expect(rowsOut[10][5]).toMatch(/^Källa för Folkmängd 2022-12-31 \(SCB\): SCB, folkmängd 31 december 2022, tabell TAB638 \(http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tables\/TAB638\/data\), hämtad 2026-01-01 12:00$/);

      // The plan still reads: both columns dated, no POPULATION_DATE, and 2024 still uses the figure dated 2023-12-31.
      const [v1, v2] = await Promise.all([sgd('validate', HALLAND, '--json'), sgd('validate', out, '--json')]);
      expect(JSON.parse(v2.stdout).flags.map((f: { code: string }) => f.code)).toEqual(JSON.parse(v1.stdout).flags.map((f: { code: string }) => f.code));
      const [s1, s2] = await Promise.all([sgd('allocate', HALLAND, '--out', path.join(dir, 'r1.xlsx'), '--json'), sgd('allocate', out, '--out', path.join(dir, 'r2.xlsx'), '--json')]);
      expect(JSON.parse(s2.stdout).years).toEqual(JSON.parse(s1.stdout).years);
    } finally {
      await server.close();
    }
  });

  it('a plan that already has the date: exit 2, one line, no request made, nothing written', async () => {
    const server = await replay([{ status: 200, body: JSON.stringify(countyResponse('13', '2023-12-31')) }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-scb-'));
    try {
      const out = path.join(dir, 'halland-ny.xlsx');
      const r = await withScb(server.url, () => sgd('population', '--county', '13', '--year', '2023', '--into', HALLAND, '--out', out));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('sgd: Huvudmannatabellen har redan folkmängd per 2023-12-31 (Region Halland); inget ändrades. Ta bort eller byt namn på den kolumnen för att hämta igen.');
      expect(fs.existsSync(out)).toBe(false);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('offline: the message, exit 2, no file; --into without --out and --out the plan itself are refused before any request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-scb-'));
    const out = path.join(dir, 'ny.xlsx');
    const server = await replay([{ status: 200, body: '' }]);
    const url = server.url;
    await server.close();
    const r = await withScb(url, () => sgd('population', '--county', '13', '--year', '2022', '--into', HALLAND, '--out', out));
    expect([r.code, r.stderr]).toEqual([2, 'sgd: kunde inte nå SCB (statistikdatabasen.scb.se); inget ändrades. Är datorn ansluten till internet?']);
    expect(fs.existsSync(out)).toBe(false);
    expect((await sgd('population', '--county', '13', '--year', '2022', '--into', HALLAND)).stderr).toBe('sgd: population --into behöver --out (en ny fil; planen ändras aldrig) (sgd --help)');
    const copy = path.join(dir, 'plan.xlsx');
    fs.copyFileSync(HALLAND, copy);
    expect((await sgd('population', '--county', '13', '--year', '2022', '--into', copy, '--out', copy)).code).toBe(2);
    expect(fs.readFileSync(copy).equals(fs.readFileSync(HALLAND))).toBe(true);
    expect((await sgd('validate', HALLAND, '--into', HALLAND)).stderr).toMatch(/okänd flagga --into/);
  });
});
