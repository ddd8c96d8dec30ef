import fc from 'fast-check';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import * as path from 'path';
import { D } from '../../src/engine/decimal';
import { RangeCache, shareCore, allocateCore } from '../../src/functions/core';
import { localizeMetadata, SWEDISH } from '../../src/functions/localize';
import { countyPrincipals } from '../factories';
import { errorOf, stubCustomFunctions } from './stubs';

stubCustomFunctions();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

/** Region Skåne and the 33 municipalities as a range with a header row, as Excel passes it. */
const skaneRange = (): unknown[][] => [
  ['Kod', 'Namn', 'Typ', 'Folkmängd'],
  ...countyPrincipals('12', '2022-12-31').map((p) => [p.code, p.name, p.kind === 'region' ? 'Region' : 'Kommun', p.population!.toNumber()]),
];

beforeEach(() => F.clearFunctionCache());

describe('SGD.SHARE', () => {
  it('gives Region Skåne 1 150 000 of 2 300 000 (docs/domain.md)', () => {
    expect(F.share(2_300_000, '12', skaneRange())).toBe(1_150_000);
    expect(F.share(2_300_000, 12, skaneRange())).toBe(1_150_000);
    expect(F.share(2_300_000, 'Region Skåne', skaneRange())).toBe(1_150_000);
  });

  it('a column of SHARE cells adds up to the amount, and each equals ALLOCATE’s entry', () => {
    const range = skaneRange();
    const column = F.allocate(1_750_000, range) as Array<[number | string]>;
    expect(column[0]).toEqual(['']);
    let sum = 0;
    for (const row of range.slice(1)) {
      const s = F.share(1_750_000, row[0], range);
      sum += s;
      expect(column[range.indexOf(row)][0]).toBe(s);
    }
    expect(sum).toBe(1_750_000);
  });

  it('accepts amounts as Swedish text and splits in öre on request', () => {
    expect(F.share('1 150 000 kr', '1280', skaneRange())).toBe(F.share(1_150_000, '1280', skaneRange()));
    const ore = F.allocate(1_000_001, skaneRange(), null, null, 'öre') as Array<[number | string]>;
    const total = ore.slice(1).reduce((s, [v]) => s.plus(v as number), new D(0));
    expect(total.toString()).toBe('1000001');
  });

  it('treats empty cells the same whether they arrive as 0 (desktop) or null (web)', () => {
    const desktop = F.share(1_000_000, '1280', skaneRange(), 0, 0, 0);
    F.clearFunctionCache();
    const web = F.share(1_000_000, '1280', skaneRange(), null, null, null);
    expect(web).toBe(desktop);
    const withBlankRowsDesktop = [...skaneRange(), [0, 0, 0, 0], [0, 0, 0, 0]];
    const withBlankRowsWeb = [...skaneRange(), [null, null, null, null], [null, null, null, null]];
    expect(F.allocate(999, withBlankRowsDesktop)).toEqual(F.allocate(999, withBlankRowsWeb));
    expect((F.allocate(999, withBlankRowsWeb) as unknown[][]).slice(-2)).toEqual([[''], ['']]);
  });

  it('reads a range without a header row as code, kind, population', () => {
    const headerless = skaneRange().slice(1).map((r) => [r[0], r[2], r[3]]);
    expect(F.share(2_300_000, '1280', headerless)).toBe(F.share(2_300_000, '1280', skaneRange()));
  });

  it('uses the model, ratio and a key column when given', () => {
    const range = [
      ['Kod', 'Namn', 'Typ', 'Folkmängd', 'Licenser'],
      ['13', 'Region Halland', 'Region', 342805, 10],
      ['1380', 'Halmstad', 'Kommun', 105148, 30],
      ['1315', 'Hylte', 'Kommun', 10464, 0],
    ];
    expect(F.allocate(1000, range, 'key:Licenser')).toEqual([[''], [250], [750], [0]]);
    expect(F.allocate(900, range, 'equal')).toEqual([[''], [300], [300], [300]]);
    expect(F.share(900_000, '13', range, null, '2:1')).toBe(600_000);
  });

  it('says what is wrong: #VALUE! for bad arguments, #N/A for an unknown principal', () => {
    expect(errorOf(() => F.share(1000, '9999', skaneRange()))).toEqual({ code: '#N/A', message: '9999 finns inte bland huvudmännen i området.' });
    expect(errorOf(() => F.share('mycket', '1280', skaneRange()))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('är inget belopp') });
    expect(errorOf(() => F.share(1000, '1280', skaneRange(), 'magisk'))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('Okänd modell') });
    expect(errorOf(() => F.share(1000, '1280', skaneRange(), null, 0.0423))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('som text') });
    expect(errorOf(() => F.share(1000, '1280', skaneRange(), null, null, 'tior'))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('Avrundningen') });
    expect(errorOf(() => F.share(1000, '1280', [[null, null]]))).toMatchObject({ code: '#VALUE!', message: 'Området med huvudmän är tomt.' });
    expect(errorOf(() => F.share(1000, null, skaneRange()))).toMatchObject({ code: '#VALUE!', message: 'Ange huvudmannen (kod eller namn).' });
    const zero = skaneRange().map((r, i) => (i === 5 ? [r[0], r[1], r[2], 0] : r));
    expect(errorOf(() => F.share(1000, '1280', zero))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('saknar folkmängd') });
    const dup = [...skaneRange(), skaneRange()[3]];
    expect(errorOf(() => F.share(1000, '1280', dup))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('två gånger') });
  });
});

describe('SGD.RATE, SGD.EXPLAIN, SGD.AMOUNT', () => {
  it('states the rate as the plans do: 81,31 and 61,87 öre/inv', () => {
    expect(F.rate(2_300_000, 1_414_324)).toBe(81.31);
    expect(F.rate(1_750_000, 1_414_324)).toBe(61.87);
    expect(F.rate('2 100 000 kr', '1 414 324')).toBe(74.24);
    expect(errorOf(() => F.rate(100, 0))).toMatchObject({ code: '#VALUE!' });
  });

  it('explains a share in one line', () => {
    const text = F.explain(1_750_000, 'Malmö', skaneRange());
    // 875 000 × 357 377 / 1 414 324 = 221 098,47…
    expect(text).toMatch(/^Malmö \(1280\) betalar 221\u00a0098 kr av 1\u00a0750\u00a0000 kr; modell region : kommuner 1:1/);
    expect(text).toContain('folkmängd 357\u00a0377');
    expect(text).toContain('61,87 öre/inv');
    expect(text).toContain('exakt 221\u00a0098,47 kr, inget ur resten');
    const svalov = F.explain(1_750_000, 'Svalöv', skaneRange()); // 8 949,67… rounds up
    expect(svalov).toMatch(/^Svalöv \(1214\) betalar 8\u00a0950 kr .*\+1 kr ur resten/);
  });

  it('reads Swedish amount text', () => {
    expect(F.amount('1 150 000 kr')).toBe(1150000);
    expect(F.amount('82,09 öre/inv')).toBe(82.09);
    expect(F.amount('\u221250 000')).toBe(-50000);
    expect(F.amount(null)).toBe(0);
    expect(errorOf(() => F.amount('tusen'))).toMatchObject({ code: '#VALUE!' });
  });
});

describe('properties', () => {
  it('the SHARE column over any principals table adds up to the amount', () => {
    const rowArb = fc.record({ pop: fc.integer({ min: 1, max: 500_000 }), muni: fc.boolean() });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 2, maxLength: 40 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom('1:1', 'per-capita', 'equal'), (rows, amount, model) => {
        const range = [['Kod', 'Typ', 'Folkmängd'], ['12', 'Region', rows.reduce((s, r) => s + r.pop, 0)], ...rows.map((r, i) => [String(1200 + i), 'Kommun', r.pop])];
        const cache = new RangeCache();
        let sum = 0;
        for (const r of range.slice(1)) {
          const v = shareCore(cache, amount, r[0], range, model);
          if (typeof v !== 'number') return false;
          sum += v;
        }
        const col = allocateCore(new RangeCache(), amount, range, model);
        return sum === amount && Array.isArray(col) && col.slice(1).every(([v], i) => v === shareCore(cache, amount, range[i + 1][0], range, model));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('rich values and languages', () => {
  it('reads a data-type cell (a Geography entity in the name column) by its basicValue', () => {
    const range = skaneRange().map((row, i) => (i === 0 || typeof row[1] !== 'string' ? row : [row[0], { type: 'Entity', basicValue: row[1], text: row[1] }, ...row.slice(2)]));
    expect(F.share(1_750_000, 'Malmö', range)).toBe(F.share(1_750_000, 'Malmö', skaneRange()));
  });

  it('gives its errors in English when Excel runs in another language than Swedish', () => {
    (globalThis as unknown as { Office: unknown }).Office = { context: { displayLanguage: 'en-GB' } };
    try {
      expect(errorOf(() => F.share(1000, '9999', skaneRange()))).toEqual({ code: '#N/A', message: '9999 is not among the principals in the range.' });
      expect(F.explain(1_750_000, '1280', skaneRange())).toMatch(/^Malmö \(1280\) pays SEK 221,098 of SEK 1,750,000; model region : municipalities 1:1/);
    } finally {
      delete (globalThis as unknown as { Office?: unknown }).Office;
    }
  });
});

describe('metadata', () => {
  let meta: { functions: Array<{ id: string; name: string; parameters: Array<{ name: string; type?: string; optional?: boolean; dimensionality?: string }>; result: { type?: string; dimensionality?: string } }> };
  let json: string;
  beforeAll(async () => {
    const r = await generateCustomFunctionsMetadata(path.join(__dirname, '..', '..', 'src', 'functions', 'functions.ts'));
    expect(r.errors).toEqual([]);
    json = r.metadataJson;
    meta = JSON.parse(json);
  });

  it('has the five functions with their ids, parameter types and optional flags', () => {
    expect(meta.functions.map((f) => f.id)).toEqual(['SHARE', 'ALLOCATE', 'RATE', 'EXPLAIN', 'AMOUNT']);
    const share = meta.functions.find((f) => f.id === 'SHARE')!;
    expect(share.parameters.map((p) => [p.name, p.type, !!p.optional, p.dimensionality ?? 'scalar'])).toEqual([
      ['amount', 'any', false, 'scalar'],
      ['principal', 'any', false, 'scalar'],
      ['principals', 'any', false, 'matrix'],
      ['model', 'any', true, 'scalar'],
      ['ratio', 'any', true, 'scalar'],
      ['rounding', 'any', true, 'scalar'],
    ]);
    expect(share.result).toEqual({ type: 'number' });
    expect(meta.functions.find((f) => f.id === 'ALLOCATE')!.result).toEqual({ dimensionality: 'matrix' });
    expect(meta.functions.find((f) => f.id === 'EXPLAIN')!.result).toEqual({ type: 'string' });
  });

  it('has Swedish names and descriptions for every function and parameter', () => {
    const sv = JSON.parse(localizeMetadata(json));
    expect(sv.functions.map((f: { id: string; name: string }) => `${f.id}=${f.name}`)).toEqual(['SHARE=ANDEL', 'ALLOCATE=FÖRDELA', 'RATE=TAXA', 'EXPLAIN=FÖRKLARA', 'AMOUNT=BELOPP']);
    for (const f of sv.functions) {
      expect(f.description).toMatch(/[åäö]/i);
      for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(5);
    }
    expect(Object.keys(SWEDISH).sort()).toEqual(meta.functions.map((f) => f.id).sort());
    expect(() => localizeMetadata(json, { SHARE: SWEDISH.SHARE })).toThrow(/ALLOCATE/);
  });
});
