import { analyse } from '../../src/engine/analyse';
import { D } from '../../src/engine/decimal';
import { parseModel } from '../../src/engine/models';
import { countyPrincipals, line, plan, principal, sgdPlan, table } from '../factories';

const skane = () => countyPrincipals('12', '2022-12-31');
const sum = (xs: readonly { amount: InstanceType<typeof D> }[]) => xs.reduce((s, x) => s.plus(x.amount), new D(0));

describe('the region : municipalities model (1:1) on Skåne', () => {
  it('gives Region Skåne 1 150 000 of 2 300 000 and the rate 81,31 öre/inv (docs/domain.md)', () => {
    const a = analyse(sgdPlan(), table(skane()), { rounding: 'kr' });
    const y2023 = a.years.find((y) => y.year === 2023)!;
    expect(y2023.amount.toString()).toBe('2300000');
    const region = y2023.shares.find((s) => s.principal.kind === 'region')!;
    expect(region.amount.toString()).toBe('1150000');
    expect(sum(y2023.shares.filter((s) => s.principal.kind === 'municipality')).toString()).toBe('1150000');
    expect(y2023.rate!.orePerInhabitant.toFixed(2)).toBe('81.31');
    expect(y2023.rate!.divisor.toString()).toBe('2828648');
  });

  it('splits 1 750 000 in 2024 at 61,87 öre/inv, Malmö by population', () => {
    const a = analyse(sgdPlan(), table(skane()), { rounding: 'kr' });
    const y = a.years.find((x) => x.year === 2024)!;
    expect(y.amount.toString()).toBe('1750000');
    expect(y.rate!.orePerInhabitant.toFixed(2)).toBe('61.87');
    expect(sum(y.shares).toString()).toBe('1750000');
    const malmo = y.shares.find((s) => s.principal.code === '1280')!;
    // 875 000 × 357 377 / 1 414 324 = 221 098.47…
    const exact = new D(875_000).times(357_377).div(1_414_324);
    expect(malmo.amount.minus(exact).abs().lt(1)).toBe(true);
    expect(malmo.exactQuota.toFixed(6)).toBe(exact.toFixed(6));
  });

  it('every row of the cost table adds up to the principal amount and every column to the area', () => {
    const a = analyse(sgdPlan(), table(skane()), { rounding: 'kr' });
    for (const y of a.years) {
      for (const s of y.shares) expect(s.byArea.reduce((t, v) => t.plus(v), new D(0)).eq(s.amount)).toBe(true);
      y.areas.forEach((area, c) => expect(y.shares.reduce((t, s) => t.plus(s.byArea[c]), new D(0)).eq(area.amount)).toBe(true));
    }
  });

  it('honours another ratio, 2:1', () => {
    const a = analyse(plan([line('X', 2025, 900_000)]), table(skane()), { rounding: 'kr', ratio: { region: new D(2), municipalities: new D(1) } });
    const region = a.years[0].shares.find((s) => s.principal.kind === 'region')!;
    expect(region.amount.toString()).toBe('600000');
  });

  it('splits in öre on request, still exactly', () => {
    const a = analyse(plan([line('X', 2025, 1_000_001)]), table(skane()), { rounding: 'ore' });
    const y = a.years[0];
    expect(y.unit).toBe('ore');
    expect(sum(y.shares).toString()).toBe('1000001');
    expect(y.shares.some((s) => !s.amount.isInteger())).toBe(true);
  });
});

describe('the other models', () => {
  const ps = [
    principal('13', 'Region Halland', 'region', 300, '2023-12-31', { Licenser: 10, 'Andel %': 40 }),
    principal('1380', 'Halmstad', 'municipality', 200, '2023-12-31', { Licenser: 30, 'Andel %': 35 }),
    principal('1315', 'Hylte', 'municipality', 100, '2023-12-31', { Licenser: 0, 'Andel %': 25 }),
  ];
  const run = (model: string, amount = 1000) => {
    const m = parseModel(model);
    if (m.kind !== 'model') throw new Error('not a model');
    return analyse(plan([line('Tjänst', 2024, amount, { model: m.model })]), table(ps), { rounding: 'kr', expectedPrincipals: 3 }).years[0].shares.map((s) =>
      s.amount.toNumber(),
    );
  };
  it('per capita over all principals', () => expect(run('per invånare', 1200)).toEqual([600, 400, 200]));
  it('equal shares', () => expect(run('lika delar')).toEqual([334, 333, 333]));
  it('equal shares between the municipalities only', () => expect(run('lika delar mellan kommunerna')).toEqual([0, 500, 500]));
  it('a key column', () => expect(run('nyckel: Licenser')).toEqual([250, 750, 0]));
  it('fixed percentages', () => expect(run('procent')).toEqual([400, 350, 250]));
  it('own cost is not split', () => {
    const a = analyse(plan([line('Införande', 2024, 1000, { financing: 'own' })]), table(ps), { rounding: 'kr', expectedPrincipals: 3 });
    expect(a.years[0].amount.toNumber()).toBe(0);
    expect(a.years[0].ownCost[0].amount.toNumber()).toBe(1000);
  });
  it('co-financing: participants pay 50 % equally, the rest by the line model', () => {
    const l = line('NPÖ-projekt', 2017, 1_000_000, {
      model: { kind: 'per-capita' },
      coFinancing: { percent: new D(50), participants: ['1380', 'Hylte'], key: null, ref: null },
    });
    const shares = analyse(plan([l]), table(ps), { rounding: 'kr', expectedPrincipals: 3 }).years[0].shares.map((s) => s.amount.toNumber());
    // 500 000 per capita: 250 000 / 166 667 / 83 333; 500 000 equally between Halmstad and Hylte
    expect(shares).toEqual([250_000, 166_667 + 250_000, 83_333 + 250_000]);
    expect(shares.reduce((a, b) => a + b)).toBe(1_000_000);
  });
  it('external financing is deducted and shown as not split', () => {
    const l = line('Uppkoppling', 2017, 1_500_000, { externalDeduction: new D(500_000), payer: 'Omställningsprogrammet' });
    const a = analyse(plan([l]), table(ps), { rounding: 'kr', expectedPrincipals: 3 });
    expect(a.years[0].amount.toNumber()).toBe(1_000_000);
    expect(a.years[0].external).toEqual([expect.objectContaining({ payer: 'Omställningsprogrammet' })]);
    expect(a.flags.map((f) => f.code)).toContain('EXTERNAL_NOT_ALLOCATED');
  });
  it('zero total weight is a flag, not a crash', () => {
    const zero = [principal('1380', 'Halmstad', 'municipality', 1, '2023-12-31', { K: 0 })];
    const a = analyse(plan([line('X', 2024, 100, { model: { kind: 'key', column: 'K' } })]), table(zero), { rounding: 'kr', expectedPrincipals: 1 });
    expect(a.flags.map((f) => f.code)).toContain('ZERO_WEIGHT');
    expect(a.years[0].amount.toNumber()).toBe(0);
  });
});
