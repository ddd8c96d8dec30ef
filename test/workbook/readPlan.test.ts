import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../src/engine/analyse';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { readWorkbook } from '../../src/workbook/pipeline';
import { principalsSheet, read } from '../xlsx';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'sgd-handlingsplan-2024.xlsx');

describe('the published SGD 2024 plan (wide layout, examples/)', () => {
  let input: Awaited<ReturnType<typeof readWorkbook>>;
  beforeAll(async () => {
    input = await readWorkbook(await ExcelJsWorkbook.fromBuffer(fs.readFileSync(EXAMPLE)));
  });

  it('reads every budget line under its merged year header and financing sub-column', () => {
    const plan = input.plan!;
    expect(plan.layout).toBe('wide');
    const y2024 = plan.lines.filter((l) => l.year === 2024);
    const y2023 = plan.lines.filter((l) => l.year === 2023);
    expect(y2024.map((l) => [l.area, l.amount.toNumber(), l.financing])).toEqual([
      ['Nationell patientöversikt', 100000, 'joint'],
      ['Säker digital kommunikation', 100000, 'joint'],
      ['Mina planer', 500000, 'joint'],
      ['Beslutsstöd', 0, 'joint'],
      ['Avvikelsehantering', 400000, 'joint'],
      ['Digitala hjälpmedel', 400000, 'joint'],
      ['Diagnos och behandling', 250000, 'joint'],
    ]);
    expect(y2023.reduce((s, l) => s + l.amount.toNumber(), 0)).toBe(2_300_000);
    expect(y2024[0].refs.amount).toEqual({ sheet: 'Samlad budget', cell: 'C5' });
  });

  it('keeps DELSUMMA and SUMMA as stated totals, and the stated population and rates', () => {
    const plan = input.plan!;
    expect(plan.statedTotals.map((t) => [t.label, t.year, t.scope, t.value.toNumber(), t.ref.cell])).toEqual([
      ['DELSUMMA per finansieringsform', 2024, 'joint', 1750000, 'C13'],
      ['DELSUMMA per finansieringsform', 2023, 'joint', 2300000, 'E13'],
      ['SUMMA per verksamhetsår', 2024, 'all', 2100000, 'C14'],
      ['SUMMA per verksamhetsår', 2023, 'all', 2300000, 'E14'],
    ]);
    expect(plan.statedPopulation).toMatchObject({ date: '2022-12-31', ref: { cell: 'B21' } });
    expect(plan.statedPopulation!.value.toNumber()).toBe(1_414_324);
    expect(plan.statedRates.map((r) => [r.year, r.value.toString(), r.ref.cell])).toEqual([
      [2023, '82.09', 'B23'],
      [2024, '74.24', 'C23'],
    ]);
  });

  it('raises the four real errors of the published plan, each on its cell, and no other error', () => {
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    expect(a.flags.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell])).toEqual([
      ['TOTAL_MISMATCH', 'C14'],
      ['DUPLICATE_YEAR', 'C22'],
      ['RATE_MISMATCH', 'B23'],
      ['RATE_MISMATCH', 'C23'],
    ]);
    const rate2024 = a.flags.find((f) => f.cell === 'C23')!;
    expect(rate2024.params.fits?.toString()).toBe('2100000');
    expect(rate2024.params.computed?.toString()).toBe('61.87');
    expect(a.flags.find((f) => f.cell === 'B23')!.params.computed?.toString()).toBe('81.31');
  });

  it('reads the 34 principals with their population and its date', () => {
    expect(input.table!.principals).toHaveLength(34);
    const malmo = input.table!.principals.find((p) => p.code === '1280')!;
    expect([malmo.name, malmo.kind, malmo.population!.toNumber(), malmo.populationDate]).toEqual(['Malmö', 'municipality', 357377, '2022-12-31']);
    expect(input.table!.principals[0]).toMatchObject({ code: '12', name: 'Region Skåne', kind: 'region' });
  });
});

describe('the long template layout', () => {
  const template = (rows: unknown[][], extra: unknown[][] = []) => [
    {
      name: 'Plan',
      rows: [['Handlingsplan 2026–2030'], ['Modell: 1:1'], [], ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Utfall', 'Prognos'], ...rows, ...extra],
    },
    principalsSheet('12', '2022-12-31'),
  ];

  it('reads years, financing, models and Swedish text amounts', async () => {
    const input = await read(
      template([
        ['Mina planer', 2026, 'SGD', '', '1 150 000 kr', null, null],
        ['Mina planer', '2027', 'gemensam', '1:1', 1_200_000],
        ['Licenser', 2027, 'SGD', 'nyckel: Folkmängd', '300 000'],
        ['Statsbidrag NPÖ', 2026, 'Statsbidrag', '', '500\u00a0000'],
        ['Införande', 2026, 'Egen finansiering', '', '2 000 000'],
      ]),
    );
    const plan = input.plan!;
    expect(plan.layout).toBe('long');
    expect(plan.defaultModel).toMatchObject({ kind: 'region-municipality' });
    expect(plan.lines.map((l) => [l.area, l.year, l.financing, l.amount.toNumber()])).toEqual([
      ['Mina planer', 2026, 'joint', 1150000],
      ['Mina planer', 2027, 'joint', 1200000],
      ['Licenser', 2027, 'joint', 300000],
      ['Statsbidrag NPÖ', 2026, 'external', 500000],
      ['Införande', 2026, 'own', 2000000],
    ]);
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    expect(a.years.map((y) => [y.year, y.amount.toNumber()])).toEqual([
      [2026, 1_150_000],
      [2027, 1_500_000],
    ]);
  });

  it('flags an outcome above budget, a wrong total row, a negative amount and text that is no amount', async () => {
    const input = await read(
      template(
        [
          ['Mina planer', 2026, 'SGD', '', 500_000, 650_000, null],
          ['NPÖ', 2026, 'SGD', '', 100_000, null, 120_000],
          ['Kreditering', 2026, 'SGD', '', -50_000],
          ['Beslutsstöd', 2026, 'SGD', '', 'ca 100 tkr'],
        ],
        [['Summa', 2026, '', '', 600_000]],
      ),
    );
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    expect(a.flags.map((f) => [f.code, f.cell])).toEqual([
      ['OVER_BUDGET', 'F5'],
      ['OVER_BUDGET', 'G6'],
      ['BAD_AMOUNT', 'E8'],
      ['TOTAL_MISMATCH', 'E9'],
      // 2022-12-31 figures for 2026: more than two years old.
      ['POPULATION_STALE', 'D2'],
      ['NEGATIVE_AMOUNT', 'E7'],
    ]);
  });

  it('finds headers in English, any case, with footnote stars', async () => {
    const input = await read([
      { name: 'Budget', rows: [[], [null, 'FOCUS AREA*', 'Year', 'amount (SEK)**'], [null, 'Patient overview', 2025, 90_000]] },
      principalsSheet('18'),
    ]);
    expect(input.plan!.lines.map((l) => [l.area, l.year, l.amount.toNumber(), l.refs.amount?.cell])).toEqual([['Patient overview', 2025, 90000, 'D3']]);
  });

  it('says NO_PLAN when nothing looks like a budget table', async () => {
    const input = await read([{ name: 'Blad1', rows: [['Hej'], ['1', '2']] }]);
    expect(input.plan).toBeNull();
    expect(input.flags.map((f) => f.code)).toEqual(['NO_PLAN']);
  });
});

describe('the principals sheet', () => {
  const plan = { name: 'Plan', rows: [['Insatsområde', 'År', 'Belopp'], ['X', 2025, 1000]] };

  it('completes codes from names and names from codes, and reads codes typed as numbers', async () => {
    const input = await read([
      plan,
      {
        name: 'Huvudmän',
        rows: [
          ['Kod', 'Namn', 'Folkmängd'],
          [null, 'Region Örebro', 307772],
          [1814, null, 8756],
          [null, 'Laxå', 5576],
        ],
      },
    ]);
    expect(input.table!.principals.map((p) => [p.code, p.name, p.kind])).toEqual([
      ['18', 'Region Örebro', 'region'],
      ['1814', 'Lekeberg', 'municipality'],
      ['1860', 'Laxå', 'municipality'],
    ]);
  });

  it('reads key columns and the user’s own share column for a year', async () => {
    const input = await read([
      plan,
      {
        name: 'Huvudmän',
        rows: [
          ['Kod', 'Namn', 'Typ', 'Folkmängd', 'Licenser', 'Andel 2025', 'Kommentar'],
          ['13', 'Region Halland', 'Region', 342805, 10, 500, 'x'],
          ['1380', 'Halmstad', 'Kommun', 105148, 5, 350, ''],
          ['1315', 'Hylte', 'Kommun', 10464, 1, 149, ''],
        ],
      },
    ]);
    const t = input.table!;
    expect(Object.keys(t.principals[0].keys)).toEqual(['Licenser']);
    expect(t.userShares.map((u) => [u.year, u.header.cell, u.values.length])).toEqual([[2025, 'F1', 3]]);
    const a = analyse(input.plan, input.table, { rounding: 'kr', expectedPrincipals: 3 }, input.flags);
    expect(a.flags.find((f) => f.code === 'ROUNDING_RESIDUE')).toMatchObject({ cell: 'F1' });
  });
});
