import { weightSet } from '../apportion';
import { D, Dec } from '../decimal';
import { flag, Flag } from '../flags';
import { COUNTIES, countyName, municipalityByName, regionName } from '../reference';
import { normalise } from '../text';
import type { CoFinancing, ModelSpec, PlanLine, Principal } from '../types';
import { findKeyColumn, LineWeights, modelKey, modelWeights } from './registry';

const POPULATION_KEY = /^(folkmangd|invanare|invanarantal|antal invanare|befolkning|population|inhabitants|inv)( \(scb\))?$/;

/**
 * The weights of every line of a plan over one set of principals, with a
 * cache by model, so a plan of a thousand lines computes each set once.
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
      hit = modelWeights(model, this.principals);
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

  /**
   * Co-financing (docs/domain.md, the financing forms): the participants pay p % of the line among
   * themselves (by a key or equally), the rest goes through the line's model.
   * f_i = p·k_i/K + (1−p)·w_i/W with p = pn/pd, as integers over pd·K·W.
   */
  private coFinanced(line: PlanLine, model: ModelSpec, co: CoFinancing): LineWeights {
    const base = this.forModel(model);
    const flags: Flag[] = [...base.flags];
    if (co.percent.isNegative() || co.percent.gt(100)) {
      flags.push(flag('CO_FINANCING_RANGE', co.ref ?? line.refs.area, { area: line.area, percent: co.percent }));
      return { set: null, flags };
    }
    const participants = this.participants(line, co, flags);
    if (participants.size !== co.participants.length || participants.size === 0) return { set: null, flags };
    const keyWeights = this.participantWeights(participants, co, flags);
    if (!keyWeights) return { set: null, flags };
    const partSet = weightSet(keyWeights, this.codes);
    if (base.set === null || partSet.total === 0n) return { set: base.set, flags };
    const dp = co.percent.decimalPlaces();
    const pn = BigInt(co.percent.times(new D(10).pow(dp)).toFixed(0));
    const pd = 100n * 10n ** BigInt(dp);
    const K = partSet.total;
    const W = base.set.total;
    const combined = this.principals.map((_, i) => pn * partSet.weights[i] * W + (pd - pn) * base.set!.weights[i] * K);
    return { set: weightSet(combined, this.codes), flags };
  }

  /** The index of the principal named by code or name ("1380", "Halmstad", "Halmstads kommun"); -1 when none. */
  indexOf(nameOrCode: string): number {
    const n = normalise(nameOrCode).replace(/s? kommun$|^region /, '');
    return this.principals.findIndex((q) => normalise(q.code) === n || normalise(q.name) === n || normalise(q.name).replace(/s? kommun$|^region /, '') === n);
  }

  /**
   * Co-financiers that are not principals (seed 002: "Deltagande vårdgivare
   * ska medfinansiera med 50%", care providers outside the collaboration):
   * names that are no principal, no Swedish municipality or region, and not
   * one or two letters away from a principal's name (a typo stays an error).
   */
  outsiders(co: CoFinancing): string[] {
    return co.participants.filter((p) => this.indexOf(p) < 0 && !isPublicBody(p) && !this.principals.some((q) => nearlySame(q.name, p)));
  }

  /** The participants named by code or name; unknown ones are flagged, and a line naming none cannot be co-financed. */
  private participants(line: PlanLine, co: CoFinancing, flags: Flag[]): Set<number> {
    const idx = new Set<number>();
    if (co.participants.length === 0) flags.push(flag('UNKNOWN_PARTICIPANT', co.ref ?? line.refs.area, { participant: null, area: line.area }));
    for (const p of co.participants) {
      const i = this.indexOf(p);
      if (i < 0) flags.push(flag('UNKNOWN_PARTICIPANT', co.ref ?? line.refs.area, { participant: p, area: line.area }));
      else idx.add(i);
    }
    return idx;
  }

  /** The participants' key (or 1 each); null when the key column is missing. */
  private participantWeights(idx: Set<number>, co: CoFinancing, flags: Flag[]): Dec[] | null {
    if (!co.key) return this.principals.map((_, i) => new D(idx.has(i) ? 1 : 0));
    // "Folkmängd" as the participants' key is the population, not a key column.
    if (POPULATION_KEY.test(normalise(co.key))) return this.principals.map((p, i) => (idx.has(i) ? (p.population ?? new D(0)) : new D(0)));
    const column = findKeyColumn(this.principals, co.key);
    if (!column) {
      flags.push(flag('MISSING_KEY', co.ref, { column: co.key }));
      return null;
    }
    return this.principals.map((p, i) => (idx.has(i) ? (p.keys[column] ?? new D(0)) : new D(0)));
  }
}

/** A Swedish municipality or region by name or code: never an outside co-financier. */
function isPublicBody(name: string): boolean {
  const n = normalise(name).replace(/s? kommun$|^region /, '');
  return /^\d{2,4}$/.test(n) || !!municipalityByName(n) || !!COUNTIES.find(([c]) => normalise(regionName(c) ?? '').replace(/^region /, '') === n || normalise(countyName(c) ?? '') === n);
}

/** Names within two edits of each other: a typo, not another payer. */
function nearlySame(a: string, b: string): boolean {
  const x = normalise(a);
  const y = normalise(b);
  if (Math.abs(x.length - y.length) > 2) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[y.length] <= 2;
}
