/**
 * The vertical component of the curl of a horizontal field on a regular grid, with the stencils of
 * the HMI pipeline (JSOC `sw_functions.c` `computeJz`, SCIENCE.md 4.2): central differences
 * (f[i+1] - f[i-1]) / 2 inside, second-order one-sided differences (-3 f0 + 4 f1 - f2) / 2 and
 * (3 fN - 4 fN-1 + fN-2) / 2 on the first and last row/column. Both stencils are exact for fields
 * that are quadratic along the differencing direction.
 *
 * Arrays are FITS ordered: x (columns) fastest, index = y · width + x, row 0 at the bottom.
 *
 * @module
 */

const f32 = Math.fround;

type Plane = Float32Array | Float64Array;

function checkGrid(width: number, height: number, arrays: Plane[]): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 3 || height < 3) {
    throw new RangeError(`curl: the grid must be at least 3 x 3 pixels, got ${width} x ${height}`);
  }
  for (const a of arrays) {
    if (a.length !== width * height) throw new RangeError(`curl: array of ${a.length} values for a ${width} x ${height} grid`);
  }
}

/*
 * Derivative stencils in single precision. The pipeline keeps the fields and the derivatives in C
 * `float`; each arithmetic step below is one float operation of that code, rounded with fround
 * (an operation done in double then rounded to float is correctly rounded for + - * /). Parity
 * matters for one keyword: MEANJZH counts the pixels where jz != 0, and on HARP 377 one mask pixel
 * has jz exactly 0 when the fields are floats, but 1e-13 G/px when they are doubles
 * (SCIENCE.md 4.4). Callers pass float-rounded fields (compute.ts does).
 */

/** (a[+1] - a[-1]) / 2 in float. */
function central(plus: number, minus: number): number {
  return f32(f32(plus - minus) * 0.5);
}

/** (-3 f0 + 4 f1 - f2) / 2 in float, evaluated left to right as the pipeline does. */
function forward(f0: number, f1: number, f2: number): number {
  return f32(f32(f32(f32(-3 * f0) + f32(4 * f1)) - f2) * 0.5);
}

/** (3 fN - 4 fN-1 + fN-2) / 2 in float, evaluated left to right as the pipeline does. */
function backward(fN: number, fN1: number, fN2: number): number {
  return f32(f32(f32(f32(3 * fN) + f32(-4 * fN1)) + fN2) * 0.5);
}

/**
 * jz = dBy/dx - dBx/dy in field units per pixel (G/pixel for fields in G), computed in single
 * precision like the HMI pipeline. A NaN among the stencil inputs gives NaN.
 */
export function verticalCurl(bx: Plane, by: Plane, width: number, height: number): Float32Array {
  checkGrid(width, height, [bx, by]);
  const out = new Float32Array(width * height);
  const last = width - 1;
  const top = height - 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const k = row + x;
      const dByDx =
        x === 0 ? forward(by[k], by[k + 1], by[k + 2]) : x === last ? backward(by[k], by[k - 1], by[k - 2]) : central(by[k + 1], by[k - 1]);
      const dBxDy =
        y === 0
          ? forward(bx[k], bx[k + width], bx[k + 2 * width])
          : y === top
            ? backward(bx[k], bx[k - width], bx[k - 2 * width])
            : central(bx[k + width], bx[k - width]);
      out[k] = dByDx - dBxDy;
    }
  }
  return out;
}

/** Variance of a central difference (a[+1] - a[-1]) / 2 from the errors of its two inputs. */
function centralVariance(sPlus: number, sMinus: number): number {
  return 0.25 * (sPlus * sPlus + sMinus * sMinus);
}

/** Variance of a one-sided difference (±3 f0 ∓ 4 f1 ± f2) / 2. */
function oneSidedVariance(s0: number, s1: number, s2: number): number {
  return 0.25 * (9 * s0 * s0 + 16 * s1 * s1 + s2 * s2);
}

/**
 * 1-sigma uncertainty of `verticalCurl` from independent errors of Bx and By, in the same units.
 * Inside the grid this is the pipeline's jz_err = 0.5 sqrt(σBy²[x+1] + σBy²[x-1] + σBx²[y+1] + σBx²[y-1]).
 * On the edge rows and columns the pipeline leaves the term of the one-sided derivative at 0
 * (its comment: edge pixels never enter the masks); we propagate the one-sided stencil instead, so
 * that the JR_ERR plane never claims a zero error where jr is defined.
 */
export function verticalCurlError(bxErr: Plane, byErr: Plane, width: number, height: number): Float32Array {
  checkGrid(width, height, [bxErr, byErr]);
  const out = new Float32Array(width * height);
  const last = width - 1;
  const top = height - 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const k = row + x;
      const varX =
        x === 0
          ? oneSidedVariance(byErr[k], byErr[k + 1], byErr[k + 2])
          : x === last
            ? oneSidedVariance(byErr[k], byErr[k - 1], byErr[k - 2])
            : centralVariance(byErr[k + 1], byErr[k - 1]);
      const varY =
        y === 0
          ? oneSidedVariance(bxErr[k], bxErr[k + width], bxErr[k + 2 * width])
          : y === top
            ? oneSidedVariance(bxErr[k], bxErr[k - width], bxErr[k - 2 * width])
            : centralVariance(bxErr[k + width], bxErr[k - width]);
      out[k] = Math.sqrt(varX + varY);
    }
  }
  return out;
}
