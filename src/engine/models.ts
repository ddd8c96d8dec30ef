import { weightSet, WeightSet } from './apportion';
import { D, Dec } from './decimal';
import { flag, Flag } from './flags';
import { describeModel } from './messages';
import { normalise } from './text';
import type { CoFinancing, ModelSpec, PlanLine, Principal, Ratio } from './types';

export const DEFAULT_RATIO: Ratio = { region: new D(1), municipalities: new D(1) };
export const DEFAULT_MODEL: ModelSpec = { kind: 'region-municipality', ratio: DEFAULT_RATIO };

export type ParsedModel =
  | { kind: 'model'; model: ModelSpec }
  | { kind: 'co-financing'; percent: Dec | null }
  | { kind: 'external' }
  | { kind: 'none' }
  | { kind: 'unknown'; text: string };

const RATIO_RE = /(\d+(?:[.,]\d+)?)\s*(?:%\s*)?[:/]\s*(\d+(?:[.,]\d+)?)/;

/**
 * Parses a ratio such as `1:1`, `2:1`, `60/40` or `0,6:0,4`.
 * @returns null when the text holds no ratio or a part is not positive
 */
export function parseRatio(text: string): Ratio | null {
  const m = RATIO_RE.exec(text);
  if (!m) return null;
  const region = new D(m[1].replace(',', '.'));
  const municipalities = new D(m[2].replace(',', '.'));
  if (region.isNegative() || municipalities.isNegative() || (region.isZero() && municipalities.isZero())) return null;
  return { region, municipalities };
}

/**
 * Reads a model as officers write it, in Swedish or English.
 * @example parseModel('1:1') // region : municipalities 1:1
 * @example parseModel('nyckel: Licenser') // key column "Licenser"
 */
export function parseModel(raw: unknown): ParsedModel {
  const original = String(raw ?? '').trim();
  const t = normalise(original);
  if (t === '') return { kind: 'none' };
  const afterColon = original.includes(':') ? original.slice(original.indexOf(':') + 1).trim() : '';
  if (/^(medfinansiering|co-?financing|medfin)/.test(t)) {
    const pm = /(-?\d+(?:[.,]\d+)?)\s*%?/.exec(t);
    return { kind: 'co-financing', percent: pm ? new D(pm[1].replace(',', '.')) : null };
  }
  if (/^(egen|own)/.test(t)) return { kind: 'model', model: { kind: 'own-cost' } };
  if (/^(extern|external|annan|statsbidrag|projektmedel)/.test(t)) return { kind: 'external' };
  if (/^(nyckel|key|anvandning|usage|avvikande)/.test(t)) {
    return { kind: 'model', model: { kind: 'key', column: afterColon } };
  }
  if (/^(procent|percent|fast(a)? (andel|procent)|fixed)/.test(t) || t === '%') {
    return { kind: 'model', model: { kind: 'percent', column: afterColon } };
  }
  if (/^(lika|equal)/.test(t)) {
    const municipalitiesOnly = /(kommun|municipal)/.test(t);
    return { kind: 'model', model: { kind: 'equal', scope: municipalitiesOnly ? 'municipalities' : 'all' } };
  }
  if (/^(per (capita|invanare)|invanare|befolkning|folkmangd|population|per-capita)/.test(t)) {
    return { kind: 'model', model: { kind: 'per-capita' } };
  }
  const ratio = parseRatio(t);
  if (ratio || /(region|skane|sgd|1:1)/.test(t)) {
    return { kind: 'model', model: { kind: 'region-municipality', ratio: ratio ?? DEFAULT_RATIO } };
  }
  return { kind: 'unknown', text: original };
}

/** Short names accepted on the command line and in functions, with their model words. */
const MODEL_ALIASES: Record<string, string> = {
  'region-municipality': '1:1',
  'per-capita': 'per capita',
  equal: 'lika delar',
  'equal-municipalities': 'lika delar kommuner',
  percent: 'procent',
  'own-cost': 'egen kostnad',
};

/** A model given as an option (`--model`, a function argument): aliases or model words. */
export function parseModelOption(text: string): ModelSpec | null {
  const parsed = parseModel(MODEL_ALIASES[text.trim().toLowerCase()] ?? text);
  return parsed.kind === 'model' ? parsed.model : null;
}

/** Principals a model needs a population for but that have none (or zero). */
export function missingPopulation(principals: readonly Principal[], models: readonly ModelSpec[]): Flag[] {
  const municipal = models.some((m) => m.kind === 'region-municipality' || (m.kind === 'key' && POPULATION_WORDS.test(normalise(m.column))));
  const all = models.some((m) => m.kind === 'per-capita');
  return principals
    .filter((p) => (all || (municipal && p.kind === 'municipality')) && !(p.population && p.population.gt(0)))
    .map((p) => flag('MISSING_POPULATION', p.populationRef ?? p.ref, { name: p.name, code: p.code, value: p.population ? p.population.toString() : null }));
}

const POPULATION_WORDS = /^(folkmangd|invanare|befolkning|population|inv)$/;

/** The model with a ratio override applied. */
export function withRatio(model: ModelSpec, ratio: Ratio | undefined): ModelSpec {
  return ratio && model.kind === 'region-municipality' ? { kind: 'region-municipality', ratio } : model;
}

/** A stable text key for a model and co-financing, for caching weight sets. */
export function modelKey(model: ModelSpec, co: CoFinancing | null = null): string {
  const base =
    model.kind === 'region-municipality'
      ? `rm:${model.ratio.region.toString()}:${model.ratio.municipalities.toString()}`
      : model.kind === 'equal'
        ? `eq:${model.scope}`
        : model.kind === 'key' || model.kind === 'percent'
          ? `${model.kind}:${normalise(model.column)}`
          : model.kind;
  return co ? `${base}|co:${co.percent.toString()}:${co.participants.map(normalise).sort().join(',')}:${normalise(co.key ?? '')}` : base;
}

/** Finds a key column of the principals by header words, any case. */
export function findKeyColumn(principals: readonly Principal[], wanted: string, percent = false): string | null {
  const columns = new Set<string>();
  principals.forEach((p) => Object.keys(p.keys).forEach((k) => columns.add(k)));
  const all = [...columns];
  const w = normalise(wanted);
  if (w) return all.find((c) => normalise(c) === w) ?? all.find((c) => normalise(c).includes(w)) ?? null;
  if (percent) return all.find((c) => /%|procent|percent|andel/.test(normalise(c))) ?? null;
  return null;
}

export interface LineWeights {
  readonly set: WeightSet | null;
  readonly flags: Flag[];
}

/**
 * Context for computing weights: the principals (deduplicated) and a cache of
 * weight sets by model, so a plan of a thousand lines computes each set once.
 */
export class WeightBook {
  private readonly cache = new Map<string, LineWeights>();
  readonly codes: readonly string[];

  constructor(readonly principals: readonly Principal[]) {
    this.codes = principals.map((p) => p.code);
  }

  /** Weights of a plain model over all principals. */
  forModel(model: ModelSpec): LineWeights {
    const key = modelKey(model);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = computeModelWeights(model, this.principals);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** Weights of a plan line: its model (or the default), with co-financing applied. */
  forLine(line: PlanLine, model: ModelSpec): LineWeights {
    const co = line.coFinancing;
    if (!co) return this.forModel(model);
    const key = modelKey(model, co) + '|' + line.area;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.coFinanced(line, model, co);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private coFinanced(line: PlanLine, model: ModelSpec, co: CoFinancing): LineWeights {
    const base = this.forModel(model);
    const flags: Flag[] = [...base.flags];
    if (co.percent.isNegative() || co.percent.gt(100)) {
      flags.push(flag('CO_FINANCING_RANGE', co.ref ?? line.refs.area, { area: line.area, percent: co.percent }));
      return { set: base.set, flags };
    }
    const idx = new Set<number>();
    for (const p of co.participants) {
      const n = normalise(p);
      const i = this.principals.findIndex((q) => normalise(q.code) === n || normalise(q.name) === n);
      if (i < 0) flags.push(flag('UNKNOWN_PARTICIPANT', co.ref ?? line.refs.area, { participant: p, area: line.area }));
      else idx.add(i);
    }
    let keyWeights: Dec[];
    if (co.key) {
      const column = findKeyColumn(this.principals, co.key);
      if (!column) {
        flags.push(flag('MISSING_KEY', co.ref, { column: co.key }));
        return { set: base.set, flags };
      }
      keyWeights = this.principals.map((p, i) => (idx.has(i) ? (p.keys[column] ?? new D(0)) : new D(0)));
    } else {
      keyWeights = this.principals.map((_, i) => new D(idx.has(i) ? 1 : 0));
    }
    const participants = weightSet(keyWeights, this.codes);
    if (base.set === null || participants.total === 0n) return { set: base.set, flags };
    // f_i = p·k_i/K + (1−p)·w_i/W with p = pn/pd, as integers over pd·K·W.
    const dp = co.percent.decimalPlaces();
    const pn = BigInt(co.percent.times(new D(10).pow(dp)).toFixed(0));
    const pd = 100n * 10n ** BigInt(dp);
    const K = participants.total;
    const W = base.set.total;
    const combined = this.principals.map((_, i) => pn * participants.weights[i] * W + (pd - pn) * base.set!.weights[i] * K);
    return { set: weightSet(combined, this.codes), flags };
  }
}

function computeModelWeights(model: ModelSpec, principals: readonly Principal[]): LineWeights {
  const codes = principals.map((p) => p.code);
  const flags: Flag[] = [];
  const pop = (p: Principal): Dec => (p.population && p.population.gt(0) ? p.population : new D(0));
  switch (model.kind) {
    case 'region-municipality': {
      const regions = principals.filter((p) => p.kind === 'region');
      const munis = principals.filter((p) => p.kind === 'municipality');
      const PM = munis.reduce((s, p) => s.plus(pop(p)), new D(0));
      const { region: a, municipalities: b } = model.ratio;
      if (regions.length === 0 && a.gt(0)) {
        return { set: null, flags: [flag('NO_REGION', null, { model: describeModel(model, 'sv'), modelEn: describeModel(model, 'en') })] };
      }
      if (regions.length <= 1) {
        // One region: it carries a/(a+b) whatever its own population.
        return { set: weightSet(principals.map((p) => (p.kind === 'region' ? a.times(PM) : b.times(pop(p)))), codes), flags };
      }
      const PR = regions.reduce((s, p) => s.plus(pop(p)), new D(0));
      return {
        set: weightSet(principals.map((p) => (p.kind === 'region' ? a.times(pop(p)).times(PM) : b.times(pop(p)).times(PR))), codes),
        flags,
      };
    }
    case 'per-capita':
      return { set: weightSet(principals.map(pop), codes), flags };
    case 'equal':
      return { set: weightSet(principals.map((p) => (model.scope === 'all' || p.kind === 'municipality' ? 1 : 0)), codes), flags };
    case 'key':
    case 'percent': {
      // "nyckel: Folkmängd" is the population itself.
      if (model.kind === 'key' && POPULATION_WORDS.test(normalise(model.column))) {
        return { set: weightSet(principals.map(pop), codes), flags };
      }
      const column = findKeyColumn(principals, model.column, model.kind === 'percent');
      if (!column) return { set: null, flags: [flag('MISSING_KEY', null, { column: model.column || '%' })] };
      const values = principals.map((p) => p.keys[column] ?? null);
      principals.forEach((p, i) => {
        if (values[i] === null) flags.push(flag('MISSING_KEY', p.keyRefs?.[column] ?? p.ref, { column, name: p.name }));
        else if (values[i]!.isNegative()) flags.push(flag('MISSING_KEY', p.keyRefs?.[column] ?? p.ref, { column, name: p.name }));
      });
      return { set: weightSet(values.map((v) => (v && !v.isNegative() ? v : new D(0))), codes), flags };
    }
    case 'own-cost':
      return { set: null, flags };
  }
}
