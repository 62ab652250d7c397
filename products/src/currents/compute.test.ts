/**
 * Synthetic-truth tests of the jr pipeline (SCIENCE.md 4.5): fields whose current is known in
 * closed form, fed through the SHARP frame (Bp = Bx, Bt = -By, Br = Bz).
 */
import { describe, expect, it } from 'vitest';
import { computeCurrents, type SharpPatchGeometry, type SharpVectorField } from './compute.ts';
import { sharpPixelScale } from './scale.ts';

const RSUN_REF = 696e6;
const CDELT = 0.03;
const DSUN = 1.4774622050341e11;
const ARCSEC = (180 / Math.PI) * 3600;

/** A SHARP-style geometry whose pixel is `metres` wide in the pipeline convention. */
function geometryFor(metres: number): SharpPatchGeometry {
  const cdelt1Arcsec = Math.atan((RSUN_REF * CDELT * Math.PI) / 180 / DSUN) * ARCSEC;
  return { cdelt1Deg: CDELT, cdelt2Deg: CDELT, rsunRefM: RSUN_REF, dsunObsM: DSUN, rsunObsArcsec: (cdelt1Arcsec * RSUN_REF) / metres };
}

function grid(width: number, height: number, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = f(x, y);
  return out;
}

/** A patch from the local-frame field (Bx, By, Bz), every pixel selected unless overridden. */
function patch(
  width: number,
  height: number,
  bx: (x: number, y: number) => number,
  by: (x: number, y: number) => number,
  extra: Partial<SharpVectorField> = {},
): SharpVectorField {
  return {
    width,
    height,
    bp: grid(width, height, bx),
    bt: grid(width, height, (x, y) => -by(x, y)),
    br: grid(width, height, () => 100),
    brErr: grid(width, height, () => 1),
    bpErr: grid(width, height, () => 1),
    btErr: grid(width, height, () => 1),
    confDisambig: grid(width, height, () => 90),
    bitmap: grid(width, height, () => 34),
    ...extra,
  };
}

/**
 * Gaussian flux rope Bx = -y F, By = x F, F = (B0/L) exp(-r²/L²), B0 = 0.1 T = 1000 G, L = 10 Mm,
 * sampled with L = lPixels pixels over ±5 L. Analytic jz = (B0/(µ0 L)) exp(-r²/L²)(2 - 2r²/L²).
 */
function fluxRope(lPixels: number) {
  const B0_TESLA = 0.1;
  const B0_GAUSS = B0_TESLA * 1e4;
  const L = 10e6;
  const h = L / lPixels;
  const size = 10 * lPixels + 1;
  const c = (size - 1) / 2;
  const u = (x: number, y: number) => [(x - c) / lPixels, (y - c) / lPixels] as const; // in units of L
  const F = (x: number, y: number) => {
    const [ux, uy] = u(x, y);
    return B0_GAUSS * Math.exp(-(ux * ux + uy * uy));
  };
  const field = patch(
    size,
    size,
    (x, y) => -u(x, y)[1] * F(x, y),
    (x, y) => u(x, y)[0] * F(x, y),
  );
  const mu0 = 4 * Math.PI * 1e-7;
  const truth = (x: number, y: number) => {
    const [ux, uy] = u(x, y);
    const s = ux * ux + uy * uy;
    return (B0_TESLA / (mu0 * L)) * Math.exp(-s) * (2 - 2 * s);
  };
  return { field, geometry: geometryFor(h), truth, size, totalUnsigned: (4 * Math.PI * B0_TESLA * L) / (mu0 * Math.E) };
}

describe('computeCurrents on a Gaussian flux rope', () => {
  const ropes = [8, 16, 32].map((lPixels) => {
    const rope = fluxRope(lPixels);
    return { lPixels, rope, result: computeCurrents(rope.field, rope.geometry) };
  });

  it('converges at second order: halving h divides the pointwise error by ~4', () => {
    const maxErrors = ropes.map(({ rope, result }) => {
      let max = 0;
      for (let y = 0; y < rope.size; y++) {
        for (let x = 0; x < rope.size; x++) max = Math.max(max, Math.abs(result.jr[y * rope.size + x] - rope.truth(x, y)));
      }
      return max;
    });
    const peak = ropes[0].rope.truth((ropes[0].rope.size - 1) / 2, (ropes[0].rope.size - 1) / 2);
    expect(maxErrors[0] / peak).toBeLessThan(0.05);
    for (let i = 1; i < maxErrors.length; i++) {
      const ratio = maxErrors[i - 1] / maxErrors[i];
      expect(ratio).toBeGreaterThan(3.7);
      expect(ratio).toBeLessThan(4.3);
    }
  });

  it('has no net current and a total unsigned current within 1 % of 4π B0 L / (µ0 e) = 3.679e12 A', () => {
    for (const { rope, result } of ropes) {
      const { TOTUSJZ, NETJZ } = result.keywords.values;
      expect(rope.totalUnsigned).toBeCloseTo(3.679e12, -9);
      expect(Math.abs(TOTUSJZ / rope.totalUnsigned - 1)).toBeLessThan(0.01);
      expect(Math.abs(NETJZ / TOTUSJZ)).toBeLessThan(1e-6);
    }
  });
});

describe('computeCurrents conventions and units', () => {
  // Pure shear By = a x (Bx = 0): jz = dBy/dx = a G/pixel everywhere, edges included.
  const a = 2.5;
  const shear = (btSign: 1 | -1) => {
    const f = patch(12, 8, () => 0, (x) => a * x);
    return { ...f, bt: f.bt.map((v) => btSign * v) };
  };
  const geometry = geometryFor(364_423);

  it('uses By = -Bt: flipping the sign convention of Bt flips MEANJZD', () => {
    const right = computeCurrents(shear(1), geometry).keywords.values.MEANJZD;
    const wrong = computeCurrents(shear(-1), geometry).keywords.values.MEANJZD;
    expect(right).toBeGreaterThan(0);
    expect(wrong).toBeCloseTo(-right, 12);
  });

  it('converts G/pixel to A/m² with 1e-4 / (µ0 Δ), derived here from SI definitions', () => {
    // 1 G = 1e-4 T; µ0 = 4π × 1e-7 T m / A; a field step of 1 G per Δ metres is a current density
    // of (1e-4 T / Δ) / µ0.
    const delta = sharpPixelScale(geometry).metresPerPixel;
    expect(delta).toBeCloseTo(364_423, 3);
    const perGaussPerPixel = 1e-4 / (4 * Math.PI * 1e-7 * delta);
    expect(perGaussPerPixel).toBeCloseTo(2.1837e-4, 8);
    const result = computeCurrents(shear(1), geometry);
    for (const v of result.jr) expect(v / (a * perGaussPerPixel)).toBeCloseTo(1, 6);
    expect(result.keywords.values.MEANJZD / (a * perGaussPerPixel * 1e3)).toBeCloseTo(1, 9);
    expect(result.keywords.values.MAXJZ / (a * perGaussPerPixel * 1e3)).toBeCloseTo(1, 9);
    // Total current: jz × pixel area Δ².
    expect(result.keywords.values.NETJZ / (a * perGaussPerPixel * delta * delta * 12 * 8)).toBeCloseTo(1, 9);
  });

  it('computes the HARP 377 pixel scale of SCIENCE.md 4.2', () => {
    const s = sharpPixelScale({ cdelt1Deg: 0.03, rsunRefM: 696e6, dsunObsM: 147746220503.41, rsunObsArcsec: 971.671936 });
    expect(s.cdelt1Arcsec).toBeCloseTo(0.50876, 5);
    expect(s.metresPerPixel).toBeCloseTo(364_423, -0.5);
    expect(() => sharpPixelScale({ cdelt1Deg: 0.03, rsunRefM: 696e6, dsunObsM: Number.NaN, rsunObsArcsec: 971 })).toThrow(/dsunObsM/);
  });
});

describe('computeCurrents masks', () => {
  const [w, h] = [40, 30];
  // Analytic mask: bitmap >= 30 in the rectangle 5 <= x < 35, 4 <= y < 26 (30 x 22 = 660 px);
  // conf_disambig < 70 in 10 <= x < 20, 10 <= y < 15 (10 x 5 = 50 px inside it); one BLANK
  // confidence and one BLANK bitmap pixel inside; Br BLANK on 3 selected pixels (flux mask only);
  // Bp BLANK at one selected pixel, which makes jz NaN at its 2 neighbours along y (Bx enters
  // only dBx/dy), both selected.
  const inRect = (x: number, y: number) => x >= 5 && x < 35 && y >= 4 && y < 26;
  const lowConf = (x: number, y: number) => x >= 10 && x < 20 && y >= 10 && y < 15;
  const field = patch(w, h, (_x, y) => -0.5 * y, (x) => 0.5 * x, {
    bitmap: grid(w, h, (x, y) => (inRect(x, y) ? 42 : 1)),
    confDisambig: grid(w, h, (x, y) => (lowConf(x, y) ? 60 : 90)),
    br: grid(w, h, (x, y) => (x + y) % 7 - 3),
  });
  field.confDisambig[20 * w + 30] = Number.NaN;
  field.bitmap[6 * w + 6] = Number.NaN;
  for (const [x, y] of [[25, 20], [26, 20], [27, 20]]) field.br[y * w + x] = Number.NaN;
  field.bp[17 * w + 25] = Number.NaN;
  const selected = 660 - 50 - 2;

  it('selects conf_disambig >= 70 and bitmap >= 30, CMASK = the analytic area', () => {
    const r = computeCurrents(field, geometryFor(364_423));
    expect(r.keywords.values.CMASK).toBe(selected - 3);
    // jz is NaN above and below the NaN Bp (dBx/dy), the NaN pixel itself keeps a finite jz.
    const maskCount = r.mask.reduce((s, v) => s + v, 0);
    expect(maskCount).toBe(selected - 2);
    expect(r.keywords.counts.current).toBe(selected - 2);
    expect(r.keywords.values.AREA).toBeCloseTo((selected - 2) * (696 * 0.03 * (Math.PI / 180)) ** 2, 9);
    expect(r.mask[6 * w + 6]).toBe(0);
    expect(r.mask[20 * w + 30]).toBe(0);
    expect(r.mask[12 * w + 15]).toBe(0);
    expect(r.mask[12 * w + 25]).toBe(1);
  });

  it('applies the optional |B| threshold only when asked', () => {
    const strong = { ...field, br: grid(w, h, (x) => (x < 20 ? 50 : 500)) };
    const off = computeCurrents(strong, geometryFor(364_423));
    const on = computeCurrents(strong, geometryFor(364_423), { minFieldGauss: 200 });
    expect(off.keywords.values.CMASK).toBe(selected);
    // x >= 20 keeps 15 columns x 22 rows minus the BLANK-confidence pixel at (30, 20) and the
    // BLANK-Bp pixel at (25, 17), whose |B| is unknown.
    expect(on.keywords.values.CMASK).toBe(15 * 22 - 2);
  });
});
