import { weightSet } from '../apportion';
import { D, Dec } from '../decimal';
import { flag, Flag } from '../flags';
import { normalise } from '../text';
import type { CoFinancing, ModelSpec, PlanLine, Principal } from '../types';
import { findKeyColumn, LineWeights, modelKey, modelWeights } from './registry';

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
      return { set: base.set, flags };
    }
    const participants = this.participants(line, co, flags);
    const keyWeights = this.participantWeights(participants, co, flags);
    if (!keyWeights) return { set: base.set, flags };
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

  /** The participants named by code or name; unknown ones are flagged. */
  private participants(line: PlanLine, co: CoFinancing, flags: Flag[]): Set<number> {
    const idx = new Set<number>();
    for (const p of co.participants) {
      const n = normalise(p);
      const i = this.principals.findIndex((q) => normalise(q.code) === n || normalise(q.name) === n);
      if (i < 0) flags.push(flag('UNKNOWN_PARTICIPANT', co.ref ?? line.refs.area, { participant: p, area: line.area }));
      else idx.add(i);
    }
    return idx;
  }

  /** The participants' key (or 1 each); null when the key column is missing. */
  private participantWeights(idx: Set<number>, co: CoFinancing, flags: Flag[]): Dec[] | null {
    if (!co.key) return this.principals.map((_, i) => new D(idx.has(i) ? 1 : 0));
    const column = findKeyColumn(this.principals, co.key);
    if (!column) {
      flags.push(flag('MISSING_KEY', co.ref, { column: co.key }));
      return null;
    }
    return this.principals.map((p, i) => (idx.has(i) ? (p.keys[column] ?? new D(0)) : new D(0)));
  }
}
