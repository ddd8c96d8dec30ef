import { analyse } from '../../../src/engine/analyse';
import { parseModel } from '../../../src/engine/models';
import { countyPrincipals, line, plan, table } from '../../factories';

/**
 * The model added by following ARCHITECTURE's "how to add a model": one file
 * (src/engine/models/municipalitiesPerCapita.ts), one line in the registry,
 * and this test. Numbers by hand: Örebro län 2023-12-31, 12 municipalities,
 * 308 116 inhabitants; 1 000 000 kr × population / 308 116, floored, and the
 * 5 kronor left to the 5 largest remainders (Lindesberg ,906, Örebro ,858,
 * Hällefors ,723, Laxå ,683, Hallsberg ,458).
 */
describe('municipalities only, by population', () => {
  const orebro = countyPrincipals('18', '2023-12-31');

  it('is read from the plans’ words', () => {
    expect(parseModel('kommunerna efter folkmängd')).toEqual({ kind: 'model', model: { kind: 'municipalities-per-capita' } });
    expect(parseModel('Kommuner per invånare')).toEqual({ kind: 'model', model: { kind: 'municipalities-per-capita' } });
  });

  it('splits 1 000 000 kr between the 12 municipalities; Region Örebro län pays nothing', () => {
    const p = plan([line('Gemensam e-tjänst', 2025, 1_000_000, { model: { kind: 'municipalities-per-capita' } })]);
    const a = analyse(p, table(orebro), { rounding: 'kr' });
    const y = a.years[0];
    const share = (code: string) => y.shares.find((s) => s.principal.code === code)!.amount.toNumber();
    expect(share('18')).toBe(0);
    expect([share('1880'), share('1885'), share('1863'), share('1860'), share('1861')]).toEqual([517_169, 75_595, 21_080, 17_841, 52_682]);
    expect([share('1862'), share('1881'), share('1883'), share('1814')]).toEqual([30_368, 73_076, 98_213, 27_931]);
    expect(y.shares.reduce((s, x) => s + x.amount.toNumber(), 0)).toBe(1_000_000);
    // 1 000 000 kr × 100 / 308 116 inv = 324,553… öre/inv
    expect(y.rate!.orePerInhabitant.toString()).toBe('324.55');
  });

  it('needs the municipalities’ population, not the region’s', () => {
    const withoutRegionPop = orebro.map((x) => (x.kind === 'region' ? { ...x, population: null } : x));
    const withoutLaxa = orebro.map((x) => (x.code === '1860' ? { ...x, population: null } : x));
    const flags = (ps: typeof orebro) =>
      analyse(plan([line('X', 2025, 1000, { model: { kind: 'municipalities-per-capita' } })]), table(ps), { rounding: 'kr' }).flags.filter((f) => f.code === 'MISSING_POPULATION');
    expect(flags(withoutRegionPop)).toEqual([]);
    expect(flags(withoutLaxa).map((f) => f.params.code)).toEqual(['1860']);
  });
});
