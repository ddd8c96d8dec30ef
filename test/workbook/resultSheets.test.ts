import { analyse } from '../../src/engine/analyse';
import { D } from '../../src/engine/decimal';
import { FORMATS } from '../../src/workbook/port';
import { analysisJson } from '../../src/workbook/results';
import { principalSheet, resultSheets } from '../../src/workbook/sheets';
import { principalsSheet, read } from '../xlsx';

/** What the sheets show around the numbers (issue 11, "misleading figures"). */
async function halland(options: Parameters<typeof analyse>[2], amount: number | string = 1_000_000) {
  const input = await read([{ name: 'Plan', rows: [['Insatsområde', 'År', 'Belopp'], ['Journal via nätet', 2025, amount]] }, principalsSheet('13', '2023-12-31')]);
  return analyse(input.plan, input.table, options, input.flags);
}

/** The value right of a label in a sheet spec's free cells. */
const valueBeside = (cells: ReadonlyArray<readonly [number, number, unknown]>, label: string) => {
  const at = cells.find(([, c, v]) => c === 0 && v === label)!;
  return cells.find(([r, c]) => r === at[0] && c === 1)![2];
};

describe('each group\'s own rate', () => {
  it('under --ratio 2:1 Region Halland\'s file shows the region\'s öre/inv, twice the municipalities\' (not theirs)', async () => {
    const a = await halland({ rounding: 'kr', ratio: { region: new D(2), municipalities: new D(1) } });
    const rate = a.years[0].rate!;
    // By hand: 1 000 000 × 2/3 × 100 / 343 746 inv and 1 000 000 × 1/3 × 100 / 343 746 inv.
    expect(rate.byKind!.region.toNumber()).toBe(193.94);
    expect(rate.byKind!.municipality.toNumber()).toBe(96.97);
    const regionFile = principalSheet(a, '13', { lang: 'sv', source: 'x' })!;
    const municipalityFile = principalSheet(a, '1380', { lang: 'sv', source: 'x' })!;
    expect(valueBeside(regionFile.cells, 'Kostnad per invånare och organisation')).toBe(193.94);
    expect(valueBeside(municipalityFile.cells, 'Kostnad per invånare och organisation')).toBe(96.97);
    expect(analysisJson(a, 'sv').years[0].rateByKind).toEqual({ region: 193.94, municipality: 96.97 });
    const year = resultSheets(a, { lang: 'sv', source: 'x' })[0];
    expect(year.cells.find(([r, c]) => r === 3 && c === 2)![2]).toBe('Regionen 193,94 öre/inv; kommunerna 96,97 öre/inv');
  });

  it('under 1:1 both groups have the same rate and the year sheet says it once', async () => {
    const a = await halland({ rounding: 'kr' });
    expect(a.years[0].rate!.byKind!.region.eq(a.years[0].rate!.byKind!.municipality)).toBe(true);
    expect(resultSheets(a, { lang: 'sv', source: 'x' })[0].cells.find(([r, c]) => r === 3 && c === 2)).toBeUndefined();
  });
});

describe('formats follow the rounding', () => {
  it('with --rounding ore the audit sheet shows öre (8 988,32 kr, not 8 988 kr)', async () => {
    const a = await halland({ rounding: 'ore' }, 100_000.01);
    const audit = resultSheets(a, { lang: 'sv', source: 'x' }).find((s) => s.name === 'SGD Revision')!;
    expect(audit.tables[0].formats![9]).toBe(FORMATS.ore);
    const kr = await halland({ rounding: 'kr' });
    expect(resultSheets(kr, { lang: 'sv', source: 'x' }).find((s) => s.name === 'SGD Revision')!.tables[0].formats![9]).toBe(FORMATS.kr);
  });
});

describe('a municipality file a controller can check alone', () => {
  it('says who sends it, on what decision and when; the basis in numbers and words; what the plan has that is not split', async () => {
    const input = await read([
      {
        name: 'Plan',
        rows: [
          ['Avsändare: Region Halland, Regionkontoret'],
          ['Kontakt', 'Anna Ek, 035-13 10 00'],
          ['Beslut: RS 2024-05-12 § 45'],
          [],
          ['Insatsområde', 'År', 'Finansiering', 'Belopp', 'Utfall', 'Status'],
          ['Journal via nätet', 2025, 'SGD', 750_166, 800_000, 'Beslutad'],
          ['NPÖ', 2025, 'Statsbidrag: Socialstyrelsen', 150_000, null, 'Beslutad'],
          ['Bredband', 2025, 'SGD', 90_000, null, 'Prioriterats och ej genomförs'],
        ],
      },
      principalsSheet('13', '2023-12-31'),
    ]);
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    const file = principalSheet(a, '1380', { lang: 'sv', source: 'plan.xlsx', createdAt: '2025-01-15 10:00' })!;
    const text = file.cells.map(([, , v]) => String(v).replace(/[\u00a0\u202f]/g, ' '));
    expect(valueBeside(file.cells, 'Avsändare')).toBe('Region Halland, Regionkontoret');
    expect(valueBeside(file.cells, 'Kontakt')).toBe('Anna Ek, 035-13 10 00');
    expect(valueBeside(file.cells, 'Beslut')).toBe('RS 2024-05-12 § 45');
    expect(valueBeside(file.cells, 'Skapad')).toBe('2025-01-15 10:00');
    // Halmstad: 105 796 of 343 746 inhabitants of the municipalities' half of 750 166 kr (hand: 115 440,7064… kr).
    const exact = valueBeside(file.cells, 'Exakt andel') as number;
    expect(exact).toBe(115_440.71);
    expect(valueBeside(file.cells, 'Er andel')).toBe(115_441);
    expect(valueBeside(file.cells, 'Avrundning (avrundad − exakt)')).toBe(0.29);
    expect(valueBeside(file.cells, 'Länets folkmängd')).toBe(343_746);
    expect(valueBeside(file.cells, 'Kommunernas del')).toBe(375_083);
    expect(String(valueBeside(file.cells, 'Underlag')).replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^105 796 inv × 109,12 öre\/inv = 115 444,60 kr\. Exakt andel 115 440,71 kr, avrundad till 115 441,00 kr \(\+0,29 kr\)/);
    expect(String(valueBeside(file.cells, 'Restenhet'))).toMatch(/^1 \(1 = fick en enhet av resten/);
    expect(text).toContain('I planen detta år men fördelas inte, och utfall över budget');
    expect(text).toContain('NPÖ: 150 000 kr – annan finansiering, Socialstyrelsen');
    expect(text).toContain('Bredband: 90 000 kr – genomförs inte: Prioriterats och ej genomförs');
    expect(text.some((x) => /^Utfallet för Journal via nätet 2025 är 800 000 kr, över budgeten 750 166 kr/.test(x))).toBe(true);
  });
});

describe('the population source', () => {
  it('a figure equal to SCB\'s in the bundled data is named by that source on the audit sheet; another figure is not', async () => {
    const sheet = principalsSheet('13', '2023-12-31');
    sheet.rows[2] = [...sheet.rows[2]];
    sheet.rows[2][3] = 10_300; // Hylte, one more than SCB's 10 299
    const input = await read([{ name: 'Plan', rows: [['Insatsområde', 'År', 'Belopp'], ['NPÖ', 2025, 100_000]] }, sheet]);
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    const audit = resultSheets(a, { lang: 'sv', source: 'x' }).find((s) => s.name === 'SGD Revision')!;
    const source = Object.fromEntries(audit.tables[0].rows.map((r) => [r[1], r[7]]));
    expect(source['1380']).toMatch(/SCB/);
    expect(source['13']).toMatch(/SCB/);
    expect(source['1315']).toBe('');
  });
});
