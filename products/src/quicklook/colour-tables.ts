/**
 * Named colour tables shared by the server PNG quicklooks and the portal pages (legends and
 * client-side colour mapping). Every table is 256 RGB entries, index 0 = bottom of the display
 * range, index 255 = top.
 *
 * Sources:
 * - AIA channels: `aia_lct.pro` (SolarSoft, K. Schrijver 2010/04/12), built from IDL colour table 3
 *   ("Red Temperature") and the ramps c0 = i, c1 = sqrt(i) sqrt(255), c2 = i²/255,
 *   c3 = (c1 + c2/2) 255 / (max c1 + max c2 / 2), with IDL `byte()` truncation. SunPy's
 *   `aia_color_table` uses the same recipe without truncation.
 * - IDL colour table 3 is piecewise linear: r = 255 i/176, g = 255 (i-120)/135, b = 255 (i-190)/65,
 *   each clipped to [0, 255] and truncated.
 * - HMI magnetogram: the usual HMI display, black (negative, field away from the observer) to white
 *   (positive), a linear grey ramp centred on zero by the symmetric display scale.
 * - HMI continuum: the AIA 4500 Å (white-light) table of `aia_lct.pro`, r = g = c0, b = b0/2.
 * - DEM, currents and data age: d3-scale-chromatic (turbo, inferno, viridis, cividis, RdBu, YlGnBu),
 *   sampled at i/255.
 *
 * @module
 */
import { interpolateCividis, interpolateInferno, interpolateRdBu, interpolateTurbo, interpolateViridis, interpolateYlGnBu, rgb } from 'd3';
import type { ColourTableName } from '../definitions/types.ts';

/** Number of entries of every table. */
export const TABLE_SIZE = 256;

export interface ColourTable {
  name: ColourTableName;
  /** One line for legends and PNG metadata. */
  description: string;
  /** 256 × RGB, interleaved (r0, g0, b0, r1, ...). */
  rgb: Uint8Array;
}

export const COLOUR_TABLE_NAMES: readonly ColourTableName[] = [
  'hmi-magnetogram',
  'hmi-continuum',
  'aia-94',
  'aia-131',
  'aia-171',
  'aia-193',
  'aia-211',
  'aia-304',
  'aia-335',
  'aia-1600',
  'aia-1700',
  'dem-temperature',
  'dem-emission-measure',
  'dem-width',
  'dem-chi2',
  'grey',
  'diverging-current',
  'data-age',
];

type Ramp = (i: number) => number;

// ------------------------------------------------------------------ IDL / aia_lct.pro ramps

const clip = (v: number): number => Math.trunc(Math.min(255, Math.max(0, v)));

/** IDL colour table 3 ("Red Temperature"). */
export const idl3 = {
  r: (i: number): number => clip((255 * i) / 176),
  g: (i: number): number => clip((255 * (i - 120)) / 135),
  b: (i: number): number => clip((255 * (i - 190)) / 65),
};

// IDL computes the ramps in single precision before byte(); Math.fround reproduces that.
const SQRT255 = Math.fround(Math.sqrt(255));
const c0: Ramp = (i) => i;
const c1: Ramp = (i) => Math.trunc(Math.fround(Math.fround(Math.sqrt(i)) * SQRT255));
const c2: Ramp = (i) => Math.trunc(Math.fround(Math.fround(i * i) / 255));
// max(c1) = max(c2) = 255, so the normalisation is 255 / (255 + 127.5).
const c3: Ramp = (i) => Math.trunc(Math.fround(((c1(i) + c2(i) / 2) * 255) / (255 + 255 / 2)));

/** Red, green and blue ramps of each AIA channel, as assigned by `aia_lct.pro`. */
const AIA_RAMPS: Record<number, [Ramp, Ramp, Ramp]> = {
  1600: [c3, c3, c2],
  1700: [c1, c0, c0],
  4500: [c0, c0, (i) => Math.trunc(idl3.b(i) / 2)],
  94: [c2, c3, c0],
  131: [idl3.g, idl3.r, idl3.r],
  171: [idl3.r, c0, idl3.b],
  193: [c1, c0, c2],
  211: [c1, c0, c3],
  304: [idl3.r, idl3.g, idl3.b],
  335: [c2, c0, c1],
};

function fromRamps([r, g, b]: [Ramp, Ramp, Ramp]): Uint8Array {
  const out = new Uint8Array(TABLE_SIZE * 3);
  for (let i = 0; i < TABLE_SIZE; i++) {
    out[3 * i] = r(i);
    out[3 * i + 1] = g(i);
    out[3 * i + 2] = b(i);
  }
  return out;
}

/** Sample a d3 interpolator (returning a CSS colour) at i/255. */
function fromInterpolator(f: (t: number) => string): Uint8Array {
  const out = new Uint8Array(TABLE_SIZE * 3);
  for (let i = 0; i < TABLE_SIZE; i++) {
    const c = rgb(f(i / (TABLE_SIZE - 1)));
    out[3 * i] = clip(Math.round(c.r));
    out[3 * i + 1] = clip(Math.round(c.g));
    out[3 * i + 2] = clip(Math.round(c.b));
  }
  return out;
}

const greyRamp: Ramp = (i) => i;

const DEFINITIONS: Record<ColourTableName, { description: string; build: () => Uint8Array }> = {
  'hmi-magnetogram': { description: 'HMI magnetogram grey: black negative, white positive', build: () => fromRamps([greyRamp, greyRamp, greyRamp]) },
  'hmi-continuum': { description: 'SDO white-light (aia_lct 4500 Å)', build: () => fromRamps(AIA_RAMPS[4500]) },
  'aia-94': { description: 'SDO/AIA 94 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[94]) },
  'aia-131': { description: 'SDO/AIA 131 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[131]) },
  'aia-171': { description: 'SDO/AIA 171 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[171]) },
  'aia-193': { description: 'SDO/AIA 193 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[193]) },
  'aia-211': { description: 'SDO/AIA 211 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[211]) },
  'aia-304': { description: 'SDO/AIA 304 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[304]) },
  'aia-335': { description: 'SDO/AIA 335 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[335]) },
  'aia-1600': { description: 'SDO/AIA 1600 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[1600]) },
  'aia-1700': { description: 'SDO/AIA 1700 Å (aia_lct)', build: () => fromRamps(AIA_RAMPS[1700]) },
  'dem-temperature': { description: 'DEM peak temperature (turbo)', build: () => fromInterpolator(interpolateTurbo) },
  'dem-emission-measure': { description: 'DEM emission measure (inferno)', build: () => fromInterpolator(interpolateInferno) },
  'dem-width': { description: 'DEM width (viridis)', build: () => fromInterpolator(interpolateViridis) },
  'dem-chi2': { description: 'DEM reduced chi2 (cividis)', build: () => fromInterpolator(interpolateCividis) },
  grey: { description: 'linear grey, black to white', build: () => fromRamps([greyRamp, greyRamp, greyRamp]) },
  'diverging-current': { description: 'diverging blue (negative) - white - red (positive), RdBu reversed', build: () => fromInterpolator((t) => interpolateRdBu(1 - t)) },
  'data-age': { description: 'data age: dark blue (fresh) to pale yellow (old), YlGnBu reversed', build: () => fromInterpolator((t) => interpolateYlGnBu(1 - t)) },
};

const cache = new Map<ColourTableName, ColourTable>();

/**
 * The colour table of a name (built once, then cached).
 * @example colourTable('aia-171').rgb.subarray(3 * 255, 3 * 256) // → [255, 255, 255]
 */
export function colourTable(name: ColourTableName): ColourTable {
  let t = cache.get(name);
  if (!t) {
    const def = DEFINITIONS[name];
    if (!def) throw new RangeError(`unknown colour table "${String(name)}"`);
    t = { name, description: def.description, rgb: def.build() };
    cache.set(name, t);
  }
  return t;
}

/** Is `name` one of the colour tables? */
export function isColourTableName(name: string): name is ColourTableName {
  return Object.hasOwn(DEFINITIONS, name);
}

/** The RGB triple of entry `i` (0-255) of a table. */
export function tableEntry(table: ColourTable, i: number): [number, number, number] {
  const k = 3 * Math.min(TABLE_SIZE - 1, Math.max(0, Math.trunc(i)));
  return [table.rgb[k], table.rgb[k + 1], table.rgb[k + 2]];
}

/** CSS `linear-gradient` stops of a table (for legends drawn with HTML/CSS). */
export function cssGradient(table: ColourTable, direction = 'to right', stops = 16): string {
  const parts: string[] = [];
  for (let s = 0; s <= stops; s++) {
    const i = Math.round((s * (TABLE_SIZE - 1)) / stops);
    const [r, g, b] = tableEntry(table, i);
    parts.push(`rgb(${r} ${g} ${b}) ${((100 * s) / stops).toFixed(2)}%`);
  }
  return `linear-gradient(${direction}, ${parts.join(', ')})`;
}
