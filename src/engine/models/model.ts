import { weightSet, WeightSet } from '../apportion';
import { D, Dec } from '../decimal';
import { flag, Flag } from '../flags';
import type { Lang } from '../lang';
import { normalise } from '../text';
import type { ModelSpec, Principal } from '../types';

/**
 * What every allocation model declares, once: how officers write it, how it
 * is named and described, what data it needs, how its öre/inv rate is stated
 * and its weights. Parsing, describing, the missing-data checks, the rate, the
 * pane's choices, CLI usage and the custom functions' help all read these
 * declarations through the registry in `index.ts`.
 */
export interface ModelDefinition<S extends ModelSpec = ModelSpec> {
  readonly kind: S['kind'];
  /** Named choices (`--model`, the functions' `model` argument, the pane's list). */
  readonly choices: readonly ModelChoice[];
  /**
   * Reads the model from an officer's words, or null when they are not this
   * model's. `t` is normalised (lower case, no diacritics); `original` is the
   * text as written, for column names ("nyckel: Licenser").
   */
  parse(t: string, original: string): S | null;
  /** Tried after every other model, because its words are broad (any ratio, "region"). */
  readonly parseLast?: boolean;
  /** A short name in the language asked for (messages, the audit sheet, SGD.EXPLAIN). */
  describe(m: S, lang: Lang): string;
  /** The principals that need a population figure under the model (MISSING_POPULATION otherwise). */
  needsPopulation(m: S, principals: readonly Principal[]): readonly Principal[];
  /**
   * The number of inhabitants the cost is spread over when the plan states
   * an öre/inv rate (amount × 100 / divisor); null when the model has no rate.
   */
  rateDivisor(m: S, principals: readonly Principal[]): Dec | null;
  /** Non-negative weights, one per principal (any scale), with flags for missing data. */
  weights(m: S, principals: readonly Principal[]): LineWeights;
  /** A stable text key (caching weight sets, comparing models). */
  key(m: S): string;
  /** Checks of the principals' data that only this model needs (PERCENT_SUM). */
  check?(m: S, principals: readonly Principal[]): Flag[];
}

/** One named way to pick a model (a CLI option, a pane entry). */
export interface ModelChoice {
  /** The option word: `per-capita`. */
  readonly option: string;
  /** The words officers use, accepted wherever a model is read: `per invånare`. */
  readonly words: string;
  /** The choice takes a column name after a colon (`key:<kolumn>`); the pane does not offer it. */
  readonly argument?: Readonly<Record<Lang, string>>;
  readonly label: Readonly<Record<Lang, string>>;
  readonly spec: ModelSpec;
}

export interface LineWeights {
  /** Null when the model splits nothing (own cost) or cannot (a missing key column). */
  readonly set: WeightSet | null;
  readonly flags: Flag[];
}

/** A principal's population, zero when missing (a MISSING_POPULATION flag says so). */
export const populationOf = (p: Principal): Dec => (p.population && p.population.gt(0) ? p.population : new D(0));

/** The sum of the population of some principals. */
export const populationSum = (ps: readonly Principal[]): Dec => ps.reduce((s, p) => s.plus(populationOf(p)), new D(0));

/** Header words that mean the population itself ("nyckel: Folkmängd"). */
export const POPULATION_WORDS = /^(folkmangd|invanare|invanarantal|invanartal|befolkning|population|inv)$/;

/** The codes of the principals, in order (the tie-break of every split). */
export const codesOf = (ps: readonly Principal[]): string[] => ps.map((p) => p.code);

/** The original text after the first colon: "nyckel: Licenser" → "Licenser". */
export function afterColon(original: string): string {
  const i = original.indexOf(':');
  return i < 0 ? '' : original.slice(i + 1).trim();
}

/**
 * Finds a key column of the principals by its header, any case: the exact
 * header first, then one that contains the word. With no word and
 * `percent`, the column whose header says %, procent or andel.
 */
export function findKeyColumn(principals: readonly Principal[], wanted: string, percent = false): string | null {
  const columns = new Set<string>();
  principals.forEach((p) => Object.keys(p.keys).forEach((k) => columns.add(k)));
  const all = [...columns];
  const w = normalise(wanted);
  if (w) return all.find((c) => normalise(c) === w) ?? all.find((c) => normalise(c).includes(w)) ?? null;
  if (percent) return all.find((c) => /%|procent|percent|andel/.test(normalise(c))) ?? null;
  return null;
}

/**
 * The weights of a key column: each principal's value; a missing or negative
 * value is a MISSING_KEY flag on its cell and weighs zero.
 */
export function keyColumnWeights(principals: readonly Principal[], column: string): LineWeights {
  const flags: Flag[] = [];
  const values = principals.map((p) => {
    const v = p.keys[column] ?? null;
    if (v === null || v.isNegative()) {
      flags.push(flag('MISSING_KEY', p.keyRefs?.[column] ?? p.ref, { column, name: p.name }));
      return new D(0);
    }
    return v;
  });
  return { set: weightSet(values, codesOf(principals)), flags };
}
