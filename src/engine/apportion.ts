import { D, Dec } from './decimal';
import { assert, SgdError } from './errors';

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
  /** Largest |total| the number fast path handles exactly (total × W ≤ 2^53); 0 when there is none. */
  readonly fastLimit: number;
  /** Position of each entry when ordered by weight descending, then code ascending. */
  readonly tieRank: Int32Array;
  /** Scratch space reused by every split of this set (typed arrays are costly to allocate). */
  readonly scratch: { readonly rem: Float64Array; readonly bucketOf: Int32Array; readonly counts: Int32Array; readonly candidates: Int32Array };
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
    decs.forEach((w) => assert(w.isFinite() && !w.isNegative(), 'WEIGHTS', () => `weight ${w.toString()} is negative or not finite`));
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
  const n = ints.length;
  const scratch = { rem: new Float64Array(n), bucketOf: new Int32Array(n), counts: new Int32Array(n), candidates: new Int32Array(n) };
  const fastLimit = smallOk && total > 0n ? Math.floor(MAX / Number(total)) : 0;
  return { codes, weights: ints, total, small, smallTotal: smallOk ? Number(total) : NaN, fastLimit, tieRank, scratch };
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
  assert(Number.isSafeInteger(total), 'TOTAL', () => `total ${total} is not a safe integer`);
  if (set.total === 0n) return null;
  return apportionUnsafe(total, set);
}

/** The computing core of {@link apportion}: assumes a safe-integer total and a non-zero weight set. */
function apportionUnsafe(total: number, set: WeightSet): Apportionment {
  const n = set.weights.length;
  const shares = new Float64Array(n);
  const remainderUnits = new Uint8Array(n);
  apportionInto(total, set, shares, remainderUnits);
  return { shares, remainderUnits };
}

/**
 * Like {@link apportion}, into arrays the caller owns (no allocation: the hot
 * path of a plan with thousands of lines).
 * @returns false when the weights add up to zero
 */
export function apportionInto(total: number, set: WeightSet, shares: Float64Array, remainderUnits: Uint8Array): boolean {
  // Checked inline, not with assert(): no closure per call on this hot path.
  if (!Number.isSafeInteger(total)) throw new SgdError('TOTAL', `total ${total} is not a safe integer`);
  if (set.fastLimit === 0 && set.total === 0n) return false;
  const n = set.tieRank.length;
  const sign = total < 0 ? -1 : 1;
  const amount = Math.abs(total);
  for (let i = 0; i < n; i++) remainderUnits[i] = 0;
  if (amount === 0) {
    for (let i = 0; i < n; i++) shares[i] = 0;
    return true;
  }
  if (amount <= set.fastLimit) {
    fastPath(amount, set, shares, remainderUnits);
  } else {
    bigPath(amount, set, shares, remainderUnits);
  }
  if (sign < 0) for (let i = 0; i < n; i++) shares[i] = shares[i] === 0 ? 0 : -shares[i];
  return true;
}

/**
 * The hot loop of every split (npm run bench): floor, bucket the remainders,
 * hand out the units. One function on purpose: its scratch arrays and locals
 * stay in registers, and splitting it cost about 10 % on 34 principals.
 */
// eslint-disable-next-line max-lines-per-function -- see above: one tight loop, measured
function fastPath(amount: number, set: WeightSet, shares: Float64Array, extra: Uint8Array): void {
  const w = set.small as Float64Array;
  const W = set.smallTotal;
  const n = w.length;
  const { rem, bucketOf, counts, candidates } = set.scratch;
  // Remainders are spread over [0, W); n buckets hold about one each.
  const B = n;
  const inv = 1 / W; // a multiplication is cheaper than a division; q is corrected below
  const scale = B * inv;
  for (let i = 0; i < B; i++) counts[i] = 0;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const p = amount * w[i]; // exact: amount * W <= 2^53
    let q = Math.floor(p * inv);
    let r = p - q * W; // exact integers below 2^53
    while (r < 0) {
      q -= 1;
      r += W;
    }
    while (r >= W) {
      q += 1;
      r -= W;
    }
    shares[i] = q;
    rem[i] = r;
    given += q;
    // Monotone in r (equal remainders share a bucket), which is all the selection needs.
    let b = (r * scale) | 0; // 0 <= r·scale < B < 2^31
    if (b >= B) b = B - 1;
    bucketOf[i] = b;
    counts[b]++;
  }
  const left = amount - given;
  if (left === 0) return;
  // Buckets above t are all in; bucket t holds the boundary.
  let t = B - 1;
  let above = 0;
  while (above + counts[t] < left) above += counts[t--];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (b > t) {
      shares[i] += 1;
      extra[i] = 1;
    } else if (b === t) {
      candidates[m++] = i;
    }
  }
  // Within the boundary bucket (about one entry): largest remainder, then
  // larger weight (lower tie rank), then smaller code. Insertion sort in place.
  const rank = set.tieRank;
  for (let a = 1; a < m; a++) {
    const x = candidates[a];
    let b = a - 1;
    while (b >= 0 && (rem[candidates[b]] < rem[x] || (rem[candidates[b]] === rem[x] && rank[candidates[b]] > rank[x]))) {
      candidates[b + 1] = candidates[b];
      b--;
    }
    candidates[b + 1] = x;
  }
  const need = left - above;
  for (let k = 0; k < need; k++) {
    shares[candidates[k]] += 1;
    extra[candidates[k]] = 1;
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
