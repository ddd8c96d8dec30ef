import { D } from '../decimal';
import { flag } from '../flags';
import { normalise } from '../text';
import type { ModelSpec } from '../types';
import { afterColon, findKeyColumn, keyColumnWeights, ModelDefinition } from './model';

type Percent = Extract<ModelSpec, { kind: 'percent' }>;

/** Model 5 of docs/domain.md: fixed percentages decided by the principals; they must add up to 100 %. */
export const percent: ModelDefinition<Percent> = {
  kind: 'percent',
  choices: [{ option: 'percent', words: 'procent', label: { sv: 'Fasta procentandelar', en: 'Fixed percentages' }, spec: { kind: 'percent', column: '' } }],
  parse: (t, original) => (/^(procent|percent|fast(a)? (andel|procent)|fixed)/.test(t) || t === '%' ? { kind: 'percent', column: afterColon(original) } : null),
  describe: (m, lang) => `${lang === 'sv' ? 'fasta procentandelar' : 'fixed percentages'}${m.column ? ` (${m.column})` : ''}`,
  needsPopulation: () => [],
  rateDivisor: () => null,
  weights: (m, principals) => {
    const column = findKeyColumn(principals, m.column, true);
    if (!column) return { set: null, flags: [flag('MISSING_KEY', null, { column: m.column || '%' })] };
    return keyColumnWeights(principals, column);
  },
  key: (m) => `percent:${normalise(m.column)}`,
  check: (m, principals) => {
    const column = findKeyColumn(principals, m.column, true);
    if (!column || principals.length === 0) return [];
    const sum = principals.reduce((s, p) => s.plus(p.keys[column] ?? 0), new D(0));
    return sum.eq(100) ? [] : [flag('PERCENT_SUM', principals[0].keyRefs?.[column] ?? null, { column, sum })];
  },
};
