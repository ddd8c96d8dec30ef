import { weightSet } from '../apportion';
import { D, Dec } from '../decimal';
import { flag, Flag } from '../flags';
import { formatEn, formatSv } from '../format';
import type { Lang } from '../lang';
import { normalise } from '../text';
import type { GroupSplit, ModelSpec, Principal } from '../types';
import { codesOf, findKeyColumn, keyColumnWeights, ModelDefinition, POPULATION_WORDS, populationOf, populationSum } from './model';
import { DEFAULT_RATIO, ratioInside } from './ratio';

type RegionGroup = Extract<ModelSpec, { kind: 'region-municipality' }>;

const BY_POPULATION: GroupSplit = { by: 'population' };
export const DEFAULT_MODEL: RegionGroup = { kind: 'region-municipality', ratio: DEFAULT_RATIO, group: BY_POPULATION };

/** The group split written after the ratio: "1:1 lika", "1:1 nyckel: Licenser"; population by default. */
function groupOf(t: string, original: string): GroupSplit {
  const keyAt = /\b(nyckel|key)\b/.exec(t);
  if (keyAt) {
    const after = original.slice(original.search(/nyckel|key/i));
    const column = after.includes(':') ? after.slice(after.indexOf(':') + 1).trim() : '';
    if (!POPULATION_WORDS.test(normalise(column))) return { by: 'key', column };
  }
  if (/\b(lika|equal(ly)?)\b/.test(t)) return { by: 'equal' };
  return BY_POPULATION;
}

/** The group's own weights: population, 1 each, or a key column; region rows get 0 here. */
function groupWeights(group: GroupSplit, principals: readonly Principal[]): { weights: Dec[]; flags: Flag[] } | null {
  const inGroup = (p: Principal) => p.kind === 'municipality';
  if (group.by === 'population') return { weights: principals.map((p) => (inGroup(p) ? populationOf(p) : new D(0))), flags: [] };
  if (group.by === 'equal') return { weights: principals.map((p) => new D(inGroup(p) ? 1 : 0)), flags: [] };
  const column = findKeyColumn(principals, group.column);
  if (!column) return null;
  const members = principals.filter(inGroup);
  const keyed = keyColumnWeights(members, column);
  let i = 0;
  return { weights: principals.map((p) => (inGroup(p) ? new D(keyed.set!.weights[i++].toString()) : new D(0))), flags: keyed.flags };
}

const GROUP_WORDS: Record<GroupSplit['by'], Record<Lang, string>> = {
  population: { sv: 'kommunerna efter folkmängd', en: 'municipalities by population' },
  equal: { sv: 'kommunerna lika', en: 'municipalities equally' },
  key: { sv: 'kommunerna efter nyckel', en: 'municipalities by key' },
};

/**
 * Model 1 of docs/domain.md, the Skåne model: the region carries a/(a+b) of
 * the cost and the group of municipalities b/(a+b), split within the group by
 * population (default), equally ("1:1 lika") or by a key column. With one
 * region its part does not depend on its own population; with several,
 * they share the region part by population.
 */
export const regionGroup: ModelDefinition<RegionGroup> = {
  kind: 'region-municipality',
  choices: [
    {
      option: 'region-municipality',
      words: '1:1',
      label: { sv: 'Region : kommuner, sedan folkmängd', en: 'Region : municipalities, then population' },
      spec: DEFAULT_MODEL,
    },
    {
      option: 'region-municipality-equal',
      words: '1:1 lika',
      label: { sv: 'Region : kommuner, sedan lika delar', en: 'Region : municipalities, then equal shares' },
      spec: { ...DEFAULT_MODEL, group: { by: 'equal' } },
    },
  ],
  parseLast: true,
  parse: (t, original) => {
    const ratio = ratioInside(t);
    if (!ratio && !/(region|skane|sgd)/.test(t)) return null;
    return { kind: 'region-municipality', ratio: ratio ?? DEFAULT_RATIO, group: groupOf(t, original) };
  },
  describe: (m, lang) => {
    const n = lang === 'sv' ? formatSv : formatEn;
    const group = m.group.by === 'key' ? `${GROUP_WORDS.key[lang]} ${m.group.column || '–'}` : GROUP_WORDS[m.group.by][lang];
    return `${lang === 'sv' ? 'region : kommuner' : 'region : municipalities'} ${n(m.ratio.region)}:${n(m.ratio.municipalities)}, ${group}`;
  },
  needsPopulation: (m, principals) => {
    const regions = principals.filter((p) => p.kind === 'region');
    const groupNeeds = m.group.by === 'population';
    return principals.filter((p) => (p.kind === 'municipality' ? groupNeeds : regions.length > 1));
  },
  rateDivisor: (m, principals) => {
    if (m.group.by !== 'population') return null;
    const PM = populationSum(principals.filter((p) => p.kind === 'municipality'));
    return PM.times(m.ratio.region.plus(m.ratio.municipalities)).dividedBy(m.ratio.municipalities);
  },
  weights: (m, principals) => {
    const { region: a, municipalities: b } = m.ratio;
    const regions = principals.filter((p) => p.kind === 'region');
    if (regions.length === 0) {
      return { set: null, flags: [flag('NO_REGION', null, { model: regionGroup.describe(m, 'sv'), modelEn: regionGroup.describe(m, 'en') })] };
    }
    const group = groupWeights(m.group, principals);
    if (!group) return { set: null, flags: [flag('MISSING_KEY', null, { column: m.group.by === 'key' ? m.group.column || '–' : '–' })] };
    const G = group.weights.reduce((s, w) => s.plus(w), new D(0));
    // One region carries a/(a+b) whatever its population: weights a·G and b·g_i.
    // Several regions share that part by population: a·pop_r·G and b·g_i·P_R.
    const PR = regions.length === 1 ? new D(1) : populationSum(regions);
    const weights = principals.map((p, i) => (p.kind === 'region' ? a.times(regions.length === 1 ? 1 : populationOf(p)).times(G) : b.times(group.weights[i]).times(PR)));
    return { set: weightSet(weights, codesOf(principals)), flags: group.flags };
  },
  key: (m) => `rm:${m.ratio.region.toString()}:${m.ratio.municipalities.toString()}:${m.group.by === 'key' ? `key:${normalise(m.group.column)}` : m.group.by}`,
};
