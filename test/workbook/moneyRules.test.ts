import { analyse, Analysis } from '../../src/engine/analyse';
import { hasErrors } from '../../src/engine/flags';
import { municipality } from '../../src/engine/reference';
import { analysisJson } from '../../src/workbook/results';
import { principalSheet, resultSheets } from '../../src/workbook/sheets';
import { templateSheets } from '../../src/workbook/template';
import { readWorkbook } from '../../src/workbook/pipeline';
import { ExcelJsWorkbook, newWorkbookBuffer } from '../../src/xlsx/exceljsWorkbook';
import { populationDatasets } from '../../src/engine/reference';
import { principalsSheet, read, SheetDef } from '../xlsx';

/**
 * The plans' own money rules (issue 12), each found item as a test built
 * from the seeds' sentences. Shares are checked against exact fractions
 * computed here with BigInt, independently of the engine.
 */

const long = (rows: unknown[][], headers = ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp']): SheetDef => ({
  name: 'Plan',
  rows: [['Handlingsplan'], [], headers, ...rows],
});

async function run(sheets: SheetDef[], options: Parameters<typeof analyse>[2] = { rounding: 'kr' }): Promise<Analysis> {
  const input = await read(sheets);
  return analyse(input.plan, input.table, options, input.flags);
}

const codes = (a: Analysis) => a.flags.map((f) => f.code);
const shareOf = (a: Analysis, year: number, code: string) => a.years.find((y) => y.year === year)!.shares.find((s) => s.principal.code === code)!.amount.toNumber();

/** Largest remainder by hand: exact quotas amount·w_i/W in kronor, floors, then the biggest remainders get one krona each. */
function handShares(amount: bigint, weights: bigint[]): bigint[] {
  const W = weights.reduce((a, b) => a + b, 0n);
  const floor = weights.map((w) => (amount * w) / W);
  const rem = weights.map((w, i) => amount * w - floor[i] * W);
  let left = amount - floor.reduce((a, b) => a + b, 0n);
  const order = weights.map((_, i) => i).sort((i, j) => (rem[j] > rem[i] ? 1 : rem[j] < rem[i] ? -1 : 0));
  for (const i of order) if (left-- > 0n) floor[i] += 1n;
  return floor;
}

describe('financing is never guessed', () => {
  it('SITIV: "Finansieras av Omställningsprogrammet…" is external money with its payer, not billed (VGR 2018: 3 000 000 split, not 3 500 000)', async () => {
    const a = await run([
      long([
        ['Mobil uppkoppling', 2018, 'SGD', '1:1 lika', 3_000_000],
        ['Projektledare sensorer', 2018, 'Finansieras av Omställningsprogrammets "den nära vården"', '', 500_000],
      ]),
      vgrSheet(),
    ]);
    expect(a.years[0].amount.toNumber()).toBe(3_000_000);
    expect(a.years[0].external.map((e) => [e.amount.toNumber(), e.payer])).toEqual([[500_000, 'Omställningsprogrammets "den nära vården"']]);
    expect(codes(a)).toContain('EXTERNAL_NOT_ALLOCATED');
    expect(hasErrors(a.flags)).toBe(false);
  });

  it('CeHis: "statliga stimulansmedel" and "nationell gemensam finansiering" are not split (Region Halland pays half of the joint line only)', async () => {
    const a = await run([
      long([
        ['Journal via nätet', 2024, 'Gemensam finansiering', '', 750_166],
        ['Nationell tjänst', 2024, 'statliga stimulansmedel', '', 400_000],
        ['Invånartjänster', 2024, 'nationell gemensam finansiering', '', 150_000],
      ]),
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(shareOf(a, 2024, '13')).toBe(375_083);
    expect(a.years[0].external.map((e) => e.amount.toNumber())).toEqual([400_000, 150_000]);
  });

  it('text it cannot classify is UNKNOWN_FINANCING on the cell, and the line is not split', async () => {
    const a = await run([
      long([
        ['NPÖ', 2024, 'SGD', '', 100_000],
        ['Digitala hjälpmedel', 2024, 'Omställningsprogrammet', '', 400_000],
      ]),
      principalsSheet('13', '2023-12-31'),
    ]);
    const f = a.flags.find((x) => x.code === 'UNKNOWN_FINANCING')!;
    expect([f.severity, f.sheet, f.cell]).toEqual(['error', 'Plan', 'C5']);
    expect(a.years[0].amount.toNumber()).toBe(100_000);
    expect(a.years[0].held.map((h) => [h.area, h.reason])).toEqual([['Digitala hjälpmedel', 'unknown-financing']]);
  });

  it('own cost with a named payer keeps the name ("Betalas av Falkenberg", and a payer column)', async () => {
    const a = await run([
      long(
        [
          ['Införande', 2024, 'Betalas av Falkenberg', '', 80_000, ''],
          ['Utbildning', 2024, 'Egen finansiering', '', 20_000, 'Varberg'],
          ['Drift', 2024, 'SGD', '', 100_000, ''],
        ],
        ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Betalare'],
      ),
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(a.years[0].ownCost.map((e) => [e.area, e.payer])).toEqual([
      ['Införande', 'Falkenberg'],
      ['Utbildning', 'Varberg'],
    ]);
    expect(analysisJson(a, 'sv').years[0].ownCost).toEqual([
      { area: 'Införande', amount: 80_000, payer: 'Falkenberg' },
      { area: 'Utbildning', amount: 20_000, payer: 'Varberg' },
    ]);
    expect(a.years[0].amount.toNumber()).toBe(100_000);
  });

  it('a co-financier outside the principals (seed 002: "Deltagande vårdgivare ska medfinansiera med 50%") is external money with its name', async () => {
    const a = await run([
      long([['NPÖ producenter', 2018, 'Deltagande vårdgivare ska medfinansiera med 50%', '1:1', 1_000_000, 'Privata vårdgivare']], ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Deltagare']),
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(a.years[0].amount.toNumber()).toBe(500_000);
    expect(a.years[0].external.map((e) => [e.amount.toNumber(), e.payer])).toEqual([[500_000, 'Privata vårdgivare']]);
    expect(codes(a)).not.toContain('UNKNOWN_PARTICIPANT');
  });

  it('a misspelt principal or a municipality outside the collaboration stays an error, and the line is not split', async () => {
    for (const who of ['Falkenbrg', 'Göteborg']) {
      const a = await run([
        long([['NPÖ', 2024, 'Medfinansiering 50 %', '1:1', 100_000, who]], ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Deltagare']),
        principalsSheet('13', '2023-12-31'),
      ]);
      expect(codes(a)).toContain('UNKNOWN_PARTICIPANT');
      expect(a.years[0].amount.toNumber()).toBe(0);
    }
  });

  it('the participants\' key "Folkmängd" is the population, not a missing key column', async () => {
    const a = await run([
      long([['Sensorer', 2024, 'Medfinansiering 100 %', '1:1', 105_796 + 47_108, 'Halmstad; Falkenberg', 'Folkmängd']], ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Deltagare', 'Deltagarnyckel']),
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(codes(a)).not.toContain('MISSING_KEY');
    expect([shareOf(a, 2024, '1380'), shareOf(a, 2024, '1382'), shareOf(a, 2024, '13')]).toEqual([105_796, 47_108, 0]);
  });
});

describe('line status', () => {
  it('a line "Prioriterats, ej genomförs" is listed apart with an info flag and not split', async () => {
    const a = await run([
      long(
        [
          ['Avvikelsehantering', 2024, 'SGD', '', 400_000, 'Beslutad'],
          ['Säkra videomöten', 2024, 'SGD', '', 300_000, 'Säkra videomöten har utgått'],
          ['Bredband', 2024, 'SGD', '', 200_000, 'Prioriterats, ej genomförs'],
        ],
        ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Status'],
      ),
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(a.years[0].amount.toNumber()).toBe(400_000);
    expect(a.years[0].held.map((h) => [h.area, h.reason])).toEqual([
      ['Säkra videomöten', 'not-carried-out'],
      ['Bredband', 'not-carried-out'],
    ]);
    expect(a.flags.filter((f) => f.code === 'LINE_NOT_CARRIED_OUT').map((f) => [f.severity, f.cell])).toEqual([
      ['info', 'F5'],
      ['info', 'F6'],
    ]);
  });

  it('an unknown status word is flagged and the line is not split', async () => {
    const a = await run([
      long([['NPÖ', 2024, 'SGD', '', 100_000, 'Vilande']], ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Status']),
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(a.flags.find((f) => f.code === 'UNKNOWN_STATUS')).toMatchObject({ severity: 'error', cell: 'F4' });
    expect(a.years[0].amount.toNumber()).toBe(0);
  });

  it('the published wide layout reads a Status, a Modell and a Finansiering column per row', async () => {
    const a = await run([
      {
        name: 'Samlad budget',
        rows: [
          ['Insatsområde', 'Modell', 'Status', 'Finansiering', 'BUDGET 2024'],
          [null, null, null, null, 'SGD'],
          ['Mina planer', 'lika', 'Pågår', '', 700_000],
          ['Diagnos', '1:1', 'Prioriterats och ej genomförs', '', 250_000],
          ['Sensorer', '', '', 'statsbidrag', 90_000],
          ['Bredband', 'enligt avtal', '', '', 10_000],
          ['SUMMA', null, null, null, 1_050_000],
        ],
      },
      principalsSheet('13', '2023-12-31'),
    ]);
    expect(a.years[0].areas.map((x) => [x.area, x.amount.toNumber(), x.models[0].kind])).toEqual([['Mina planer', 700_000, 'equal']]);
    expect(a.years[0].external.map((e) => e.amount.toNumber())).toEqual([90_000]);
    expect(a.flags.filter((f) => f.code === 'UNKNOWN_MODEL').map((f) => f.cell)).toEqual(['B6']);
    expect(a.years[0].held.map((h) => [h.area, h.reason])).toEqual([
      ['Diagnos', 'not-carried-out'],
      ['Bredband', 'unknown-model'],
    ]);
    // 7 principals, equal: 100 000 each.
    expect(shareOf(a, 2024, '1315')).toBe(100_000);
    expect(codes(a)).not.toContain('TOTAL_MISMATCH');
  });
});

describe('who takes part when, and populations per year', () => {
  const orebro = (extra: (code: string) => unknown[], headers: string[]): SheetDef => {
    const rows2022 = POP_OREBRO_2022;
    const rows2023 = POP_OREBRO_2023;
    const total = (m: Record<string, number>) => Object.values(m).reduce((s, v) => s + v, 0);
    return {
      name: 'Huvudmän',
      rows: [
        ['Kod', 'Namn', 'Folkmängd 2022-12-31', 'Folkmängd 2023-12-31', ...headers],
        ['18', 'Region Örebro län', total(rows2022), total(rows2023), ...extra('18')],
        ...Object.keys(rows2022).map((c) => [c, municipality(c)!.name, rows2022[c], rows2023[c], ...extra(c)]),
      ],
    };
  };

  it('"Deltar från 2028": Ljusnarsberg pays nothing in 2026 and 2027, the others carry the line; PRINCIPAL_COUNT per year', async () => {
    const a = await run([
      long([
        ['Mina planer', 2026, 'SGD', '', 1_000_000],
        ['Mina planer', 2028, 'SGD', '', 1_000_000],
      ]),
      orebro((c) => [c === '1864' ? 2028 : null], ['Deltar från']),
    ]);
    expect(shareOf(a, 2026, '1864')).toBe(0);
    expect(shareOf(a, 2028, '1864')).toBeGreaterThan(0);
    const y2026 = a.years.find((y) => y.year === 2026)!;
    expect(y2026.inactive).toEqual(['1864']);
    expect(y2026.shares.reduce((s, x) => s + x.amount.toNumber(), 0)).toBe(1_000_000);
    // By hand: 1:1, the region half; the municipalities' half by 2023-12-31 population without Ljusnarsberg.
    const munis = Object.entries(POP_OREBRO_2023).filter(([c]) => c !== '1864');
    const P = munis.reduce((s, [, p]) => s + BigInt(p), 0n);
    const expected = handShares(1_000_000n, [P, ...munis.map(([, p]) => BigInt(p))]);
    expect(['18', ...munis.map(([c]) => c)].map((c) => BigInt(shareOf(a, 2026, c)))).toEqual(expected);
    expect(a.flags.filter((f) => f.code === 'PRINCIPAL_COUNT').map((f) => f.params.year)).toEqual([2026]);
    expect(codes(a)).toContain('MEMBERSHIP');
  });

  it('each year uses the latest population dated before it starts; POPULATION_STALE when it is more than two years older', async () => {
    const a = await run([
      long([
        ['Drift', 2023, 'SGD', '', 100_000],
        ['Drift', 2024, 'SGD', '', 100_000],
        ['Drift', 2027, 'SGD', '', 100_000],
      ]),
      orebro(() => [], []),
    ]);
    const pop = (year: number) => a.years.find((y) => y.year === year)!.shares.find((s) => s.principal.code === '1880')!.principal;
    expect([pop(2023).population!.toNumber(), pop(2023).populationDate]).toEqual([158_057, '2022-12-31']);
    expect([pop(2024).population!.toNumber(), pop(2024).populationDate]).toEqual([159_348, '2023-12-31']);
    expect(a.flags.filter((f) => f.code === 'POPULATION_STALE').map((f) => [f.params.year, f.params.date])).toEqual([['2027', '2023-12-31']]);
    expect(codes(a)).not.toContain('POPULATION_DATE');
  });

  it('--fill-population picks the bundled figure dated before each year', async () => {
    const a = await run(
      [
        long([
          ['Drift', 2023, 'SGD', '', 100_000],
          ['Drift', 2024, 'SGD', '', 100_000],
        ]),
        { name: 'Huvudmän', rows: [['Kod', 'Namn', 'Folkmängd'], ['18', 'Region Örebro län'], ...Object.keys(POP_OREBRO_2022).map((c) => [c, municipality(c)!.name])] },
      ],
      { rounding: 'kr', fillPopulation: true },
    );
    const pop = (year: number) => a.years.find((y) => y.year === year)!.shares.find((s) => s.principal.code === '1880')!.principal.populationDate;
    expect([pop(2023), pop(2024)]).toEqual(['2022-12-31', '2023-12-31']);
  });
});

describe('plan-period totals', () => {
  it('Örebro 2026–2030: each principal\'s and area\'s shares added over the years, in the JSON and on a sheet', async () => {
    const years = [2026, 2027, 2028, 2029, 2030];
    const a = await run([long(years.flatMap((y) => [['Mina planer', y, 'SGD', '', 600_000 + y], ['NPÖ', y, 'SGD', '60:40', 100_001]])), principalsSheet('18', '2023-12-31')]);
    const json = analysisJson(a, 'sv');
    expect(json.period!.years).toEqual(years);
    const total = years.reduce((s, y) => s + 600_000 + y + 100_001, 0);
    expect(json.period!.amount).toBe(total);
    for (const sh of json.period!.shares) {
      expect(sh.total).toBe(years.reduce((s, y) => s + shareOf(a, y, sh.code), 0));
      expect(Object.values(sh.byYear).reduce((s, v) => s + v, 0)).toBe(sh.total);
    }
    expect(json.period!.shares.reduce((s, x) => s + x.total, 0)).toBe(total);
    expect(json.period!.areas.map((x) => [x.area, x.total])).toEqual([
      ['Mina planer', years.reduce((s, y) => s + 600_000 + y, 0)],
      ['NPÖ', 500_005],
    ]);
    const sheets = resultSheets(a, { lang: 'sv', source: 'plan.xlsx' });
    const period = sheets.find((x) => x.name === 'SGD Period 2026–2030')!;
    expect(period.tables![0].rows.find((r) => r[0] === '1880')!.slice(-1)[0]).toBe(json.period!.shares.find((x) => x.code === '1880')!.total);
    // Each municipality file carries its own period too.
    const file = principalSheet(a, '1880', { lang: 'sv', source: 'plan.xlsx' })!;
    expect(file.tables!.find((t) => t.name === 'SGD_Andel_Period')!.totals!.values![2]).toBe(json.period!.shares.find((x) => x.code === '1880')!.total);
  });

  it('a plan of one year has no period', async () => {
    const a = await run([long([['NPÖ', 2026, 'SGD', '', 1000]]), principalsSheet('18', '2023-12-31')]);
    expect(analysisJson(a, 'sv').period).toBeNull();
  });
});

describe('the plan template', () => {
  it.each(populationDatasets().map((d) => [d.id, Number(d.date.slice(0, 4)) + 1]))('%s reads back with its Status and "Deltar från/till" columns and no flags (first year %s)', async (id, year) => {
    const input = await readWorkbook(await ExcelJsWorkbook.fromBuffer(await newWorkbookBuffer(templateSheets(id as string, year as number))));
    expect(input.plan!.lines.map((l) => [l.status, l.hold])).toEqual([['Beslutad', null]]);
    expect(input.table!.principals.every((p) => p.fromYear === null && p.toYear === null && Object.keys(p.keys).length === 0)).toBe(true);
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    expect(a.flags.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual([]);
  });
});

describe('Västra Götaland without bundled population', () => {
  it('"1:1 lika": half to the region, the municipalities equally; no ZERO_WEIGHT', async () => {
    const a = await run([long([['SITIV', 2018, 'SGD', '1:1 lika', 3_000_000]]), vgrSheet()]);
    expect(codes(a)).not.toContain('ZERO_WEIGHT');
    expect(codes(a)).not.toContain('MISSING_POPULATION');
    // By hand: 1 500 000 to the region; 1 500 000 / 49 = 30 612,24… → 12 municipalities get 30 613 (remainder 12), the rest 30 612, ties by lower code.
    expect(shareOf(a, 2018, '14')).toBe(1_500_000);
    const munis = a.years[0].shares.filter((s) => s.principal.kind === 'municipality').map((s) => s.amount.toNumber());
    expect(munis.filter((v) => v === 30_613)).toHaveLength(12);
    expect(munis.filter((v) => v === 30_612)).toHaveLength(37);
  });
});

/** The 49 municipalities of Västra Götaland and the region, without populations (none are bundled). */
function vgrSheet(): SheetDef {
  const munis = Array.from({ length: 9999 }, (_, i) => String(i).padStart(4, '0')).filter((c) => c.startsWith('14') && municipality(c));
  return { name: 'Huvudmän', rows: [['Kod', 'Namn', 'Typ'], ['14', 'Västra Götalandsregionen', 'Region'], ...munis.map((c) => [c, municipality(c)!.name, 'Kommun'])] };
}

const POP_OREBRO_2022: Record<string, number> = {
  '1814': 8756, '1860': 5576, '1861': 16290, '1862': 9530, '1863': 6656, '1864': 4517,
  '1880': 158057, '1881': 22479, '1882': 11497, '1883': 30278, '1884': 10701, '1885': 23435,
};
const POP_OREBRO_2023: Record<string, number> = {
  '1814': 8606, '1860': 5497, '1861': 16232, '1862': 9357, '1863': 6495, '1864': 4407,
  '1880': 159348, '1881': 22516, '1882': 11478, '1883': 30261, '1884': 10627, '1885': 23292,
};
