import * as fs from 'fs';
import * as path from 'path';
import { analyse, Analysis } from '../../src/engine/analyse';
import { hasErrors } from '../../src/engine/flags';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { readWorkbook } from '../../src/workbook/pipeline';
import { analysisJson } from '../../src/workbook/results';

/**
 * A plan from each of the four collaborations of the seeds, in their own
 * words (scripts/make-golden.ts, 5–8). The expected shares were computed by
 * hand, outside this code base, with exact fractions (Python's
 * fractions.Fraction over ../shared/data's SCB figures): each principal's
 * exact quota, floors, and the largest remainders one krona each.
 */
async function run(name: string): Promise<Analysis> {
  const input = await readWorkbook(await ExcelJsWorkbook.fromBuffer(fs.readFileSync(path.join(__dirname, name))));
  return analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
}

const shares = (a: Analysis, year: number) => Object.fromEntries(a.years.find((y) => y.year === year)!.shares.map((s) => [s.principal.code, s.amount.toNumber()]));
const codes = (a: Analysis) => a.flags.map((f) => f.code);

describe('the four collaborations, shares by hand', () => {
  it('Skåne (SGD, seed 001): "Säkra videomöten har utgått" and "Prioriterats och ej genomförs" are not split; "Annan*" is external', async () => {
    const a = await run('skane-sgd-2023-2024.xlsx');
    expect(hasErrors(a.flags)).toBe(false);
    // 2023: 100 000 + 100 000 + 500 000 + 400 000 joint, 1:1; 250 000 held; 200 000 other financing.
    expect(a.years[0].amount.toNumber()).toBe(1_100_000);
    expect(a.years[0].external.map((e) => e.amount.toNumber())).toEqual([200_000]);
    const y2023 = shares(a, 2023);
    expect([y2023['12'], y2023['1280'], y2023['1290'], y2023['1214']]).toEqual([550_000, 138_976, 33_731, 5_626]);
    // 2024: 1 100 000 by 1:1 and Digitala hjälpmedel 400 000 among the 33 municipalities equally; Diagnos held.
    expect(a.years[1].amount.toNumber()).toBe(1_500_000);
    const y2024 = shares(a, 2024);
    expect([y2024['12'], y2024['1280'], y2024['1290'], y2024['1214']]).toEqual([550_000, 151_097, 45_852, 17_747]);
    expect(a.years.flatMap((y) => y.held.map((h) => [y.year, h.area]))).toEqual([
      [2023, 'Säkra videomöten'],
      [2024, 'Diagnos och behandling'],
    ]);
  });

  it('Västra Götaland (SITIV, seed 002): no bundled population; "1:1 lika"; other programmes\' money and outside co-financiers are not billed', async () => {
    const a = await run('vgr-sitiv-2018.xlsx');
    expect(hasErrors(a.flags)).toBe(false);
    // Joint: 2 450 000 + the half of 1 000 000 the care providers do not pay = 2 950 000; half to the region.
    const y = a.years[0];
    expect(y.amount.toNumber()).toBe(2_950_000);
    const s = shares(a, 2018);
    expect(s['14']).toBe(1_475_000);
    // 1 475 000 / 49 = 30 102,04…: 49 × 30 102 = 1 474 998, so the two lowest codes (equal quotas) get one krona more.
    expect([s['1401'], s['1402'], s['1407']]).toEqual([30_103, 30_103, 30_102]);
    expect(y.external.map((e) => [e.amount.toNumber(), e.payer])).toEqual([
      [500_000, 'Privata vårdgivare'],
      [500_000, 'Omställningsprogrammets "den nära vården"'],
      [1_000_000, 'den nära vården'],
    ]);
    expect(y.held.map((h) => h.area)).toEqual(['Bredband till hushållen']);
  });

  it('Örebro (seed 003): 2026–2030 by the 2023-12-31 figures; Ljusnarsberg from 2028; the period per principal', async () => {
    const a = await run('orebro-2026-2030.xlsx');
    expect(hasErrors(a.flags)).toBe(false);
    const y2026 = shares(a, 2026);
    expect(y2026).toEqual({
      '18': 500_000, '1814': 14_168, '1860': 9_050, '1861': 26_723, '1862': 15_405, '1863': 10_693, '1864': 0,
      '1880': 262_337, '1881': 37_068, '1882': 18_896, '1883': 49_819, '1884': 17_495, '1885': 38_346,
    });
    const y2028 = shares(a, 2028);
    expect(y2028).toEqual({
      '18': 500_000, '1814': 13_966, '1860': 8_920, '1861': 26_341, '1862': 15_184, '1863': 10_540, '1864': 7_152,
      '1880': 258_584, '1881': 36_538, '1882': 18_626, '1883': 49_107, '1884': 17_245, '1885': 37_797,
    });
    const period = analysisJson(a, 'sv').period!;
    expect(period.amount).toBe(5_000_000);
    expect(period.shares.find((x) => x.code === '1864')!.total).toBe(3 * 7_152);
    expect(period.shares.find((x) => x.code === '1880')!.total).toBe(2 * 262_337 + 3 * 258_584);
    expect(codes(a)).toEqual(expect.arrayContaining(['MEMBERSHIP', 'POPULATION_STALE', 'PRINCIPAL_COUNT']));
    expect(codes(a)).not.toContain('POPULATION_MISMATCH');
  });

  it('Halland (CeHis, seed 004): stimulansbidrag, stimulansmedel and nationell gemensam finansiering are external; "betalas av denne" is own cost', async () => {
    const a = await run('halland-cehis-2024.xlsx');
    expect(hasErrors(a.flags)).toBe(false);
    expect(shares(a, 2024)).toEqual({ '13': 375_083, '1315': 11_238, '1380': 115_441, '1381': 28_987, '1382': 51_402, '1383': 74_554, '1384': 93_461 });
    const y = a.years[0];
    expect(y.external.map((e) => e.amount.toNumber())).toEqual([120_000, 150_000, 80_000]);
    expect(y.ownCost.map((e) => [e.area, e.payer])).toEqual([
      ['Införande hos varje intressent', null],
      ['Personal i projekt', 'Falkenberg'],
    ]);
  });
});
