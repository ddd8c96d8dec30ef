import { D, Dec } from '../decimal';
import { flag, Flag } from '../flags';
import type { Lang } from '../lang';
import { normalise } from '../text';
import type { CoFinancing, ModelSpec, Principal, Ratio } from '../types';
import { equal } from './equal';
import { key } from './key';
import type { LineWeights, ModelChoice, ModelDefinition } from './model';
import { municipalitiesPerCapita } from './municipalitiesPerCapita';
import { ownCost } from './ownCost';
import { percent } from './percent';
import { perCapita } from './perCapita';
import { regionGroup } from './regionGroup';

export { DEFAULT_MODEL } from './regionGroup';
export { DEFAULT_RATIO, parseRatio, ratioText } from './ratio';
export { findKeyColumn } from './model';
export type { LineWeights, ModelChoice, ModelDefinition } from './model';

/**
 * The model registry: every allocation model, once, in the order the CLI,
 * the pane and the functions' help list them (the default first).
 * Adding a model: a file beside this one and a line here (ARCHITECTURE.md).
 */
export const MODELS: readonly ModelDefinition[] = [regionGroup, perCapita, municipalitiesPerCapita, equal, key, percent, ownCost] as ModelDefinition[];

/** The order words are tried in: models that accept any ratio or region word (`parseLast`) after the rest. */
const PARSE_ORDER = [...MODELS.filter((m) => !m.parseLast), ...MODELS.filter((m) => m.parseLast)];

const BY_KIND = new Map<ModelSpec['kind'], ModelDefinition>(MODELS.map((m) => [m.kind, m]));

/** The definition of a model. */
function definitionOf(m: ModelSpec): ModelDefinition {
  return BY_KIND.get(m.kind)!;
}

/** Every named choice, the default model's first: for CLI usage, the pane and the functions' help. */
export function modelChoices(): ModelChoice[] {
  return MODELS.flatMap((m) => m.choices);
}

/** "1:1 (region-municipality), per-capita, …": the choices as option words, for usage and help texts. */
export function choiceList(lang: Lang): string {
  return modelChoices()
    .map((c) => (c.argument ? `${c.option}:<${c.argument[lang]}>` : c.option))
    .join(', ');
}

export type ParsedModel =
  | { kind: 'model'; model: ModelSpec }
  | { kind: 'co-financing'; percent: Dec | null }
  | { kind: 'external' }
  | { kind: 'none' }
  | { kind: 'unknown'; text: string };

/**
 * Reads a model cell as officers write it, Swedish or English, any case.
 * Co-financing and external money are line attributes, not models, and are
 * told apart first.
 * @example parseModel('1:1') // region : municipalities 1:1, by population
 * @example parseModel('nyckel: Licenser') // key column "Licenser"
 */
export function parseModel(raw: unknown): ParsedModel {
  const original = String(raw ?? '').trim();
  const t = normalise(original);
  if (t === '') return { kind: 'none' };
  if (/^(medfinansiering|co-?financing|medfin)/.test(t)) {
    const pm = /(-?\d+(?:[.,]\d+)?)\s*%?/.exec(t);
    return { kind: 'co-financing', percent: pm ? new D(pm[1].replace(',', '.')) : null };
  }
  if (/^(extern|external|annan|statsbidrag|projektmedel)/.test(t)) return { kind: 'external' };
  for (const m of PARSE_ORDER) {
    const model = m.parse(t, original);
    if (model) return { kind: 'model', model };
  }
  return { kind: 'unknown', text: original };
}

/** A model given as an option (`--model`, a function argument, the pane): a choice's option word, or model words. */
export function parseModelOption(text: string): ModelSpec | null {
  const t = text.trim().toLowerCase();
  const choice = modelChoices().find((c) => c.option === t);
  if (choice && !choice.argument) return choice.spec;
  const parsed = parseModel(choice ? choice.words : text);
  return parsed.kind === 'model' ? parsed.model : null;
}

/** A short name of a model, for messages, the audit sheet and SGD.EXPLAIN. */
export function describeModel(m: ModelSpec, lang: Lang = 'sv'): string {
  return definitionOf(m).describe(m, lang);
}

/** The models of a year in words: "per invånare, alla huvudmän; lika delar mellan kommunerna". */
export function describeModels(models: readonly ModelSpec[], fallback: ModelSpec, coFinanced: boolean, lang: Lang = 'sv'): string {
  const text = (models.length ? models : [fallback]).map((m) => describeModel(m, lang)).join('; ');
  return coFinanced ? `${text}; ${lang === 'sv' ? 'med medfinansiering' : 'with co-financing'}` : text;
}

/** A stable text key for a model and co-financing, for caching weight sets. */
export function modelKey(model: ModelSpec, co: CoFinancing | null = null): string {
  const base = definitionOf(model).key(model);
  return co ? `${base}|co:${co.percent.toString()}:${co.participants.map(normalise).sort().join(',')}:${normalise(co.key ?? '')}` : base;
}

/** The distinct models of a list, in order of first use. */
export function dedupeModels(models: readonly ModelSpec[]): ModelSpec[] {
  const seen = new Set<string>();
  return models.filter((m) => {
    const k = modelKey(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The model with a ratio override applied (only the region : group model has a ratio). */
export function withRatio(model: ModelSpec, ratio: Ratio | undefined): ModelSpec {
  return ratio && model.kind === 'region-municipality' ? { ...model, ratio } : model;
}

/** Weights of a model over the principals, as its definition computes them. */
export function modelWeights(model: ModelSpec, principals: readonly Principal[]): LineWeights {
  return definitionOf(model).weights(model, principals);
}

/** Principals a model needs a population for but that have none (or zero): one MISSING_POPULATION each. */
export function missingPopulation(principals: readonly Principal[], models: readonly ModelSpec[]): Flag[] {
  const needed = new Set<Principal>();
  for (const m of models) definitionOf(m).needsPopulation(m, principals).forEach((p) => needed.add(p));
  return principals
    .filter((p) => needed.has(p) && !(p.population && p.population.gt(0)))
    .map((p) => flag('MISSING_POPULATION', p.populationRef ?? p.ref, { name: p.name, code: p.code, value: p.population ? p.population.toString() : null }));
}

/** The checks that only some models need (percentages adding up to 100 %). */
export function modelChecks(principals: readonly Principal[], models: readonly ModelSpec[]): Flag[] {
  return models.flatMap((m) => definitionOf(m).check?.(m, principals) ?? []);
}

export interface Rate {
  /** Öre per inhabitant and organisation, two decimals, half up (as Excel's ROUND). */
  readonly orePerInhabitant: Dec;
  readonly exact: Dec;
  readonly divisor: Dec;
  /** Under region : municipalities a:b, each group's own rate (the region's part over its population); equal under 1:1. */
  readonly byKind?: { readonly region: Dec; readonly municipality: Dec };
}

/**
 * The cost per inhabitant and organisation as the plans state it, when the
 * year has one model that states a rate: under region : municipalities a:b
 * the municipalities' part over their population (with 1:1 this is
 * cost / (2 × county population)); per capita, the cost over everyone.
 */
export function rateFor(amount: Dec, models: readonly ModelSpec[], principals: readonly Principal[]): Rate | null {
  const distinct = dedupeModels(models);
  if (distinct.length !== 1) return null;
  const divisor = definitionOf(distinct[0]).rateDivisor(distinct[0], principals);
  if (!divisor || divisor.isZero()) return null;
  const exact = amount.times(100).dividedBy(divisor);
  const rate: Rate = { orePerInhabitant: exact.toDecimalPlaces(2, D.ROUND_HALF_UP), exact, divisor };
  const m = distinct[0];
  if (m.kind !== 'region-municipality') return rate;
  // The region's part over the region's population (its county's), else over the municipalities' (the 1:1 premise).
  const regionPop = principals.filter((p) => p.kind === 'region').reduce((s, p) => s.plus(p.population ?? 0), new D(0));
  const municipalPop = principals.filter((p) => p.kind === 'municipality').reduce((s, p) => s.plus(p.population ?? 0), new D(0));
  const pop = regionPop.gt(0) ? regionPop : municipalPop;
  if (pop.isZero()) return rate;
  const regionPart = amount.times(m.ratio.region).dividedBy(m.ratio.region.plus(m.ratio.municipalities));
  return { ...rate, byKind: { region: regionPart.times(100).dividedBy(pop).toDecimalPlaces(2, D.ROUND_HALF_UP), municipality: rate.orePerInhabitant } };
}

/** The rate of an amount over a known divisor (checking a stated rate against a stated total). */
export function rateOver(amount: Dec, divisor: Dec): Dec {
  return amount.times(100).dividedBy(divisor).toDecimalPlaces(2, D.ROUND_HALF_UP);
}
