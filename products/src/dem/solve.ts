/**
 * The per-pixel solve: a scan of the unit-EM table for the node with the smallest chi2
 * (SCIENCE.md 1.2). With weights w_b = 1/s_b^2 and rates I_b, for node j
 *
 *   Sxy_j = sum_b w_b I_b U_jb,   Syy_j = sum_b w_b U_jb^2,   EM*_j = Sxy_j / Syy_j,
 *   chi2_min,j = Sxx - G_j   with  G_j = Sxy_j^2 / Syy_j,   Sxx = sum_b w_b I_b^2,
 *
 * so the best node maximises G_j: 12 multiply-adds per node with a_b = w_b I_b and w_b hoisted
 * out of the loop and U^2 precomputed in the table. Valid pixels have all I_b > 0, so Sxy > 0 and
 * EM* > 0 at every node (no positivity branch).
 *
 * Two searches over the same nodes:
 * - `full`: every node (the reference; ~4 ns per node in V8 on the 2-core EPYC machine).
 * - `coarse-to-fine` (default): G on a coarse sub-grid (every `tcStride`-th temperature and
 *   `sigmaStride`-th width, plus the last of each), then, from each of the `candidates` largest
 *   local maxima of the coarse G, a profile search: in the candidate's sigma row a 1-D climb along
 *   temperature to the row maximum, then row by row outwards in sigma, each row's climb starting
 *   at the previous row's best temperature, while the row maximum keeps growing (plus one row).
 *   A 2-D window search is fooled by the shape of the chi2 valley: at high S/N it is a narrow
 *   diagonal in (Tc, sigma) (a wider DEM mimics a shifted Tc), so the discrete grid has several
 *   local minima along it, while along one sigma row chi2 is smooth. ~30x fewer nodes than
 *   `full`; not guaranteed to find the global node, so the agreement is measured: tests and
 *   `bench/dem` compare it with `full` node by node.
 *
 * Ties (equal G, rare) go to the lowest node index in both searches. All state lives in
 * preallocated typed arrays: no allocation per pixel.
 *
 * @module
 */
import { DemError } from './errors.ts';
import { NODE_STRIDE, type DemLut } from './lut.ts';
import { SubNodeRefiner } from './refine.ts';
import { NBANDS } from './response.ts';

/** How the table is searched. */
export interface SearchOptions {
  mode: 'coarse-to-fine' | 'full';
  /** Coarse stride in logTc nodes (default 10: 0.1 dex on the default grid). */
  tcStride: number;
  /** Coarse stride in sigma nodes (default 6: 0.12 dex on the default grid). */
  sigmaStride: number;
  /** Number of coarse local maxima refined (default 4: at low S/N several basins are within noise of each other). */
  candidates: number;
  /** Sub-node refinement of the best node (`refine.ts`); default true. */
  refine: boolean;
}

/**
 * Defaults tuned on the synthetic Sun of `synthetic.ts` (1024^2, Poisson and read noise, no
 * systematic error): ~150 node evaluations per fitted pixel instead of 4230, and the same node as
 * the full scan for 99.98 % of them (`bench/dem` measures it on every run). Larger strides or fewer
 * candidates are faster and disagree more (14x6: 0.05 %, 10x6 with 2 candidates: 0.08 %); 8x6 is
 * slower and closer (0.007 %).
 */
export const DEFAULT_SEARCH: Readonly<SearchOptions> = Object.freeze({ mode: 'coarse-to-fine', tcStride: 10, sigmaStride: 6, candidates: 4, refine: true });

const MAX_CANDIDATES = 8;
/** Rows visited past the last improvement of the row maximum in the profile search. */
const LOOKAHEAD_ROWS = 1;

/** Checks search options against a grid; throws `DemError('bad-option')`. */
export function validateSearch(search: SearchOptions): void {
  if (search.mode !== 'full' && search.mode !== 'coarse-to-fine') throw new DemError('bad-option', `unknown search mode ${String(search.mode)}`);
  if (typeof search.refine !== 'boolean') throw new DemError('bad-option', 'search.refine must be a boolean');
  for (const k of ['tcStride', 'sigmaStride', 'candidates'] as const) {
    const v = search[k];
    if (!Number.isInteger(v) || v < 1) throw new DemError('bad-option', `search.${k} must be a positive integer, got ${v}`);
  }
  if (search.candidates > MAX_CANDIDATES) throw new DemError('bad-option', `search.candidates must be <= ${MAX_CANDIDATES}`);
}

/**
 * Finds the best node of one pixel at a time. Fill `a` (w_b I_b) and `w` (1/s_b^2) in `BANDS` order,
 * call `solve()`, read `node` (search result), `dt`/`ds` (sub-node offsets in grid steps, 0
 * without refinement) and `sxy`/`syy` (of the reported model: EM = EM_UNIT sxy / syy,
 * chi2 = Sxx - sxy^2 / syy). One instance per thread.
 */
export class GaussianDemSolver {
  /** Input: w_b * I_b. */
  readonly a = new Float64Array(NBANDS);
  /** Input: w_b = 1 / s_b^2. */
  readonly w = new Float64Array(NBANDS);
  /** Output: best node index (iSigma * nTc + iTc). */
  node = -1;
  /** Output: G = Sxy^2 / Syy at the best node. */
  g = 0;
  /** Output: offsets of the refined solution from the node, in grid steps (temperature, sigma). */
  dt = 0;
  ds = 0;
  sxy = 0;
  syy = 0;
  /** Node evaluations since construction (for the bench). */
  evaluations = 0;

  private readonly table: Float64Array;
  private readonly nTc: number;
  private readonly nSigma: number;
  private readonly search: SearchOptions;
  // Coarse sub-grid: its own contiguous table (cache-friendly), fine indices, scratch G.
  private readonly coarseTc: Int32Array;
  private readonly coarseSigma: Int32Array;
  private readonly coarseTable: Float64Array;
  private readonly coarseG: Float64Array;
  // Fine-node cache of the profile search: G and the stamp of the pixel that computed it.
  private readonly cacheG: Float64Array;
  private readonly stamp: Int32Array;
  private currentStamp = 0;
  private readonly candNode = new Int32Array(MAX_CANDIDATES);
  private readonly candG = new Float64Array(MAX_CANDIDATES);
  private readonly refiner: SubNodeRefiner | undefined;

  constructor(lut: DemLut, search: SearchOptions = DEFAULT_SEARCH) {
    validateSearch(search);
    this.table = lut.table;
    this.nTc = lut.nTc;
    this.nSigma = lut.nSigma;
    this.search = { ...search };
    this.coarseTc = strideIndices(lut.nTc, search.tcStride);
    this.coarseSigma = strideIndices(lut.nSigma, search.sigmaStride);
    const nc = this.coarseTc.length * this.coarseSigma.length;
    this.coarseTable = new Float64Array(nc * NODE_STRIDE);
    for (let s = 0; s < this.coarseSigma.length; s++) {
      for (let t = 0; t < this.coarseTc.length; t++) {
        const src = (this.coarseSigma[s] * lut.nTc + this.coarseTc[t]) * NODE_STRIDE;
        this.coarseTable.set(lut.table.subarray(src, src + NODE_STRIDE), (s * this.coarseTc.length + t) * NODE_STRIDE);
      }
    }
    this.coarseG = new Float64Array(nc);
    this.cacheG = new Float64Array(lut.nodes);
    this.stamp = new Int32Array(lut.nodes);
    this.refiner = search.refine ? new SubNodeRefiner(lut) : undefined;
  }

  /** Solves the pixel whose `a` and `w` are set. */
  solve(): void {
    if (this.search.mode === 'full') this.scanAll();
    else this.coarseToFine();
    this.finish();
  }

  /** Sxy and Syy of the best node, then the sub-node refinement. */
  private finish(): void {
    const a = this.a, w = this.w, T = this.table;
    const o = this.node * NODE_STRIDE;
    this.sxy = a[0] * T[o] + a[1] * T[o + 1] + a[2] * T[o + 2] + a[3] * T[o + 3] + a[4] * T[o + 4] + a[5] * T[o + 5];
    this.syy = w[0] * T[o + 6] + w[1] * T[o + 7] + w[2] * T[o + 8] + w[3] * T[o + 9] + w[4] * T[o + 10] + w[5] * T[o + 11];
    const r = this.refiner;
    if (r) {
      r.refine(a, w, this.node, this.sxy, this.syy);
      this.dt = r.dt;
      this.ds = r.ds;
      this.sxy = r.sxy;
      this.syy = r.syy;
    } else {
      this.dt = 0;
      this.ds = 0;
    }
  }

  private scanAll(): void {
    const a = this.a, w = this.w, T = this.table;
    const a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5];
    const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const nodes = this.nTc * this.nSigma;
    let best = -1;
    let bestJ = 0;
    for (let j = 0, o = 0; j < nodes; j++, o += NODE_STRIDE) {
      const sxy = a0 * T[o] + a1 * T[o + 1] + a2 * T[o + 2] + a3 * T[o + 3] + a4 * T[o + 4] + a5 * T[o + 5];
      const syy = w0 * T[o + 6] + w1 * T[o + 7] + w2 * T[o + 8] + w3 * T[o + 9] + w4 * T[o + 10] + w5 * T[o + 11];
      const g = (sxy * sxy) / syy;
      if (g > best) {
        best = g;
        bestJ = j;
      }
    }
    this.evaluations += nodes;
    this.node = bestJ;
    this.g = best;
  }

  private coarseToFine(): void {
    const a = this.a, w = this.w, C = this.coarseTable, G = this.coarseG;
    const a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5];
    const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const nc = G.length;
    for (let k = 0, o = 0; k < nc; k++, o += NODE_STRIDE) {
      const sxy = a0 * C[o] + a1 * C[o + 1] + a2 * C[o + 2] + a3 * C[o + 3] + a4 * C[o + 4] + a5 * C[o + 5];
      const syy = w0 * C[o + 6] + w1 * C[o + 7] + w2 * C[o + 8] + w3 * C[o + 9] + w4 * C[o + 10] + w5 * C[o + 11];
      G[k] = (sxy * sxy) / syy;
    }
    this.evaluations += nc;
    const nCand = this.coarseCandidates();

    if (++this.currentStamp === 0x7fffffff) {
      this.stamp.fill(0);
      this.currentStamp = 1;
    }
    this.node = -1;
    this.g = -1;
    for (let c = 0; c < nCand; c++) this.climb(this.candNode[c]);
  }

  /** The `candidates` largest local maxima (8-neighbourhood) of the coarse G, as fine node indices. */
  private coarseCandidates(): number {
    const G = this.coarseG, K = this.search.candidates;
    const nct = this.coarseTc.length, ncs = this.coarseSigma.length;
    const candG = this.candG, candNode = this.candNode;
    let n = 0;
    for (let s = 0; s < ncs; s++) {
      for (let t = 0; t < nct; t++) {
        const k = s * nct + t;
        const g = G[k];
        if (n === K && g <= candG[K - 1]) continue;
        // Temperature neighbours first: most nodes fail there, before the two other rows are read.
        if ((t > 0 && G[k - 1] > g) || (t + 1 < nct && G[k + 1] > g)) continue;
        let isMax = true;
        for (let ds = -1; ds <= 1 && isMax; ds += 2) {
          const s2 = s + ds;
          if (s2 < 0 || s2 >= ncs) continue;
          const row = s2 * nct;
          if (G[row + t] > g || (t > 0 && G[row + t - 1] > g) || (t + 1 < nct && G[row + t + 1] > g)) isMax = false;
        }
        if (!isMax) continue;
        // Insert into the sorted candidate list (descending G; earlier node first on ties).
        let i = n < K ? n++ : K - 1;
        while (i > 0 && candG[i - 1] < g) {
          candG[i] = candG[i - 1];
          candNode[i] = candNode[i - 1];
          i--;
        }
        candG[i] = g;
        candNode[i] = this.coarseSigma[s] * this.nTc + this.coarseTc[t];
      }
    }
    return n;
  }

  /**
   * Profile search around one candidate: the best temperature of each sigma row by a 1-D climb
   * from the best temperature of the neighbouring row, rows visited outwards from the candidate
   * while the row maximum keeps growing (plus `LOOKAHEAD_ROWS`).
   */
  private climb(start: number): void {
    const nTc = this.nTc, nSigma = this.nSigma;
    const ct = start % nTc;
    const cs = (start - ct) / nTc;
    const t0 = this.rowClimb(cs, ct);
    const g0 = this.rowG;
    for (let d = -1; d <= 1; d += 2) {
      let bestRowG = g0;
      let t = t0;
      let since = 0;
      for (let s = cs + d; s >= 0 && s < nSigma; s += d) {
        t = this.rowClimb(s, t);
        if (this.rowG > bestRowG) {
          bestRowG = this.rowG;
          since = 0;
        } else if (++since > LOOKAHEAD_ROWS) break;
      }
    }
  }

  /** Best G of the last `rowClimb`. */
  private rowG = 0;

  /** 1-D climb along temperature in sigma row s from t; returns the row's local best t (G in rowG). */
  private rowClimb(s: number, t: number): number {
    const nTc = this.nTc;
    const base = s * nTc;
    let g = this.evalNode(base + t);
    const right = t + 1 < nTc ? this.evalNode(base + t + 1) : -1;
    const left = t > 0 ? this.evalNode(base + t - 1) : -1;
    if (right > g && right >= left) {
      g = right;
      t++;
      while (t + 1 < nTc) {
        const next = this.evalNode(base + t + 1);
        if (!(next > g)) break;
        g = next;
        t++;
      }
    } else if (left > g) {
      g = left;
      t--;
      while (t > 0) {
        const next = this.evalNode(base + t - 1);
        if (!(next > g)) break;
        g = next;
        t--;
      }
    }
    this.rowG = g;
    return t;
  }

  /** G of node j (cached per pixel); updates the global best. */
  private evalNode(j: number): number {
    if (this.stamp[j] === this.currentStamp) return this.cacheG[j];
    const a = this.a, w = this.w, T = this.table;
    const o = j * NODE_STRIDE;
    const sxy = a[0] * T[o] + a[1] * T[o + 1] + a[2] * T[o + 2] + a[3] * T[o + 3] + a[4] * T[o + 4] + a[5] * T[o + 5];
    const syy = w[0] * T[o + 6] + w[1] * T[o + 7] + w[2] * T[o + 8] + w[3] * T[o + 9] + w[4] * T[o + 10] + w[5] * T[o + 11];
    const g = (sxy * sxy) / syy;
    this.cacheG[j] = g;
    this.stamp[j] = this.currentStamp;
    this.evaluations++;
    if (g > this.g || (g === this.g && j < this.node)) {
      this.g = g;
      this.node = j;
    }
    return g;
  }
}

/** 0, stride, 2 stride, ... and always the last index. */
function strideIndices(n: number, stride: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return Int32Array.from(out);
}
