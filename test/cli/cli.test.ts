import { execFileSync, spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'fs';
import * as path from 'path';
import { canGraft } from '../../src/xlsx/graft';
import { principalsSheet, xlsx } from '../xlsx';
import { sgd, sha256, tmpDir } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'sgd-handlingsplan-2024.xlsx');

describe('sgd validate', () => {
  it('prints the four errors of the published plan and exits 1', async () => {
    const r = await sgd('validate', EXAMPLE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/TOTAL_MISMATCH\s+'Samlad budget'!C14/);
    expect(r.stdout).toMatch(/^4 fel(,|$)/m);
  });

  it('prints one JSON document with --json, in English with --lang en', async () => {
    const r = await sgd('validate', EXAMPLE, '--json', '--lang', 'en');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['flags']);
    expect(doc.flags.filter((f: { severity: string }) => f.severity === 'error')).toHaveLength(4);
    expect(doc.flags[0]).toEqual({
      code: 'TOTAL_MISMATCH',
      severity: 'error',
      sheet: 'Samlad budget',
      cell: 'C14',
      message: 'SUMMA per verksamhetsår 2024 states SEK 2,100,000, but its lines add up to SEK 1,750,000 (difference SEK 350,000). No other financing is stated as an amount.',
    });
  });
});

describe('financing the tool cannot classify', () => {
  it('SITIV\'s "Omställningsprogrammet" without "finansieras av" is UNKNOWN_FINANCING and exits 1; a plan without it exits 0', async () => {
    const dir = tmpDir();
    const make = async (financing: string) => {
      const file = path.join(dir, `${financing.length}.xlsx`);
      fs.writeFileSync(file, await xlsx([{ name: 'Plan', rows: [['Insatsområde', 'År', 'Finansiering', 'Belopp'], ['Bredband', 2026, financing, 500_000], ['NPÖ', 2026, 'SGD', 70_000]] }, principalsSheet('13', '2023-12-31')]));
      return file;
    };
    const bad = await sgd('validate', await make('Omställningsprogrammet'), '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).flags.map((f: { code: string; cell: string }) => [f.code, f.cell])).toContainEqual(['UNKNOWN_FINANCING', 'C2']);
    const good = await sgd('validate', await make('Finansieras av Omställningsprogrammet'), '--json');
    expect(JSON.parse(good.stdout).flags.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(good.code).toBe(0);
  });
});

describe('sgd allocate', () => {
  it('reports the year amounts, rates and shares as JSON and writes the result workbook', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'resultat.xlsx');
    const before = sha256(EXAMPLE);
    const r = await sgd('allocate', EXAMPLE, '--out', out, '--json', '--year', '2024');
    expect(r.code).toBe(1);
    expect(sha256(EXAMPLE)).toBe(before);
    const doc = JSON.parse(r.stdout);
    expect(doc.years).toHaveLength(1);
    const y = doc.years[0];
    expect([y.year, y.amount, y.rateOrePerInhabitant]).toEqual([2024, 1750000, 61.87]);
    const malmo = y.shares.find((s: { code: string }) => s.code === '1280');
    expect(malmo).toMatchObject({ code: '1280', name: 'Malmö', kind: 'municipality', population: 357377 });
    expect(Object.values(malmo.byArea as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(malmo.amount);
    expect(y.shares.reduce((s: number, x: { amount: number }) => s + x.amount, 0)).toBe(1750000);
    expect(y.shares.find((s: { kind: string }) => s.kind === 'region').amount).toBe(875000);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Samlad budget', 'Huvudmän', 'SGD Fördelning 2024', 'SGD Kontroller', 'SGD Revision']);
    const ws = wb.getWorksheet('SGD Fördelning 2024')!;
    expect(ws.getCell('B3').value).toBe(1750000);
    expect(ws.getCell('B4').value).toBe(61.87);
    expect(ws.getCell('B3').numFmt).toContain('kr');
    const checks = wb.getWorksheet('SGD Kontroller')!;
    // An in-document link (a location, test/xlsx/graft.test.ts), which exceljs reads as its text.
    expect(checks.getCell('D5').value).toBe('C14');
  });

  it('replaces its own sheets on a second run instead of adding more', async () => {
    const dir = tmpDir();
    const first = path.join(dir, 'a.xlsx');
    const second = path.join(dir, 'b.xlsx');
    await sgd('allocate', EXAMPLE, '--out', first);
    await sgd('allocate', first, '--out', second, '--year', '2023');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Samlad budget', 'Huvudmän', 'SGD Fördelning 2023', 'SGD Kontroller', 'SGD Revision']);
  });

  it('never writes over a user sheet that happens to have an owned sheet’s name', async () => {
    const dir = tmpDir();
    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(EXAMPLE);
    src.addWorksheet('SGD Kontroller').getCell('A1').value = 'mina egna anteckningar';
    const input = path.join(dir, 'in.xlsx');
    await src.xlsx.writeFile(input);
    const out = path.join(dir, 'out.xlsx');
    await sgd('allocate', input, '--out', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('SGD Kontroller')!.getCell('A1').value).toBe('mina egna anteckningar');
    expect(wb.getWorksheet('SGD Kontroller (2)')!.getCell('A1').value).toBe('Kontroller');
  });

  it('refuses --out equal to the input, even through another path, and leaves it untouched', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'plan.xlsx');
    fs.copyFileSync(EXAMPLE, input);
    const before = sha256(input);
    const r = await sgd('allocate', input, '--out', path.join(dir, '.', 'plan.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sgd: --out får inte vara indatafilen/);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(sha256(input)).toBe(before);
  });

  it('leaves an existing result intact when the new one cannot be written', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'res.xlsx');
    fs.writeFileSync(out, 'previous result');
    // The real module object: the namespace import above is read-only.
    const rename = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    try {
      const r = await sgd('allocate', EXAMPLE, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sgd: kan inte skriva .*res\.xlsx \(EIO/);
    } finally {
      rename.mockRestore();
    }
    expect(fs.readFileSync(out, 'utf8')).toBe('previous result');
    expect(fs.readdirSync(dir)).toEqual(['res.xlsx']);
  });
});

describe('sgd distribute', () => {
  it('writes nothing from a plan with errors and says why (the published 2024 plan has four)', async () => {
    const dir = tmpDir();
    const r = await sgd('distribute', EXAMPLE, '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['sgd: Planen har 4 fel; inga kommunfiler skrevs. Rätta felen, eller kör med --allow-errors för preliminära filer.']);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('with --allow-errors writes one plain-values workbook per principal, named by code and name, each marked Preliminär with the errors', async () => {
    const dir = tmpDir();
    const r = await sgd('distribute', EXAMPLE, '--out', dir, '--json', '--allow-errors');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.preliminary).toBe(true);
    expect(doc.files).toHaveLength(34);
    const files = fs.readdirSync(dir).sort();
    expect(files).toContain('1280 Malmö.xlsx');
    expect(files).toContain('12 Region Skåne.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '1280 Malmö.xlsx'));
    const ws = wb.worksheets[0];
    let formulas = 0;
    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.formula) formulas++;
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
    expect(formulas).toBeLessThanOrEqual(6); // only the totals rows of its three tables (two years and the period)
    expect(texts).toContain('Kostnadsandel för Malmö (1280)');
    expect(texts.some((t) => t.includes('2022-12-31'))).toBe(true);
    expect(texts).toContain('PRELIMINÄR – planen har fel som inte är rättade:');
    expect(texts.filter((t) => t.startsWith("'Samlad budget'!"))).toHaveLength(4);
  });
});

describe('the installed command', () => {
  const bin = path.join(ROOT, 'bin', 'sgd.js');

  it('runs as a process with real exit codes and a one-line error for bad arguments', () => {
    const ok = spawnSync(process.execPath, [bin, 'validate', EXAMPLE, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(1);
    expect(JSON.parse(ok.stdout).flags.filter((f: { severity: string }) => f.severity === 'error')).toHaveLength(4);
    const bad = spawnSync(process.execPath, [bin, 'allocate', EXAMPLE], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/allocate behöver --out/);
  });

  it('is the package bin "sgd"', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ sgd: 'bin/sgd.js' });
    expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toMatch(/sgd validate/);
  });
});

describe('the totals rows written to files', () => {
  it('carry the exact sums, also in öre', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'ore.xlsx');
    await sgd('allocate', EXAMPLE, '--out', out, '--rounding', 'ore', '--year', '2024');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('SGD Fördelning 2024')!;
    const header = ws.getRow(8).values as unknown[];
    const total = ws.getRow(43).getCell(header.indexOf('Summa')).value as { result: number };
    expect(total.result).toBe(1_750_000);
    const minaPlaner = ws.getRow(43).getCell(header.indexOf('Mina planer')).value as { result: number };
    expect(minaPlaner.result).toBe(500_000);
    // exceljs leaves out a cached 0, so the file asks Excel to recalculate on open.
    const workbookXml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });
});

describe('a file with parts exceljs cannot write', () => {
  it('keeps its chart and pivot table parts byte for byte (grafted result), with no FILE_FEATURES_DROPPED', async () => {
    const dir = tmpDir();
    const zip = await JSZip.loadAsync(fs.readFileSync(EXAMPLE));
    const chart = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    zip.file('xl/charts/chart1.xml', chart);
    zip.file('xl/pivotTables/pivotTable1.xml', '<pivotTableDefinition/>');
    const input = path.join(dir, 'med-diagram.xlsx');
    fs.writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await sgd('allocate', input, '--out', path.join(dir, 'ut.xlsx'), '--json');
    expect(JSON.parse(r.stdout).flags.map((f: { code: string }) => f.code)).not.toContain('FILE_FEATURES_DROPPED');
    const out = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'ut.xlsx')));
    expect(await out.file('xl/charts/chart1.xml')!.async('string')).toBe(chart);
    expect(await out.file('xl/pivotTables/pivotTable1.xml')!.async('string')).toBe('<pivotTableDefinition/>');
  });

  it('a package the graft cannot edit (no styles part) is known before writing (the port then rewrites it and says what is dropped)', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(EXAMPLE));
    expect(await canGraft(await zip.generateAsync({ type: 'uint8array' }))).toBe(true);
    zip.remove('xl/styles.xml');
    expect(await canGraft(await zip.generateAsync({ type: 'uint8array' }))).toBe(false);
  });
});

describe('--fill-population', () => {
  it('fills a missing population from the bundled SCB data only when asked, and says so', async () => {
    const dir = tmpDir();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const hs = wb.getWorksheet('Huvudmän')!;
    const malmoRow = (hs.getColumn(1).values as unknown[]).indexOf('1280');
    hs.getRow(malmoRow).getCell(4).value = null;
    const input = path.join(dir, 'utan-malmo.xlsx');
    await wb.xlsx.writeFile(input);

    const without = JSON.parse((await sgd('validate', input, '--json')).stdout).flags as Array<{ code: string; cell: string }>;
    expect(without).toContainEqual(expect.objectContaining({ code: 'MISSING_POPULATION', cell: `D${malmoRow}` }));

    const r = await sgd('allocate', input, '--out', path.join(dir, 'ut.xlsx'), '--json', '--fill-population', '--year', '2024');
    const doc = JSON.parse(r.stdout);
    const filled = doc.flags.find((f: { code: string }) => f.code === 'POPULATION_FILLED');
    expect(filled).toMatchObject({ severity: 'info', cell: `D${malmoRow}` });
    expect(filled.message).toContain('357\u00a0377 inv per 2022-12-31');
    expect(doc.flags.map((f: { code: string }) => f.code)).not.toContain('MISSING_POPULATION');
    expect(doc.years[0].shares.find((s: { code: string }) => s.code === '1280').population).toBe(357377);
  });
});

describe('sgd follow-up', () => {
  const plan = () =>
    xlsx([
      { name: 'Plan', rows: [['Insatsområde', 'År', 'Finansiering', 'Belopp', 'Utfall'], ['Journal via nätet', 2025, 'SGD', 700_000, 760_000], ['NPÖ', 2025, 'Statsbidrag', 100_000, 90_000]] },
      (() => {
        const s = principalsSheet('13', '2023-12-31');
        s.rows = s.rows.map((r, i) => [...r, i === 0 ? 'Inbetalt 2025' : r[0] === '1380' ? 120_000 : null]);
        return s;
      })(),
    ]);

  it('prints the JSON of the issue: years with basis, areas and shares with budget share, outcome share, paid and settlement', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'plan.xlsx');
    fs.writeFileSync(file, await plan());
    const r = await sgd('follow-up', file, '--json');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['years', 'flags']);
    const y = doc.years[0];
    expect([y.year, y.basis, y.budget, y.outcome]).toEqual([2025, 'outcome', 700_000, 760_000]);
    expect(y.areas).toEqual([{ area: 'Journal via nätet', budget: 700_000, outcome: 760_000, deviation: 60_000, deviationPercent: 8.57 }]);
    expect(y.shares.find((s: { code: string }) => s.code === '1380')).toEqual({ code: '1380', name: 'Halmstad', budgetShare: 107_721, outcomeShare: 116_954, paid: 120_000, settlement: -3_046 });
    expect(y.external).toEqual([{ area: 'NPÖ', amount: 90_000, payer: null }]);
    expect(doc.flags.map((f: { code: string }) => f.code)).toContain('OVER_BUDGET');
    expect(r.code).toBe(1);
  });

  it('writes the report workbook (follow-up and invoice basis beside the budget sheets) and the invoice CSV for Swedish Excel', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'plan.xlsx');
    fs.writeFileSync(file, await plan());
    const out = path.join(dir, 'rapport.xlsx');
    const csv = path.join(dir, 'faktura.csv');
    const r = await sgd('follow-up', file, '--out', out, '--csv', csv);
    // Paid: 700 000 − 107 721 + 120 000 = 712 279; settled 760 000 − 712 279 = 47 721 = 50 767 invoiced − 3 046 refunded.
    expect(r.stdout.replace(/\u00a0/g, ' ')).toMatch(/^2025 \(utfall\): budget 700 000 kr, utfall 760 000 kr; att fakturera 50 767 kr, att återbetala 3 046 kr$/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Plan', 'Huvudmän', 'SGD Fördelning 2025', 'SGD Kontroller', 'SGD Revision', 'SGD Uppföljning 2025', 'SGD Fakturaunderlag']);
    const bytes = fs.readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Kod;Huvudman;År;Belopp;Avser');
    expect(lines).toContain('1380;Halmstad;2025;-3046,00;Avräkning gemensam budget 2025 (utfall)');
    expect(lines).toContain('13;Region Halland;2025;30000,00;Avräkning gemensam budget 2025 (utfall)');
  });
});

describe('sgd distribute --follow-up', () => {
  it('each municipality file carries its own follow-up of the year: budget share, outcome share, paid and settlement, with the basis', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'plan.xlsx');
    const sheet = principalsSheet('13', '2023-12-31');
    sheet.rows = sheet.rows.map((r, i) => [...r, i === 0 ? 'Inbetalt 2025' : r[0] === '1380' ? 120_000 : null]);
    fs.writeFileSync(file, await xlsx([{ name: 'Plan', rows: [['Insatsområde', 'År', 'Finansiering', 'Belopp', 'Utfall'], ['Journal via nätet', 2025, 'SGD', 700_000, 690_000]] }, sheet]));
    const r = await sgd('distribute', file, '--out', path.join(dir, 'filer'), '--follow-up');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'filer', '1380 Halmstad.xlsx'));
    const ws = wb.worksheets[0];
    const beside = (label: string) => {
      let v: unknown;
      ws.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(beside('Underlag')).toBe('utfall');
    expect(beside('Er budgetandel')).toBe(107_721);
    expect(beside('Inbetalt')).toBe(120_000);
    // By hand: 345 000 × 105 796 / 343 746 = 106 181,95… → 106 182 (largest remainder); settlement 106 182 − 120 000.
    expect(beside('Er andel av utfallet')).toBe(106_182);
    expect(beside('Avräkning (+ faktureras er, − återbetalas till er)')).toBe(106_182 - 120_000);
  });
});
