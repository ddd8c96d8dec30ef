import * as fs from 'fs';
import * as path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { USAGE } from '../../../src/cli/messages';
import fc from 'fast-check';
import { allocateYear } from '../../../src/engine/allocate';
import { D } from '../../../src/engine/decimal';
import { choiceList, describeModel, MODELS, modelChoices, modelWeights, parseModel, parseModelOption, parseRatio, WeightBook } from '../../../src/engine/models';
import type { ModelSpec } from '../../../src/engine/types';
import { localizeMetadata } from '../../../src/functions/localize';
import { modelOptions } from '../../../src/taskpane/i18n';
import { line, principal } from '../../factories';

const MODELS_DIR = path.join(__dirname, '..', '..', '..', 'src', 'engine', 'models');
/** Files of the folder that hold the registry's machinery, not a model. */
const MACHINERY = ['index.ts', 'model.ts', 'ratio.ts', 'registry.ts', 'weightBook.ts'];

const optionWord = (c: ReturnType<typeof modelChoices>[number], lang: 'sv' | 'en') => (c.argument ? `${c.option}:<${c.argument[lang]}>` : c.option);

describe('the model registry', () => {
  it('registers every model file of src/engine/models, each kind once', () => {
    const files = fs.readdirSync(MODELS_DIR).filter((f) => f.endsWith('.ts') && !MACHINERY.includes(f));
    expect(MODELS).toHaveLength(files.length);
    expect(new Set(MODELS.map((m) => m.kind)).size).toBe(MODELS.length);
  });

  it('puts every choice in CLI usage, Swedish and English', () => {
    for (const c of modelChoices()) {
      expect(USAGE.sv).toContain(optionWord(c, 'sv'));
      expect(USAGE.en).toContain(optionWord(c, 'en'));
    }
  });

  it('offers every choice that needs no column name in the pane, with a label in both languages', () => {
    const offered = (lang: 'sv' | 'en') => modelOptions(lang).map((o) => o.value);
    const expected = modelChoices().filter((c) => !c.argument).map((c) => c.option);
    expect(offered('sv')).toEqual(expected);
    expect(offered('en')).toEqual(expected);
    expect(modelOptions('sv').every((o) => o.label.length > 3)).toBe(true);
  });

  it("names every choice in the custom functions' help, English (JSDoc) and Swedish", async () => {
    const r = await generateCustomFunctionsMetadata(path.join(__dirname, '..', '..', '..', 'src', 'functions', 'functions.ts'));
    const descriptions = (json: string) =>
      (JSON.parse(json) as { functions: Array<{ parameters: Array<{ name: string; description: string }> }> }).functions.flatMap((f) => f.parameters.filter((p) => p.name === 'model' || p.name === 'modell').map((p) => p.description));
    const en = descriptions(r.metadataJson);
    const sv = descriptions(localizeMetadata(r.metadataJson));
    expect(en.length).toBe(3);
    for (const c of modelChoices()) {
      for (const d of en) expect(d).toContain(c.argument ? `${c.option}:<column>` : c.option);
      for (const d of sv) expect(d).toContain(optionWord(c, 'sv'));
    }
  });

  it('reads every choice by its option word and by its words, and describes it in both languages', () => {
    for (const c of modelChoices()) {
      if (!c.argument) expect(parseModelOption(c.option)).toEqual(c.spec);
      const parsed = parseModel(c.argument ? `${c.words}: Licenser` : c.words);
      expect(parsed.kind).toBe('model');
      if (parsed.kind === 'model') expect(parsed.model.kind).toBe(c.spec.kind);
      expect(describeModel(c.spec, 'sv')).not.toBe(describeModel(c.spec, 'en'));
    }
    expect(choiceList('sv')).toMatch(/^region-municipality, /);
  });

  it('reads the group split of the region : municipalities model', () => {
    expect(parseModel('1:1 lika')).toMatchObject({ model: { kind: 'region-municipality', group: { by: 'equal' } } });
    expect(parseModel('2:1 nyckel: Licenser')).toMatchObject({ model: { ratio: { region: new D(2) }, group: { by: 'key', column: 'Licenser' } } });
    expect(parseModel('SGD-modellen 1:1')).toMatchObject({ model: { group: { by: 'population' } } });
  });
});

describe('ratios are read as typed, or not at all', () => {
  it.each([
    ['1:1', [1, 1]],
    ['2:1', [2, 1]],
    ['60/40', [60, 40]],
    ['60 % / 40 %', [60, 40]],
    ['0,6:0,4', [0.6, 0.4]],
  ])('%s', (text, [a, b]) => {
    expect(parseRatio(text)).toEqual({ region: new D(a), municipalities: new D(b) });
  });

  it.each(['2/3:1/3', '1e3:1', '-1:2', '0:1', '1:0', '1:1:1', 'x1:1', '1:1x', '', '1'])('refuses %j', (text) => {
    expect(parseRatio(text)).toBeNull();
  });

  it('does not read a ratio out of other numbers in model words', () => {
    expect(parseModel('2/3:1/3').kind).toBe('unknown');
    expect(parseModel('1e3:1').kind).toBe('unknown');
    expect(parseModel('-1:2').kind).toBe('unknown');
  });
});

describe('the cost-table properties hold under every registered model (mixed in one year)', () => {
  const splitting = modelChoices().filter((c) => c.spec.kind !== 'own-cost');
  const specOf = (c: (typeof splitting)[number]): ModelSpec =>
    c.spec.kind === 'key' ? { kind: 'key', column: 'Licenser' } : c.spec.kind === 'percent' ? { kind: 'percent', column: 'Andel %' } : c.spec;

  it('rows add up to the year share, columns to the area, every cell within one unit of its exact quota', () => {
    const arb = fc.record({
      pops: fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 2, maxLength: 25 }),
      licences: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 26, maxLength: 26 }),
      areas: fc.array(fc.tuple(fc.integer({ min: -100_000, max: 3_000_000 }), fc.nat(splitting.length - 1)), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ pops, licences, areas }) => {
        fc.pre(licences.slice(0, pops.length + 1).some((l) => l > 0));
        const n = pops.length + 1;
        // Percentages that add up to 100: everything to the region but what the municipalities get by licence.
        const pct = Array.from({ length: n }, (_, i) => (i === 0 ? 100 - (n - 1) : 1));
        const ps = [
          principal('12', 'Region', 'region', pops.reduce((a, b) => a + b, 0), undefined, { Licenser: licences[0], 'Andel %': pct[0] }),
          ...pops.map((p, i) => principal(String(1200 + i + 1), `K${i}`, 'municipality', p, undefined, { Licenser: licences[i + 1], 'Andel %': pct[i + 1] })),
        ];
        const models = areas.map(([, k]) => specOf(splitting[k]));
        const lines = areas.map(([amount], j) => line(`Område ${j}`, 2025, amount, { model: models[j] }));
        const y = allocateYear(2025, lines, new WeightBook(ps), null, { rounding: 'kr' }).result!;
        const weights = models.map((m) => modelWeights(m, ps).set!);
        for (let j = 0; j < areas.length; j++) {
          if (!y.shares.reduce((t, s) => t.plus(s.byArea[j]), new D(0)).eq(areas[j][0])) return false;
          for (let i = 0; i < n; i++) {
            const exact = new D(areas[j][0]).times(weights[j].weights[i].toString()).div(weights[j].total.toString());
            if (!exact.minus(y.shares[i].byArea[j]).abs().lt(1)) return false;
          }
        }
        return y.shares.every((s) => s.byArea.reduce((t, v) => t.plus(v), new D(0)).eq(s.amount));
      }),
      { numRuns: 2000 },
    );
  });
});
