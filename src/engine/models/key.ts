import { weightSet } from '../apportion';
import { flag } from '../flags';
import { normalise } from '../text';
import type { ModelSpec } from '../types';
import { afterColon, codesOf, findKeyColumn, keyColumnWeights, ModelDefinition, POPULATION_WORDS, populationOf } from './model';

type Key = Extract<ModelSpec, { kind: 'key' }>;

/** "nyckel: Folkmängd" names the population itself, not a key column. */
const isPopulation = (m: Key) => POPULATION_WORDS.test(normalise(m.column));

/**
 * Model 4 of docs/domain.md, "avvikande princip": a weight column per
 * principal (users, licences, units), named after a colon.
 */
export const key: ModelDefinition<Key> = {
  kind: 'key',
  choices: [
    {
      option: 'key',
      words: 'nyckel',
      argument: { sv: 'kolumn', en: 'column' },
      label: { sv: 'Nyckel (en kolumn per huvudman)', en: 'Key (a column per principal)' },
      spec: { kind: 'key', column: '' },
    },
  ],
  parse: (t, original) => (/^(nyckel|key|anvandning|usage|avvikande)/.test(t) ? { kind: 'key', column: afterColon(original) } : null),
  describe: (m, lang) => `${lang === 'sv' ? 'nyckel' : 'key'}: ${m.column || '–'}`,
  needsPopulation: (m, principals) => (isPopulation(m) ? principals : []),
  rateDivisor: () => null,
  weights: (m, principals) => {
    if (isPopulation(m)) return { set: weightSet(principals.map(populationOf), codesOf(principals)), flags: [] };
    const column = findKeyColumn(principals, m.column);
    if (!column) return { set: null, flags: [flag('MISSING_KEY', null, { column: m.column || '–' })] };
    return keyColumnWeights(principals, column);
  },
  key: (m) => `key:${normalise(m.column)}`,
};
