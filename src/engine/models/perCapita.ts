import { weightSet } from '../apportion';
import type { ModelSpec } from '../types';
import { codesOf, ModelDefinition, populationOf, populationSum } from './model';

type PerCapita = Extract<ModelSpec, { kind: 'per-capita' }>;
const SPEC: PerCapita = { kind: 'per-capita' };

/** Model 2 of docs/domain.md: every principal pays by its population. */
export const perCapita: ModelDefinition<PerCapita> = {
  kind: 'per-capita',
  choices: [{ option: 'per-capita', words: 'per invånare', label: { sv: 'Per invånare, alla huvudmän', en: 'Per capita, all principals' }, spec: SPEC }],
  parse: (t) => (/^(per (capita|invanare)|per-capita|invanare|befolkning|folkmangd|population)/.test(t) ? SPEC : null),
  describe: (_, lang) => (lang === 'sv' ? 'per invånare, alla huvudmän' : 'per capita, all principals'),
  needsPopulation: (_, principals) => principals,
  rateDivisor: (_, principals) => populationSum(principals),
  weights: (_, principals) => ({ set: weightSet(principals.map(populationOf), codesOf(principals)), flags: [] }),
  key: () => 'per-capita',
};
