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
