import fc from 'fast-check';
import { apportion, weightSet } from '../../src/engine/apportion';
import { D } from '../../src/engine/decimal';

const RUNS = 10_000;
const codesFor = (n: number) => Array.from({ length: n }, (_, i) => String(1000 + i));
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('apportion', () => {
  it('splits 10 in three equal parts as 4, 3, 3 with the tie to the smallest code', () => {
    const r = apportion(10, weightSet([1, 1, 1], ['b', 'a', 'c']))!;
    expect(Array.from(r.shares)).toEqual([3, 4, 3]);
    expect(Array.from(r.remainderUnits)).toEqual([0, 1, 0]);
  });

  it('breaks a tie of remainders by the larger weight, then by the smaller code', () => {
    // quotas 0.5 and 1.5: equal remainders, the unit goes to the larger weight
    const t = apportion(2, weightSet([1, 3], ['a', 'b']))!;
    expect(Array.from(t.shares)).toEqual([0, 2]);
    // quotas .5 .5 1 1: equal weights and remainders, the unit goes to code 'a'
    const u = apportion(3, weightSet([1, 1, 2, 2], ['a', 'b', 'c', 'd']))!;
    expect(Array.from(u.shares)).toEqual([1, 0, 1, 1]);
    // quotas .125 .375 .375 .125: the larger weights tie, code 'x' < 'y'
    const v = apportion(1, weightSet([1, 3, 3, 1], ['z', 'y', 'x', 'a']))!;
    expect(Array.from(v.shares)).toEqual([0, 0, 1, 0]);
  });

  it('returns null (not a crash) for zero total weight', () => {
    expect(apportion(100, weightSet([0, 0], ['a', 'b']))).toBeNull();
  });

  it('splits Region Skåne against the 33 municipalities 1 150 000 / 1 150 000', () => {
    const r = apportion(2_300_000, weightSet([1_414_324, 1_414_324], ['12', 'kommuner']))!;
    expect(Array.from(r.shares)).toEqual([1_150_000, 1_150_000]);
  });

  it('uses BigInt when total × weight exceeds 2^53 and gives the same result as the fast path', () => {
    const big = apportion(4_000_000_000_000, weightSet([3_000_000_000, 1_000_000_001, 7], ['a', 'b', 'c']))!;
    expect(sum(big.shares)).toBe(4_000_000_000_000);
    const exact = [3_000_000_000, 1_000_000_001, 7].map((w) => new D(4_000_000_000_000).times(w).div(4_000_000_008));
    Array.from(big.shares).forEach((s, i) => expect(Math.abs(s - exact[i].toNumber())).toBeLessThan(1));
  });

  it('scales decimal weights without changing the split', () => {
    const a = apportion(1000, weightSet([new D('12.5'), new D('37.5')], ['a', 'b']))!;
    const b = apportion(1000, weightSet([125, 375], ['a', 'b']))!;
    expect(Array.from(a.shares)).toEqual(Array.from(b.shares));
    expect(Array.from(a.shares)).toEqual([250, 750]);
  });

  it('rejects a negative weight as misuse', () => {
    expect(() => weightSet([1, -1], ['a', 'b'])).toThrow(/sgd:WEIGHTS/);
  });

});

describe('apportion properties', () => {
  const weightsArb = fc.array(fc.nat({ max: 2_000_000 }), { minLength: 1, maxLength: 40 });
  const totalArb = fc.integer({ min: -50_000_000, max: 50_000_000 });
  const hugeArb = fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 });

  it('parts add up exactly to the total (fast and BigInt paths)', () => {
    fc.assert(
      fc.property(weightsArb, totalArb, (ws, total) => {
        fc.pre(ws.some((w) => w > 0));
        const r = apportion(total, weightSet(ws, codesFor(ws.length)))!;
        return sum(r.shares) === total;
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(hugeArb, fc.integer({ min: -1e12, max: 1e12 }), (ws, total) => {
        fc.pre(ws.some((w) => w > 0n));
        const r = apportion(total, weightSet(ws, codesFor(ws.length)))!;
        return sum(r.shares) === total;
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(weightsArb, totalArb, fc.integer(), (ws, total, seed) => {
        fc.pre(ws.some((w) => w > 0));
        const codes = codesFor(ws.length);
        const base = apportion(total, weightSet(ws, codes))!;
        const perm = ws.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
        const r = apportion(total, weightSet(perm.map((i) => ws[i]), perm.map((i) => codes[i])))!;
        return perm.every((orig, pos) => r.shares[pos] === base.shares[orig]);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps the sign of the total and splits negatives symmetrically', () => {
    fc.assert(
      fc.property(weightsArb, totalArb, (ws, total) => {
        fc.pre(ws.some((w) => w > 0));
        const set = weightSet(ws, codesFor(ws.length));
        const pos = apportion(total, set)!;
        const neg = apportion(-total, set)!;
        return Array.from(pos.shares).every(
          (s, i) => (s === 0 || Math.sign(s) === Math.sign(total)) && neg.shares[i] === (-s || 0),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('gives zero to a zero weight', () => {
    fc.assert(
      fc.property(weightsArb, totalArb, fc.nat(), (ws, total, at) => {
        const i = at % ws.length;
        const w = ws.slice();
        w[i] = 0;
        fc.pre(w.some((x) => x > 0));
        const r = apportion(total, weightSet(w, codesFor(w.length)))!;
        return r.shares[i] === 0;
      }),
      { numRuns: RUNS },
    );
  });

  it('never gives a larger weight less than a smaller one', () => {
    fc.assert(
      fc.property(weightsArb, fc.nat({ max: 50_000_000 }), (ws, total) => {
        fc.pre(ws.some((w) => w > 0));
        const r = apportion(total, weightSet(ws, codesFor(ws.length)))!;
        for (let i = 0; i < ws.length; i++)
          for (let j = 0; j < ws.length; j++) if (ws[i] > ws[j] && r.shares[i] < r.shares[j]) return false;
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('rounds every share to within one unit of its exact quota', () => {
    fc.assert(
      fc.property(weightsArb, totalArb, (ws, total) => {
        fc.pre(ws.some((w) => w > 0));
        const W = ws.reduce((a, b) => a + b, 0);
        const r = apportion(total, weightSet(ws, codesFor(ws.length)))!;
        return Array.from(r.shares).every((s, i) => {
          const exact = new D(total).times(ws[i]).div(W);
          const floorAbs = exact.abs().floor();
          return exact.minus(s).abs().lt(1) && r.remainderUnits[i] === (new D(s).abs().gt(floorAbs) ? 1 : 0);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('apportion at the edges of exact doubles', () => {
  it('is exact for tiny total weights and totals near 2^53', () => {
    for (const ws of [[1], [1, 1], [1, 2], [2, 1], [1, 1, 1], [3], [2, 3, 2]]) {
      for (const total of [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 52 + 1, 3_000_000_000_000_001]) {
        const W = ws.reduce((a, b) => a + b, 0);
        const r = apportion(total, weightSet(ws, ws.map((_, i) => String(i))))!;
        const exact = ws.map((w) => (BigInt(total) * BigInt(w)) / BigInt(W));
        r.shares.forEach((s, i) => expect(BigInt(s) - exact[i] === 0n || BigInt(s) - exact[i] === 1n).toBe(true));
        expect(Array.from(r.shares).reduce((a, b) => a + b, 0)).toBe(total);
      }
    }
  });
});
