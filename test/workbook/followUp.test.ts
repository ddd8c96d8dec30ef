import fc from 'fast-check';
import { D } from '../../src/engine/decimal';
import { followUp } from '../../src/engine/followUp';
import { countyPrincipals, line, plan, table } from '../factories';
import { principalsSheet, read, SheetDef } from '../xlsx';

/**
 * The yearly follow-up and settlement (issue 13). The golden shares were
 * computed by hand, outside this code, with exact fractions (Python's
 * fractions.Fraction over ../shared/data's SCB figures, largest remainder).
 */
const long = (rows: unknown[][]): SheetDef => ({ name: 'Plan', rows: [['Insatsområde', 'År', 'Finansiering', 'Belopp', 'Utfall', 'Prognos'], ...rows] });

async function run(sheets: SheetDef[], currentYear = 2026) {
  const input = await read(sheets);
  return followUp(input.plan, input.table, { rounding: 'kr', currentYear }, input.flags);
}

const byCode = <T extends { principal: { code: string } }>(xs: readonly T[], f: (x: T) => { toNumber(): number }) => Object.fromEntries(xs.map((x) => [x.principal.code, f(x).toNumber()]));

describe('follow-up, by hand', () => {
  it('Skåne, outcome below budget: each principal gets back what it paid above its outcome share', async () => {
    const f = await run([
      long([
        ['Nationell patientöversikt', 2024, 'SGD', 100_000, 90_000],
        ['Mina planer', 2024, 'SGD', 450_000, 450_001],
        ['Statsbidrag NPÖ', 2024, 'Statsbidrag', 200_000, 180_000],
      ]),
      principalsSheet('12', '2022-12-31'),
    ]);
    const y = f.years[0];
    expect([y.basis, y.budget.toNumber(), y.outcome.toNumber()]).toEqual(['outcome', 550_000, 540_001]);
    const budget = byCode(y.shares, (s) => s.budgetShare);
    const outcome = byCode(y.shares, (s) => s.outcomeShare);
    expect([budget['12'], budget['1280'], budget['1290'], budget['1214']]).toEqual([275_000, 69_488, 16_865, 2_813]);
    expect([outcome['12'], outcome['1280'], outcome['1290'], outcome['1214']]).toEqual([270_000, 68_225, 16_559, 2_762]);
    // Paid = the budget share (no "Inbetalt" column): Malmö gets 69 488 − 68 225 = 1 263 kr back.
    expect(byCode(y.shares, (s) => s.settlement)['1280']).toBe(-1_263);
    expect(y.shares.reduce((s, x) => s.plus(x.settlement), new D(0)).toNumber()).toBe(540_001 - 550_000);
    expect(y.areas.map((a) => [a.area, a.budget.toNumber(), a.outcome.toNumber(), a.deviation.toNumber(), a.deviationPercent?.toNumber()])).toEqual([
      ['Nationell patientöversikt', 100_000, 90_000, -10_000, -10],
      ['Mina planer', 450_000, 450_001, 1, 0],
    ]);
    // External money is reported as spent, not settled.
    expect(y.external.map((e) => e.amount.toNumber())).toEqual([180_000]);
  });

  it('Halland, outcome above budget: OVER_BUDGET for the year, quoting the seven principals, and everyone is invoiced the difference', async () => {
    const f = await run([long([['Journal via nätet', 2025, 'SGD', 700_000, 760_000]]), principalsSheet('13', '2023-12-31')]);
    const y = f.years[0];
    expect(byCode(y.shares, (s) => s.budgetShare)).toEqual({ '13': 350_000, '1315': 10_487, '1380': 107_721, '1381': 27_048, '1382': 47_965, '1383': 69_568, '1384': 87_211 });
    expect(byCode(y.shares, (s) => s.outcomeShare)).toEqual({ '13': 380_000, '1315': 11_385, '1380': 116_954, '1381': 29_367, '1382': 52_076, '1383': 75_531, '1384': 94_687 });
    expect(byCode(y.shares, (s) => s.settlement)['1380']).toBe(116_954 - 107_721);
    const over = f.flags.filter((x) => x.code === 'OVER_BUDGET');
    expect(over.map((x) => x.params.area)).toEqual([null, 'Journal via nätet']);
    expect(over[0].params.principals).toBe(7);
  });

  it('a year with a forecast only is followed up on the forecast, labelled, with FORECAST_USED', async () => {
    const f = await run([long([['Journal via nätet', 2026, 'SGD', 700_000, null, 650_000]]), principalsSheet('13', '2023-12-31')]);
    expect([f.years[0].basis, f.years[0].outcome.toNumber()]).toEqual(['forecast', 650_000]);
    expect(f.flags.find((x) => x.code === 'FORECAST_USED')).toMatchObject({ severity: 'info', cell: 'F2' });
  });

  it('a principal that paid more than its share gets the difference back; the settlements add up to outcome − paid', async () => {
    const sheet = principalsSheet('13', '2023-12-31');
    sheet.rows = sheet.rows.map((r, i) => [...r, i === 0 ? 'Inbetalt 2025' : r[0] === '1380' ? 120_000 : null]);
    const f = await run([long([['Journal via nätet', 2025, 'SGD', 700_000, 700_000]]), sheet]);
    const halmstad = f.years[0].shares.find((s) => s.principal.code === '1380')!;
    expect([halmstad.paid.toNumber(), halmstad.paidStated, halmstad.outcomeShare.toNumber(), halmstad.settlement.toNumber()]).toEqual([120_000, true, 107_721, -12_279]);
    const paid = f.years[0].shares.reduce((s, x) => s.plus(x.paid), new D(0));
    expect(f.years[0].shares.reduce((s, x) => s.plus(x.settlement), new D(0)).eq(f.years[0].outcome.minus(paid))).toBe(true);
  });

  it('a past year with budget and no outcome is OUTCOME_MISSING; a line without outcome among others is OUTCOME_INCOMPLETE and the year is not settled', async () => {
    const none = await run([long([['NPÖ', 2024, 'SGD', 100_000]]), principalsSheet('13', '2023-12-31')], 2026);
    expect(none.years).toEqual([]);
    expect(none.flags.find((x) => x.code === 'OUTCOME_MISSING')).toMatchObject({ severity: 'warning', params: { year: 2024, area: null } });
    const some = await run([long([['NPÖ', 2024, 'SGD', 100_000, 90_000], ['Mina planer', 2024, 'SGD', 50_000]]), principalsSheet('13', '2023-12-31')], 2026);
    expect(some.flags.filter((x) => x.code === 'OUTCOME_INCOMPLETE').map((x) => [x.severity, x.params.area])).toEqual([['error', 'Mina planer']]);
    expect(some.years).toEqual([]);
  });
});

describe('the settlements add up to the öre', () => {
  it('Σ settlement = total outcome − total paid, in 10 000 random years (kronor and öre, any payments)', () => {
    const halland = countyPrincipals('13', '2023-12-31');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 99 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.option(fc.integer({ min: -100_000_00, max: 10_000_000_00 }), { nil: undefined }), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        (lines, payments, ore) => {
          const principals = halland.map((p, i) => (payments[i] === undefined ? p : { ...p, paid: { 2025: new D(payments[i]!).dividedBy(100) } }));
          const ls = lines.map(([b, o, c], i) => line(`Område ${i}`, 2025, b, { outcome: new D(o).plus(ore ? new D(c).dividedBy(100) : 0) }));
          const f = followUp(plan(ls), table(principals), { rounding: ore ? 'ore' : 'kr', currentYear: 2026 });
          const y = f.years[0];
          const paid = y.shares.reduce((s, x) => s.plus(x.paid), new D(0));
          const settled = y.shares.reduce((s, x) => s.plus(x.settlement), new D(0));
          return settled.eq(y.outcome.minus(paid)) && y.shares.reduce((s, x) => s.plus(x.outcomeShare), new D(0)).eq(y.outcome);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
