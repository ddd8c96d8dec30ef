/**
 * Controlled rounding of a two-way table (Bacharach 1966; Cox and Ernst 1982).
 *
 * Given exact cell quotas, row targets (each the floor or the ceiling of its
 * row's exact sum) and integer column totals, find integer cells such that
 * every cell is its quota rounded down or up, every column adds up to its
 * total and every row to its target.
 *
 * After flooring every cell, the units still to hand out form a flow from
 * rows to columns with capacity one unit per cell. We start from the best
 * table for the columns alone (in each column the largest fractions round up)
 * and then move units between rows along shortest augmenting paths
 * (successive shortest paths), where rounding a cell up costs 1 − 2·fraction.
 * The result is the table nearest to the exact quotas among those that meet
 * the totals. If no table meets every row target, the rows keep the nearest
 * sums reachable and are reported; column sums are always exact.
 *
 * The problem is put in a canonical order (rows by key, columns by key) before
 * solving, so the result does not depend on the order of rows or columns.
 */

export interface RoundingProblem {
  readonly rowKeys: readonly string[];
  readonly colKeys: readonly string[];
  /** floor(quota) of each cell, row-major (rows × cols). */
  readonly floor: Float64Array;
  /** Exact fractional part of each cell as numerator over its column's denominator, row-major. */
  readonly fracNum: readonly bigint[];
  readonly colDen: readonly bigint[];
  /** Tie-break among equal fractions in a column: lower rank rounds up first. */
  readonly rowRank: Int32Array;
  readonly rowTarget: Float64Array;
  readonly colTarget: Float64Array;
}

export interface RoundingResult {
  /** Rounded cells, row-major in the problem's order. */
  readonly cells: Float64Array;
  /** 1 where the cell was rounded up. */
  readonly up: Uint8Array;
  /** Rows whose sum differs from their target (empty when the target table exists). */
  readonly adjustedRows: number[];
}

const EPS = 1e-12;

/**
 * Controlled rounding of one year's table (successive shortest paths from the
 * column-wise best table). One function on purpose: the phases share the
 * canonical order, the residual graph and its potentials in typed arrays, and
 * each phase is a labelled block below; passing that state between functions
 * would hide the algorithm rather than explain it.
 */
// eslint-disable-next-line max-lines-per-function, complexity -- see above: one algorithm over shared typed arrays
export function roundTable(p: RoundingProblem): RoundingResult {
  const R = p.rowKeys.length;
  const C = p.colKeys.length;
  // Canonical order.
  const rowOrder = sortedIndex(p.rowKeys);
  const colOrder = sortedIndex(p.colKeys);
  const at = (r: number, c: number) => rowOrder[r] * C + colOrder[c];

  const up = new Uint8Array(R * C); // canonical positions r*C+c
  const frac = new Float64Array(R * C);
  const hasFrac = new Uint8Array(R * C);
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const num = p.fracNum[at(r, c)];
      if (num !== 0n) {
        hasFrac[r * C + c] = 1;
        frac[r * C + c] = ratio(num, p.colDen[colOrder[c]]);
      }
    }

  // 1. Each column on its own: the largest exact fractions round up.
  const rowSum = new Float64Array(R);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) rowSum[r] += p.floor[at(r, c)];
  for (let c = 0; c < C; c++) {
    let floorSum = 0;
    for (let r = 0; r < R; r++) floorSum += p.floor[at(r, c)];
    const need = p.colTarget[colOrder[c]] - floorSum;
    if (need <= 0) continue;
    const candidates: number[] = [];
    for (let r = 0; r < R; r++) if (hasFrac[r * C + c]) candidates.push(r);
    // Largest fraction first. Equal fractions cost the same, so among them the
    // rows furthest below their target go first: still the best table for the
    // column, and fewer units to move afterwards.
    candidates.sort((a, b) => {
      const fa = p.fracNum[at(a, c)];
      const fb = p.fracNum[at(b, c)];
      if (fa !== fb) return fa > fb ? -1 : 1;
      const need = p.rowTarget[rowOrder[b]] - rowSum[b] - (p.rowTarget[rowOrder[a]] - rowSum[a]);
      return need !== 0 ? need : p.rowRank[rowOrder[a]] - p.rowRank[rowOrder[b]];
    });
    const take = Math.min(need, candidates.length);
    for (let k = 0; k < take; k++) {
      up[candidates[k] * C + c] = 1;
      rowSum[candidates[k]] += 1;
    }
  }

  // 2. Move units from rows above target to rows below, along cheapest paths
  //    (successive shortest paths; Dijkstra on costs made non-negative by potentials).
  const excess = new Float64Array(R);
  for (let r = 0; r < R; r++) excess[r] = rowSum[r] - p.rowTarget[rowOrder[r]];
  const cost = (r: number, c: number) => 1 - 2 * frac[r * C + c];
  const N = R + C; // nodes: rows 0..R-1, columns R..R+C-1
  const pi = initialPotentials(R, C, up, hasFrac, cost);
  const dist = new Float64Array(N);
  const settled = new Uint8Array(N);
  const prevOfCol = new Int32Array(C); // row we came from
  const prevOfRow = new Int32Array(R); // column we came from (-1 = source)
  const heap = new NodeHeap(N, dist);
  for (;;) {
    let anyDeficit = false;
    let anySurplus = false;
    for (let r = 0; r < R; r++) {
      if (excess[r] > 0) anySurplus = true;
      else if (excess[r] < 0) anyDeficit = true;
    }
    if (!anyDeficit || !anySurplus) break;
    dist.fill(Infinity);
    settled.fill(0);
    prevOfRow.fill(-1);
    prevOfCol.fill(-1);
    heap.clear();
    // From a super source (potential 0) to every surplus row: reduced cost −π(row) ≥ 0.
    for (let r = 0; r < R; r++) if (excess[r] > 0) heap.push(r, -pi[r]);
    let target = -1;
    while (heap.size > 0) {
      const u = heap.pop();
      settled[u] = 1;
      if (u < R && excess[u] < 0) {
        target = u;
        break;
      }
      if (u < R) {
        for (let c = 0; c < C; c++) {
          const v = R + c;
          if (!up[u * C + c] || settled[v]) continue;
          const w = Math.max(0, -cost(u, c) + pi[u] - pi[v]);
          if (dist[u] + w < dist[v]) {
            prevOfCol[c] = u;
            heap.push(v, dist[u] + w);
          }
        }
      } else {
        const c = u - R;
        for (let r = 0; r < R; r++) {
          const k = r * C + c;
          if (up[k] || !hasFrac[k] || settled[r]) continue;
          const w = Math.max(0, cost(r, c) + pi[u] - pi[r]);
          if (dist[u] + w < dist[r]) {
            prevOfRow[r] = c;
            heap.push(r, dist[u] + w);
          }
        }
      }
    }
    if (target < 0) break; // no table meets the remaining row targets
    // Potentials stay valid with an early stop if unsettled nodes get the target's distance.
    const D = dist[target];
    for (let v = 0; v < N; v++) pi[v] += Math.min(dist[v], D);
    // Flip cells along the path back to a surplus row.
    let r = target;
    excess[r] += 1;
    while (prevOfRow[r] >= 0) {
      const c = prevOfRow[r];
      up[r * C + c] = 1;
      const from = prevOfCol[c];
      up[from * C + c] = 0;
      r = from;
    }
    excess[r] -= 1;
  }

  const cells = new Float64Array(R * C);
  const upOut = new Uint8Array(R * C);
  const adjustedRows: number[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const k = at(r, c);
      cells[k] = p.floor[k] + up[r * C + c];
      upOut[k] = up[r * C + c];
    }
    if (excess[r] !== 0) adjustedRows.push(rowOrder[r]);
  }
  adjustedRows.sort((a, b) => a - b);
  return { cells, up: upOut, adjustedRows };
}

/**
 * Potentials that make every residual cost non-negative: shortest distances
 * from a virtual node tied to all nodes at cost 0 (Bellman–Ford as a queue).
 * The starting table is optimal for its own row sums, so there is no negative cycle.
 */
function initialPotentials(R: number, C: number, up: Uint8Array, hasFrac: Uint8Array, cost: (r: number, c: number) => number): Float64Array {
  const N = R + C;
  const pi = new Float64Array(N);
  const inQueue = new Uint8Array(N).fill(1);
  const queue: number[] = Array.from({ length: N }, (_, i) => i);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    inQueue[u] = 0;
    if (u < R) {
      for (let c = 0; c < C; c++) {
        if (!up[u * C + c]) continue;
        const d = pi[u] - cost(u, c);
        if (d < pi[R + c] - EPS) {
          pi[R + c] = d;
          if (!inQueue[R + c]) {
            inQueue[R + c] = 1;
            queue.push(R + c);
          }
        }
      }
    } else {
      const c = u - R;
      for (let r = 0; r < R; r++) {
        const k = r * C + c;
        if (up[k] || !hasFrac[k]) continue;
        const d = pi[u] + cost(r, c);
        if (d < pi[r] - EPS) {
          pi[r] = d;
          if (!inQueue[r]) {
            inQueue[r] = 1;
            queue.push(r);
          }
        }
      }
    }
  }
  return pi;
}

/** A binary min-heap of node ids keyed by dist[], with decrease-key; ties go to the lower id. */
class NodeHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  size = 0;

  constructor(
    n: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]] = -1;
    this.size = 0;
  }

  /** Inserts the node, or lowers its key. */
  push(node: number, k: number): void {
    this.key[node] = k;
    let i = this.pos[node];
    if (i < 0) {
      i = this.size++;
      this.heap[i] = node;
      this.pos[node] = i;
    }
    this.up(i);
  }

  pop(): number {
    const top = this.heap[0];
    this.pos[top] = -1;
    const last = this.heap[--this.size];
    if (this.size > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka < kb || (ka === kb && a < b);
  }

  private up(i: number): void {
    const h = this.heap;
    const node = h[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(node, h[parent])) break;
      h[i] = h[parent];
      this.pos[h[i]] = i;
      i = parent;
    }
    h[i] = node;
    this.pos[node] = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const node = h[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const child = r < this.size && this.less(h[r], h[l]) ? r : l;
      if (!this.less(h[child], node)) break;
      h[i] = h[child];
      this.pos[h[i]] = i;
      i = child;
    }
    h[i] = node;
    this.pos[node] = i;
  }
}

function sortedIndex(keys: readonly string[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

/** num/den as a float, also for BigInts beyond 2^53. */
function ratio(num: bigint, den: bigint): number {
  const scale = 1n << 52n;
  return Number((num * scale) / den) / Number(scale);
}
