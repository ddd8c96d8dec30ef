import type { ModelSpec } from '../types';
import type { ModelDefinition } from './model';

type OwnCost = Extract<ModelSpec, { kind: 'own-cost' }>;
const SPEC: OwnCost = { kind: 'own-cost' };

/** Model 7 of docs/domain.md: "betalas av denne" — nothing is split; each principal carries its own cost. */
export const ownCost: ModelDefinition<OwnCost> = {
  kind: 'own-cost',
  choices: [{ option: 'own-cost', words: 'egen kostnad', label: { sv: 'Egen kostnad (fördelas inte)', en: 'Own cost (not split)' }, spec: SPEC }],
  parse: (t) => (/^(egen|own)/.test(t) ? SPEC : null),
  describe: (_, lang) => (lang === 'sv' ? 'egen kostnad, fördelas inte' : 'own cost, not split'),
  needsPopulation: () => [],
  rateDivisor: () => null,
  weights: () => ({ set: null, flags: [] }),
  key: () => 'own-cost',
};
