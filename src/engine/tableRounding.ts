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
    candidates.sort((a, b) => {
      const fa = p.fracNum[at(a, c)];
      const fb = p.fracNum[at(b, c)];
      return fa === fb ? p.rowRank[rowOrder[a]] - p.rowRank[rowOrder[b]] : fa > fb ? -1 : 1;
    });
    const take = Math.min(need, candidates.length);
    for (let k = 0; k < take; k++) {
      up[candidates[k] * C + c] = 1;
      rowSum[candidates[k]] += 1;
    }
  }

  // 2. Move units from rows above target to rows below, along cheapest paths.
  const excess = new Float64Array(R);
  for (let r = 0; r < R; r++) excess[r] = rowSum[r] - p.rowTarget[rowOrder[r]];
  const cost = (r: number, c: number) => 1 - 2 * frac[r * C + c];
  const distRow = new Float64Array(R);
  const distCol = new Float64Array(C);
  const prevOfCol = new Int32Array(C); // row we came from
  const prevOfRow = new Int32Array(R); // column we came from (-1 = source)
  const inQueue = new Uint8Array(R + C);
  for (;;) {
    let anyDeficit = false;
    let anySurplus = false;
    for (let r = 0; r < R; r++) {
      if (excess[r] > 0) anySurplus = true;
      else if (excess[r] < 0) anyDeficit = true;
    }
    if (!anyDeficit || !anySurplus) break;
    distRow.fill(Infinity);
    distCol.fill(Infinity);
    prevOfRow.fill(-1);
    prevOfCol.fill(-1);
    const queue: number[] = []; // node ids: rows 0..R-1, columns R..R+C-1
    for (let r = 0; r < R; r++)
      if (excess[r] > 0) {
        distRow[r] = 0;
        queue.push(r);
        inQueue[r] = 1;
      }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      inQueue[node] = 0;
      if (node < R) {
        const r = node;
        for (let c = 0; c < C; c++) {
          if (!up[r * C + c]) continue;
          const d = distRow[r] - cost(r, c);
          if (d < distCol[c] - EPS) {
            distCol[c] = d;
            prevOfCol[c] = r;
            if (!inQueue[R + c]) {
              inQueue[R + c] = 1;
              queue.push(R + c);
            }
          }
        }
      } else {
        const c = node - R;
        for (let r = 0; r < R; r++) {
          const k = r * C + c;
          if (up[k] || !hasFrac[k]) continue;
          const d = distCol[c] + cost(r, c);
          if (d < distRow[r] - EPS) {
            distRow[r] = d;
            prevOfRow[r] = c;
            if (!inQueue[r]) {
              inQueue[r] = 1;
              queue.push(r);
            }
          }
        }
      }
    }
    let best = -1;
    for (let r = 0; r < R; r++) if (excess[r] < 0 && distRow[r] < Infinity && (best < 0 || distRow[r] < distRow[best] - EPS)) best = r;
    if (best < 0) break; // no table meets the remaining row targets
    // Flip cells along the path back to a surplus row.
    let r = best;
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

function sortedIndex(keys: readonly string[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

/** num/den as a float, also for BigInts beyond 2^53. */
function ratio(num: bigint, den: bigint): number {
  const scale = 1n << 52n;
  return Number((num * scale) / den) / Number(scale);
}
