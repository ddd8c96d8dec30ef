import { D, Dec } from './decimal';
import { assert } from './errors';

/**
 * Largest-remainder (Hamilton) apportionment in integer units.
 *
 * Every share is first rounded towards zero, then the units still missing are
 * handed out one at a time to the largest remainders. Ties are broken by the
 * larger weight, then by the smaller code, so the result never depends on the
 * order of the rows. A negative total is split as its absolute value and
 * negated, so credits are split symmetrically.
 *
 * Arithmetic is exact integer arithmetic: in plain JavaScript numbers while
 * every product total × weight stays below 2^53 (proved per call, which covers
 * every realistic budget), otherwise in BigInt.
 */

/** Exact, integer weights with their tie-break order, prepared once per set of principals. */
export interface WeightSet {
  readonly codes: readonly string[];
  readonly weights: readonly bigint[];
  readonly total: bigint;
  /** The weights as numbers when they and their total are safe integers, else null. */
  readonly small: Float64Array | null;
  readonly smallTotal: number;
  /** Position of each entry when ordered by weight descending, then code ascending. */
  readonly tieRank: Int32Array;
}

export interface Apportionment {
  /** Integer units per entry, in input order; they add up to the total exactly. */
  readonly shares: Float64Array;
  /** 1 for each entry that received one unit from the remainder, else 0. */
  readonly remainderUnits: Uint8Array;
}

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Builds a weight set from non-negative weights (Decimals, integers as
 * numbers or bigints). Decimal weights are scaled by a power of ten to exact
 * integers, which does not change any share.
 * @throws SgdError when a weight is negative or not finite, or lengths differ
 */
export function weightSet(weights: ReadonlyArray<Dec | number | bigint>, codes: readonly string[]): WeightSet {
  assert(weights.length === codes.length, 'WEIGHTS', 'weights and codes differ in length');
  let ints: bigint[];
  if (weights.every((w) => typeof w === 'bigint')) {
    ints = (weights as bigint[]).slice();
  } else {
    const decs = weights.map((w) => (w instanceof D ? w : new D(typeof w === 'bigint' ? w.toString() : w)));
    decs.forEach((w) => assert(w.isFinite() && !w.isNegative(), 'WEIGHTS', `weight ${w.toString()} is negative or not finite`));
    const dp = Math.max(0, ...decs.map((w) => w.decimalPlaces()));
    const scale = new D(10).pow(dp);
    ints = decs.map((w) => BigInt(w.times(scale).toFixed(0)));
  }
  ints.forEach((w) => assert(w >= 0n, 'WEIGHTS', 'negative weight'));
  const total = ints.reduce((a, b) => a + b, 0n);
  const smallOk = total <= BigInt(MAX);
  const small = smallOk ? Float64Array.from(ints, (w) => Number(w)) : null;
  const order = ints.map((_, i) => i);
  order.sort((a, b) => (ints[a] === ints[b] ? compareCodes(codes[a], codes[b]) : ints[a] > ints[b] ? -1 : 1));
  const tieRank = new Int32Array(ints.length);
  order.forEach((idx, rank) => (tieRank[idx] = rank));
  return { codes, weights: ints, total, small, smallTotal: smallOk ? Number(total) : NaN, tieRank };
}

/** Codes compare as plain text; municipality codes have four digits, so this is numeric order. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Splits `total` integer units in proportion to the weights.
 * @param total a safe integer (units of kronor or öre)
 * @returns the shares, or null when the weights add up to zero (the caller flags it)
 * @throws SgdError when total is not a safe integer
 * @example apportion(10, weightSet([1, 1, 1], ['a', 'b', 'c'])).shares // [4, 3, 3]
 */
export function apportion(total: number, set: WeightSet): Apportionment | null {
  assert(Number.isSafeInteger(total), 'TOTAL', `total ${total} is not a safe integer`);
  if (set.total === 0n) return null;
  return apportionUnsafe(total, set);
}

/** The computing core of {@link apportion}: assumes a safe-integer total and a non-zero weight set. */
export function apportionUnsafe(total: number, set: WeightSet): Apportionment {
  const n = set.weights.length;
  const sign = total < 0 ? -1 : 1;
  const amount = Math.abs(total);
  const shares = new Float64Array(n);
  const remainderUnits = new Uint8Array(n);
  if (amount === 0) return { shares, remainderUnits };
  if (set.small !== null && amount <= Math.floor(MAX / Math.max(1, set.smallTotal))) {
    fastPath(amount, set, shares, remainderUnits);
  } else {
    bigPath(amount, set, shares, remainderUnits);
  }
  if (sign < 0) for (let i = 0; i < n; i++) shares[i] = shares[i] === 0 ? 0 : -shares[i];
  return { shares, remainderUnits };
}

function fastPath(amount: number, set: WeightSet, shares: Float64Array, extra: Uint8Array): void {
  const w = set.small as Float64Array;
  const W = set.smallTotal;
  const n = w.length;
  const rem = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const p = amount * w[i]; // exact: amount * W <= 2^53
    let q = Math.floor(p / W);
    let r = p - q * W;
    if (r < 0) {
      q -= 1;
      r += W;
    } else if (r >= W) {
      q += 1;
      r -= W;
    }
    shares[i] = q;
    rem[i] = r;
    given += q;
  }
  const left = amount - given;
  if (left === 0) return;
  // One number per entry that orders by remainder, then tie rank, when it fits.
  if (W * n <= MAX) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = rem[i] * n + (n - 1 - set.tieRank[i]);
    const threshold = kthLargest(keys.slice(), left);
    for (let i = 0; i < n; i++) {
      if (keys[i] >= threshold) {
        shares[i] += 1;
        extra[i] = 1;
      }
    }
    return;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (rem[a] === rem[b] ? set.tieRank[a] - set.tieRank[b] : rem[b] - rem[a]));
  for (let k = 0; k < left; k++) {
    shares[order[k]] += 1;
    extra[order[k]] = 1;
  }
}

function bigPath(amount: number, set: WeightSet, shares: Float64Array, extra: Uint8Array): void {
  const A = BigInt(amount);
  const W = set.total;
  const n = set.weights.length;
  const rem: bigint[] = new Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const p = A * set.weights[i];
    const q = p / W;
    rem[i] = p - q * W;
    shares[i] = Number(q);
    given += q;
  }
  const left = Number(A - given);
  if (left === 0) return;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (rem[a] === rem[b] ? set.tieRank[a] - set.tieRank[b] : rem[b] > rem[a] ? 1 : -1));
  for (let k = 0; k < left; k++) {
    shares[order[k]] += 1;
    extra[order[k]] = 1;
  }
}

/**
 * The k-th largest value (1-based) of distinct numbers, by quickselect.
 * Reorders `a`; O(n) on average.
 */
export function kthLargest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot, for sorted and reversed inputs
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x > y ? (y > z ? y : x > z ? z : x) : x > z ? x : y > z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

/** Exact quota of entry i as a Decimal, for explanations: total × w_i / W. */
export function exactQuota(total: number, set: WeightSet, i: number): Dec {
  return new D(total).times(set.weights[i].toString()).dividedBy(set.total.toString());
}
