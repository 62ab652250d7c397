import { describe, expect, it } from 'vitest';
import { verticalCurl, verticalCurlError } from './curl.ts';

/** Fill a FITS-ordered grid from f(x, y) with x, y in pixels. */
function grid(width: number, height: number, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = f(x, y);
  return out;
}

describe('verticalCurl', () => {
  it('gives jz = 2a exactly for the linear field Bx = -a y, By = a x, edges included', () => {
    const a = 0.75;
    const [w, h] = [9, 6];
    const jz = verticalCurl(
      grid(w, h, (_x, y) => -a * (y - 2.5)),
      grid(w, h, (x) => a * (x - 3)),
      w,
      h,
    );
    expect(Array.from(jz)).toEqual(new Array(w * h).fill(2 * a));
  });

  it('is exact on quadratic fields, edges included (second-order stencils)', () => {
    // By = x², Bx = -y² + x y: dBy/dx = 2x, dBx/dy = -2y + x, jz = x + 2y.
    const [w, h] = [7, 5];
    const jz = verticalCurl(
      grid(w, h, (x, y) => -y * y + x * y),
      grid(w, h, (x) => x * x),
      w,
      h,
    );
    expect(Array.from(jz)).toEqual(Array.from(grid(w, h, (x, y) => x + 2 * y)));
  });

  it('propagates NaN from any stencil input and rejects bad grids', () => {
    const [w, h] = [5, 5];
    const by = grid(w, h, (x) => x);
    by[2 * w + 2] = Number.NaN;
    const jz = verticalCurl(grid(w, h, () => 0), by, w, h);
    expect(Number.isNaN(jz[2 * w + 1])).toBe(true);
    expect(Number.isNaN(jz[2 * w + 3])).toBe(true);
    expect(Number.isNaN(jz[2 * w + 2])).toBe(false); // the central stencil skips its own pixel
    expect(jz[3 * w + 2]).toBe(1);
    expect(() => verticalCurl(new Float64Array(4), new Float64Array(4), 2, 2)).toThrow(RangeError);
    expect(() => verticalCurl(new Float64Array(9), new Float64Array(8), 3, 3)).toThrow(/3 x 3/);
  });
});

describe('verticalCurlError', () => {
  it('is 0.5 sqrt of the four neighbour variances inside and propagates the one-sided stencil on the edges', () => {
    const [w, h] = [6, 5];
    const sx = 2;
    const sy = 3;
    const err = verticalCurlError(
      grid(w, h, () => sx),
      grid(w, h, () => sy),
      w,
      h,
    );
    const inside = 0.5 * Math.sqrt(2 * sy * sy + 2 * sx * sx);
    // One-sided (-3 f0 + 4 f1 - f2) / 2 has variance (9 + 16 + 1) σ² / 4.
    const oneSidedX = 0.25 * 26 * sy * sy;
    const oneSidedY = 0.25 * 26 * sx * sx;
    expect(err[2 * w + 2]).toBeCloseTo(inside, 6);
    expect(err[2 * w + 0]).toBeCloseTo(Math.sqrt(oneSidedX + 0.25 * 2 * sx * sx), 6);
    expect(err[0]).toBeCloseTo(Math.sqrt(oneSidedX + oneSidedY), 6);
    expect(err[(h - 1) * w + 2]).toBeCloseTo(Math.sqrt(0.25 * 2 * sy * sy + oneSidedY), 6);
  });
});
