import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { principalsSheet, SheetDef, xlsx } from '../xlsx';
import { sgd, sha256, tmpDir } from './helpers';

/**
 * Broken workbooks: each must give flags (exit 1, or 0 with warnings) or a
 * one-line exit 2, never an uncaught exception, and the input's bytes stay
 * the same through validate, allocate and distribute.
 */

const plan = (rows: unknown[][], header = ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp']): SheetDef => ({
  name: 'Plan',
  rows: [header, ...rows],
});
const skane = principalsSheet('12', '2022-12-31');
const halland = (extraHeader: string[] = [], extra: unknown[][] = []): SheetDef => ({
  name: 'Huvudmän',
  rows: [
    ['Kod', 'Namn', 'Typ', 'Folkmängd', ...extraHeader],
    ['13', 'Region Halland', 'Region', 342805, ...(extra[0] ?? [])],
    ['1315', 'Hylte', 'Kommun', 10464, ...(extra[1] ?? [])],
    ['1380', 'Halmstad', 'Kommun', 105148, ...(extra[2] ?? [])],
    ['1381', 'Laholm', 'Kommun', 26575, ...(extra[3] ?? [])],
    ['1382', 'Falkenberg', 'Kommun', 47017, ...(extra[4] ?? [])],
    ['1383', 'Varberg', 'Kommun', 67800, ...(extra[5] ?? [])],
    ['1384', 'Kungsbacka', 'Kommun', 85801, ...(extra[6] ?? [])],
  ],
});
const ok = ['X', 2025, 'SGD', '', 100_000];

interface Case {
  name: string;
  /** Sheets of the workbook, or raw bytes for files that are not workbooks. */
  sheets?: SheetDef[];
  bytes?: Buffer;
  /** Flag codes that must appear (exit 1 when one of them is an error). */
  flags?: string[];
  /** Exit code of validate when no flags are listed. */
  exit?: number;
}

const cases: Case[] = [
  { name: 'a workbook with one empty sheet', sheets: [{ name: 'Blad1', rows: [] }], flags: ['NO_PLAN'] },
  { name: 'a plan header without lines', sheets: [plan([]), skane], flags: ['NO_PLAN'] },
  { name: 'text in an amount', sheets: [plan([ok, ['Y', 2025, 'SGD', '', 'hundra tusen']]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a #REF! error in an amount', sheets: [plan([ok, ['Y', 2025, 'SGD', '', null]]), skane].map((s, i) => (i === 0 ? { ...s, raw: { E3: { error: '#REF!' } as ExcelJS.CellErrorValue } } : s)), flags: ['BAD_AMOUNT'] },
  { name: 'a formula whose result is #DIV/0!', sheets: [{ ...plan([ok, ['Y', 2025, 'SGD', '', null]]), raw: { E3: { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue } }, skane], flags: ['BAD_AMOUNT'] },
  { name: 'a formula without a computed value', sheets: [{ ...plan([ok, ['Y', 2025, 'SGD', '', null]]), raw: { E3: { formula: 'SUM(E2:E2)' } as ExcelJS.CellFormulaValue } }, skane], flags: ['FORMULA_WITHOUT_VALUE'] },
  { name: 'text "#N/A" typed in an amount', sheets: [plan([ok, ['Y', 2025, 'SGD', '', '#N/A']]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a date in an amount', sheets: [plan([ok, ['Y', 2025, 'SGD', '', new Date('2025-01-01')]]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a boolean in an amount', sheets: [plan([ok, ['Y', 2025, 'SGD', '', true]]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a huge number', sheets: [plan([ok, ['Y', 2025, 'SGD', '', 1e20]]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a huge number as text', sheets: [plan([ok, ['Y', 2025, 'SGD', '', '999 999 999 999 999 999 kr']]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'fractions of an öre', sheets: [plan([ok, ['Y', 2025, 'SGD', '', '100,005']]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a negative amount (a credit)', sheets: [plan([ok, ['Kreditering', 2025, 'SGD', '', -20_000]]), skane], flags: ['NEGATIVE_AMOUNT'], exit: 0 },
  { name: 'an amount on a row without a focus area', sheets: [plan([ok, [null, 2025, 'SGD', '', 5000]]), skane], flags: ['BAD_AMOUNT'] },
  { name: 'a missing year', sheets: [plan([ok, ['Y', null, 'SGD', '', 5000]]), skane], flags: ['MISSING_YEAR'] },
  { name: 'a year written as a word', sheets: [plan([ok, ['Y', 'nästa år', 'SGD', '', 5000]]), skane], flags: ['MISSING_YEAR'] },
  { name: 'an unknown model', sheets: [plan([['Y', 2025, 'SGD', 'magisk', 5000]]), skane], flags: ['UNKNOWN_MODEL'] },
  { name: 'no principals sheet', sheets: [plan([ok])], flags: ['NO_PRINCIPALS'] },
  { name: 'a duplicate principal', sheets: [plan([ok]), { ...skane, rows: [...skane.rows, skane.rows[5]] }], flags: ['DUPLICATE_PRINCIPAL'] },
  { name: 'a zero population', sheets: [plan([ok]), { ...skane, rows: skane.rows.map((r, i) => (i === 3 ? [r[0], r[1], r[2], 0, r[4]] : r)) }], flags: ['MISSING_POPULATION', 'POPULATION_MISMATCH'] },
  { name: 'a negative population', sheets: [plan([ok]), { ...skane, rows: skane.rows.map((r, i) => (i === 3 ? [r[0], r[1], r[2], -5, r[4]] : r)) }], flags: ['BAD_AMOUNT', 'MISSING_POPULATION'] },
  { name: 'a population that is text', sheets: [plan([ok]), { ...skane, rows: skane.rows.map((r, i) => (i === 3 ? [r[0], r[1], r[2], 'många', r[4]] : r)) }], flags: ['BAD_AMOUNT', 'MISSING_POPULATION'] },
  { name: 'an unknown municipality code', sheets: [plan([ok]), { ...skane, rows: [...skane.rows, ['9999', 'Påhittad', 'Kommun', 1000, '2022-12-31']] }], flags: ['UNKNOWN_CODE', 'PRINCIPAL_COUNT'] },
  { name: 'too few principals', sheets: [plan([ok]), { ...skane, rows: skane.rows.slice(0, 20) }], flags: ['PRINCIPAL_COUNT', 'POPULATION_MISMATCH'] },
  { name: 'no region under the 1:1 model', sheets: [plan([ok]), { ...skane, rows: [skane.rows[0], ...skane.rows.slice(2)] }], flags: ['NO_REGION'] },
  { name: 'percentages that do not add up to 100', sheets: [plan([['Y', 2025, 'SGD', 'procent', 70_000]]), halland(['Andel %'], [[40], [10], [10], [10], [10], [10], [5]])], flags: ['PERCENT_SUM'] },
  { name: 'co-financing above 100 %', sheets: [plan([['Y', 2025, 'SGD', 'medfinansiering 150 %', 70_000]]), halland()], flags: ['CO_FINANCING_RANGE'] },
  { name: 'a co-financing participant who is not a principal', sheets: [plan([['Y', 2025, 'medfinansiering 50 %', '', 70_000, 'Göteborg']], ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Deltagare']), halland()], flags: ['UNKNOWN_PARTICIPANT'] },
  { name: 'a key column that does not exist', sheets: [plan([['Y', 2025, 'SGD', 'nyckel: Licenser', 70_000]]), halland()], flags: ['MISSING_KEY'] },
  { name: 'a key column of zeros', sheets: [plan([['Y', 2025, 'SGD', 'nyckel: Licenser', 70_000]]), halland(['Licenser'], [[0], [0], [0], [0], [0], [0], [0]])], flags: ['ZERO_WEIGHT'] },
  { name: 'an unknown kind of principal', sheets: [plan([ok]), { ...skane, rows: skane.rows.map((r, i) => (i === 4 ? [r[0], r[1], 'Förbund', r[3], r[4]] : r)) }], flags: ['UNKNOWN_KIND'], exit: 0 },
  { name: 'the same BUDGET year twice (wide)', sheets: [{ name: 'Budget', rows: [['Insatsområde', 'BUDGET 2024', 'BUDGET 2024'], ['X', 100, 200]] }, skane], flags: ['DUPLICATE_YEAR'] },
  { name: 'merged cells over data rows', sheets: [{ name: 'Budget', rows: [['Insatsområde', 'BUDGET 2024'], ['X', 100_000], [null, 50_000], ['Y', 10_000]], merges: ['A2:A3'] }, skane], flags: ['BAD_AMOUNT'] },
  { name: 'names starting with = (formula injection)', sheets: [plan([['=HYPERLINK("http://x","klicka")', 2025, 'SGD', '', 1000]]), { ...skane, rows: skane.rows.map((r, i) => (i === 3 ? [r[0], '=cmd|\' /C calc\'!A0', r[2], r[3], r[4]] : r)) }], exit: 0 },
  { name: 'region population not the sum of its municipalities', sheets: [plan([ok]), { ...skane, rows: skane.rows.map((r, i) => (i === 1 ? [r[0], r[1], r[2], 1_400_000, r[4]] : r)) }], flags: ['POPULATION_MISMATCH'] },
  { name: 'a text file named .xlsx', bytes: Buffer.from('Insatsområde;Belopp\nX;100\n'), exit: 2 },
  { name: 'a truncated .xlsx', bytes: Buffer.alloc(0), exit: 2 },
  { name: 'an old binary .xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), exit: 2 },
  { name: 'a zip that is not a workbook', bytes: Buffer.from('504b0506000000000000000000000000000000000000', 'hex'), exit: 2 },
];

describe('broken workbooks', () => {
  const dir = tmpDir('sgd-broken-');
  let truncated: Buffer;
  beforeAll(async () => {
    truncated = (await xlsx([plan([ok]), skane])).subarray(0, 3000);
  });

  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = path.join(dir, `${cases.indexOf(c)}.xlsx`);
    const bytes = c.bytes ? (c.name === 'a truncated .xlsx' ? truncated : c.bytes) : await xlsx(c.sheets!);
    fs.writeFileSync(file, bytes);
    const before = sha256(file);

    const v = await sgd('validate', file, '--json');
    if (c.exit === 2) {
      expect(v.code).toBe(2);
      expect(v.stderr.split('\n')).toHaveLength(1);
      expect(v.stderr).toMatch(/^sgd: /);
      expect(v.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
    } else {
      const codes = JSON.parse(v.stdout).flags.map((f: { code: string }) => f.code);
      for (const code of c.flags ?? []) expect(codes).toContain(code);
      expect(v.code).toBe(c.exit ?? 1);
      const out = path.join(dir, `${cases.indexOf(c)}-out.xlsx`);
      const a = await sgd('allocate', file, '--out', out);
      expect([0, 1]).toContain(a.code);
      expect(fs.existsSync(out)).toBe(true);
      const d = await sgd('distribute', file, '--out', path.join(dir, `${cases.indexOf(c)}-files`), '--allow-errors');
      expect([0, 1]).toContain(d.code);
    }
    expect(sha256(file)).toBe(before);
  });

  it('writes text that starts with = as text, never as a formula', async () => {
    const c = cases.find((x) => x.name.startsWith('names starting with ='))!;
    const file = path.join(dir, 'inject.xlsx');
    fs.writeFileSync(file, await xlsx(c.sheets!));
    const out = path.join(dir, 'inject-out.xlsx');
    await sgd('allocate', file, '--out', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('SGD Fördelning 2025')!;
    const header = ws.getRow(8).values as unknown[];
    expect(header).toContain('=HYPERLINK("http://x","klicka")');
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain("=cmd|' /C calc'!A0");
    expect(cells.filter((v) => typeof v === 'object' && v !== null && 'formula' in v && !String((v as { formula: string }).formula).startsWith('SUBTOTAL'))).toEqual([]);
    const files = fs.readdirSync(path.join(dir, `${cases.indexOf(c)}-files`));
    expect(files.every((f) => !f.startsWith('='))).toBe(true);
  });
});
