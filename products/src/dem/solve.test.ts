import { describe, expect, it } from 'vitest';
import { DemError } from './errors.ts';
import { EM_UNIT, NODE_STRIDE } from './lut.ts';
import { DEFAULT_SEARCH, GaussianDemSolver } from './solve.ts';
import { Rng, SYNTHETIC_EXPTIME, syntheticCounts } from './synthetic.ts';
import { defaultModelData, FULL_SEARCH, invertPixels } from './test-support.ts';

const { fine, lut } = defaultModelData();

/** Noiseless counts of `em` at table node j (exactly EM x U_j x EXPTIME). */
function nodeCounts(j: number, em: number, out: Float64Array, p: number): void {
  for (let b = 0; b < 6; b++) out[p * 6 + b] = ((lut.table[j * NODE_STRIDE + b] * em) / EM_UNIT) * SYNTHETIC_EXPTIME[b];
}

describe('Gaussian DEM solve (SCIENCE.md 1.6 items 3, 4, 6)', () => {
  for (const search of [DEFAULT_SEARCH, FULL_SEARCH]) {
    it(`${search.mode}: noiseless on-grid truth gives the exact node, EM to 1e-9 and chi2 ~ 0`, async () => {
      const rng = new Rng(7);
      const n = 3000;
      const counts = new Float64Array(n * 6);
      const nodes = new Int32Array(n);
      const ems = new Float64Array(n);
      for (let p = 0; p < n; p++) {
        nodes[p] = Math.floor(rng.uniform() * lut.nodes);
        ems[p] = 10 ** (26 + 3 * rng.uniform());
        nodeCounts(nodes[p], ems[p], counts, p);
      }
      const out = await invertPixels(counts, { search });
      let maxEmErr = 0, maxChi2 = 0, wrong = 0;
      for (let p = 0; p < n; p++) {
        if (out.node[p] !== nodes[p]) wrong++;
        // EM plane is float32: check the exact EM from the node instead, as the solver computes it.
        maxEmErr = Math.max(maxEmErr, Math.abs(out.em[p] / ems[p] - 1));
        maxChi2 = Math.max(maxChi2, out.chi2[p]);
      }
      expect(wrong).toBe(0);
      expect(maxEmErr).toBeLessThan(1e-7); // float32 output plane; the float64 EM is checked below
      expect(maxChi2).toBeLessThan(1e-6);
      // The sub-node refinement cannot beat chi2 = 0: the reported Tc and sigma are the node's.
      for (let p = 0; p < n; p++) {
        const t = nodes[p] % lut.nTc;
        expect(out.tc[p]).toBe(Math.fround(10 ** lut.logTc[t]));
        expect(out.sigma[p]).toBe(Math.fround(lut.sigma[(nodes[p] - t) / lut.nTc]));
      }
    });
  }

  it('solver level: on-grid EM* relative error < 1e-9 in float64', () => {
    const solver = new GaussianDemSolver(lut, DEFAULT_SEARCH);
    const rng = new Rng(11);
    // Weights unlike the AIA noise model, to show the result does not depend on them.
    for (let k = 0; k < 500; k++) {
      const j = Math.floor(rng.uniform() * lut.nodes);
      const em = 10 ** (26 + 3 * rng.uniform());
      for (let b = 0; b < 6; b++) {
        const rate = (lut.table[j * NODE_STRIDE + b] * em) / EM_UNIT;
        const s2 = 1 + 0.05 * rate; // any positive weights
        solver.w[b] = 1 / s2;
        solver.a[b] = rate / s2;
      }
      solver.solve();
      expect(solver.node).toBe(j);
      expect(Math.abs((EM_UNIT * solver.sxy) / solver.syy / em - 1)).toBeLessThan(1e-9);
    }
  });

  it('noiseless off-grid truth: Tc and sigma within half a step, EM within 5 %', async () => {
    const rng = new Rng(3);
    const n = 1500;
    const counts = new Float64Array(n * 6);
    const truth: { logTc: number; sigma: number; em: number }[] = [];
    for (let p = 0; p < n; p++) {
      // Inside the grid by half a step so that the nearest node exists on both sides.
      const t = { logTc: 5.605 + 1.39 * rng.uniform(), sigma: 0.03 + 0.56 * rng.uniform(), em: 10 ** (26 + 3 * rng.uniform()) };
      // Truths between nodes in both directions (the grid steps are 0.01 and 0.02).
      truth.push(t);
      syntheticCounts(fine, t, SYNTHETIC_EXPTIME, undefined, counts, p * 6);
    }
    const out = await invertPixels(counts);
    let worstT = 0, worstS = 0, worstEm = 0;
    for (let p = 0; p < n; p++) {
      worstT = Math.max(worstT, Math.abs(Math.log10(out.tc[p]) - truth[p].logTc));
      worstS = Math.max(worstS, Math.abs(out.sigma[p] - truth[p].sigma));
      worstEm = Math.max(worstEm, Math.abs(out.em[p] / truth[p].em - 1));
    }
    expect(worstT).toBeLessThanOrEqual(0.005 + 1e-6);
    expect(worstS).toBeLessThanOrEqual(0.01 + 1e-6);
    expect(worstEm).toBeLessThan(0.05);
  });

  it('scaling the intensities by k (same uncertainties) scales EM by k and leaves Tc and sigma unchanged', () => {
    const rng = new Rng(5);
    const solver = new GaussianDemSolver(lut, DEFAULT_SEARCH);
    const counts = new Float64Array(6);
    for (let p = 0; p < 300; p++) {
      syntheticCounts(fine, { logTc: 5.8 + 0.8 * rng.uniform(), sigma: 0.1 + 0.4 * rng.uniform(), em: 10 ** (27 + rng.uniform()) }, SYNTHETIC_EXPTIME, rng, counts);
      const w = counts.map((c) => 1 / (1 + Math.abs(c)));
      const fit = (k: number): { node: number; dt: number; ds: number; em: number } => {
        for (let b = 0; b < 6; b++) {
          solver.w[b] = w[b];
          solver.a[b] = w[b] * Math.abs(counts[b]) * k;
        }
        solver.solve();
        return { node: solver.node, dt: solver.dt, ds: solver.ds, em: solver.sxy / solver.syy };
      };
      const ref = fit(1);
      for (const k of [1e-3, 0.37, 1e4]) {
        const r = fit(k);
        expect(r.node).toBe(ref.node);
        expect(r.dt).toBeCloseTo(ref.dt, 9);
        expect(r.ds).toBeCloseTo(ref.ds, 9);
        expect(r.em / ref.em / k).toBeCloseTo(1, 12);
      }
    }
  });

  it('coarse-to-fine finds the same node as the full scan for >= 99.9 % of noisy pixels', async () => {
    const rng = new Rng(99);
    const n = 20000;
    const counts = new Float64Array(n * 6);
    for (let p = 0; p < n; p++) {
      const t = { logTc: 5.7 + 1.1 * rng.uniform(), sigma: 0.03 + 0.5 * rng.uniform(), em: 10 ** (26 + 3 * rng.uniform()) };
      syntheticCounts(fine, t, SYNTHETIC_EXPTIME, rng, counts, p * 6);
    }
    // Without the sub-node refinement, CHI2 is the chi2 of the node itself: the full scan's node
    // is the table minimum, so the fast search can never beat it. (With refinement both walk
    // off the nodes into the continuous valley, and a different start may end in a lower basin.)
    const fast = await invertPixels(counts, { search: { ...DEFAULT_SEARCH, refine: false } });
    const full = await invertPixels(counts, { search: { ...FULL_SEARCH, refine: false } });
    let fitted = 0, same = 0;
    for (let p = 0; p < n; p++) {
      if (full.node[p] < 0) continue;
      fitted++;
      if (fast.node[p] === full.node[p]) same++;
      expect(fast.chi2[p]).toBeGreaterThanOrEqual(full.chi2[p] * (1 - 1e-6));
    }
    expect(fitted).toBeGreaterThan(0.8 * n);
    expect(same / fitted).toBeGreaterThanOrEqual(0.999);
  });

  it('rejects bad search options', () => {
    expect(() => new GaussianDemSolver(lut, { ...DEFAULT_SEARCH, tcStride: 0 })).toThrow(DemError);
    expect(() => new GaussianDemSolver(lut, { ...DEFAULT_SEARCH, candidates: 99 })).toThrow(DemError);
    expect(() => new GaussianDemSolver(lut, { ...DEFAULT_SEARCH, mode: 'nope' as 'full' })).toThrow(DemError);
  });
});
