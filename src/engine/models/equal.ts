import { weightSet } from '../apportion';
import type { ModelSpec } from '../types';
import { codesOf, ModelDefinition } from './model';

type Equal = Extract<ModelSpec, { kind: 'equal' }>;
const ALL: Equal = { kind: 'equal', scope: 'all' };
const MUNICIPALITIES: Equal = { kind: 'equal', scope: 'municipalities' };

/** Model 3 of docs/domain.md: equal shares (lika delar), for every principal or every municipality. */
export const equal: ModelDefinition<Equal> = {
  kind: 'equal',
  choices: [
    { option: 'equal', words: 'lika delar', label: { sv: 'Lika delar, alla', en: 'Equal shares, all' }, spec: ALL },
    { option: 'equal-municipalities', words: 'lika delar kommuner', label: { sv: 'Lika delar, kommunerna', en: 'Equal shares, municipalities' }, spec: MUNICIPALITIES },
  ],
  parse: (t) => (/^(lika|equal)/.test(t) ? (/(kommun|municipal)/.test(t) ? MUNICIPALITIES : ALL) : null),
  describe: (m, lang) =>
    m.scope === 'all'
      ? { sv: 'lika delar, alla huvudmän', en: 'equal shares, all principals' }[lang]
      : { sv: 'lika delar mellan kommunerna', en: 'equal shares between the municipalities' }[lang],
  needsPopulation: () => [],
  rateDivisor: () => null,
  weights: (m, principals) => ({
    set: weightSet(principals.map((p) => (m.scope === 'all' || p.kind === 'municipality' ? 1 : 0)), codesOf(principals)),
    flags: [],
  }),
  key: (m) => `eq:${m.scope}`,
};
