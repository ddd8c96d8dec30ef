import { weightSet } from '../apportion';
import { D } from '../decimal';
import type { ModelSpec } from '../types';
import { codesOf, ModelDefinition, populationOf, populationSum } from './model';

type MunicipalitiesPerCapita = Extract<ModelSpec, { kind: 'municipalities-per-capita' }>;
const SPEC: MunicipalitiesPerCapita = { kind: 'municipalities-per-capita' };

/**
 * Model 6 of docs/domain.md: only the municipalities pay, by population; the region pays nothing. For
 * lines that serve the municipalities' own care alone. (This model is the
 * worked example of "how to add a model" in ARCHITECTURE.md: this file, one
 * line in the registry, and test/engine/models/municipalitiesPerCapita.test.ts.)
 */
export const municipalitiesPerCapita: ModelDefinition<MunicipalitiesPerCapita> = {
  kind: 'municipalities-per-capita',
  choices: [
    {
      option: 'municipalities-per-capita',
      words: 'kommunerna per invånare',
      label: { sv: 'Bara kommunerna, efter folkmängd', en: 'Municipalities only, by population' },
      spec: SPEC,
    },
  ],
  parse: (t) => (/^(kommuner(na)? (per invanare|efter (folkmangd|invanare|befolkning))|municipalities (per capita|by population)|municipalities-per-capita)$/.test(t) ? SPEC : null),
  describe: (_, lang) => (lang === 'sv' ? 'bara kommunerna, efter folkmängd' : 'municipalities only, by population'),
  needsPopulation: (_, principals) => principals.filter((p) => p.kind === 'municipality'),
  rateDivisor: (_, principals) => populationSum(principals.filter((p) => p.kind === 'municipality')),
  weights: (_, principals) => ({
    set: weightSet(principals.map((p) => (p.kind === 'municipality' ? populationOf(p) : new D(0))), codesOf(principals)),
    flags: [],
  }),
  key: () => 'municipalities-per-capita',
};
