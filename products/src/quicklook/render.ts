/**
 * PNG quicklooks of map planes: a palette PNG (PLTE + tRNS, 8-bit indices, fast-png) with the map
 * (FITS row 0 at the bottom), a title line, a colour bar with ticks, the units, and for DEM maps the
 * legend of the quality rules. `tEXt` chunks carry the title, the colour table, the display range
 * and where the map and the bar sit in the picture.
 *
 * Palette layout: 0 = NaN (transparent or a chosen colour), 1 = white, 2 = black, then (only with
 * quality classes) 48 grey levels, then the colour levels of the table (253, or 205 with greys).
 *
 * @module
 */
import { tickFormat, ticks } from 'd3';
import { encode } from 'fast-png';
import type { DisplayScale } from '../definitions/types.ts';
import { colourTable, type ColourTable } from './colour-tables.ts';
import { demQualityClasses, PixelClass } from './dem-quality.ts';
import { drawText, fillRect, GLYPH_HEIGHT, textWidth, type IndexRaster } from './font.ts';
import { displayUnits, levelOf, normalise, resolveScale, tableIndexOfLevel, type ResolvedScale } from './scale.ts';

export const NAN_INDEX = 0;
export const WHITE_INDEX = 1;
export const BLACK_INDEX = 2;
const FIRST_FREE = 3;
/** Grey levels reserved for quality class `Grey` when quality classes are given. */
export const GREY_LEVELS = 48;

export interface QuicklookOptions {
  /** Title line above the map (e.g. "EUV 17.1 nm  2026-11-25 12:00 UTC  nowcast"). */
  title?: string;
  /** Name of the quantity under the colour bar (e.g. "Peak temperature Tc"). */
  label?: string;
  /** Units of the stored values; shown as display units (log10(K) ...). */
  units?: string;
  /** NaN pixels: transparent (default) or an RGB colour. */
  nan?: 'transparent' | [number, number, number];
  /** Per-pixel classes (FITS order), e.g. `demQualityClasses(chi2, nbands)`. */
  quality?: Uint8Array;
  /** Largest side of the map in the picture; larger planes are sampled (nearest pixel). */
  maxSize?: number;
  /** Draw the title, colour bar and legend (default true). */
  annotate?: boolean;
  /** A range already settled (else from `display`, or the plane's percentiles). */
  scale?: ResolvedScale;
  /** Extra tEXt entries (Latin-1 keywords and values; others are transliterated). */
  metadata?: Record<string, string>;
}

/** Where things are in a rendered quicklook (also written to tEXt as "x,y,width,height"). */
export interface QuicklookLayout {
  width: number;
  height: number;
  map: { x: number; y: number; width: number; height: number; binning: number };
  bar?: { x: number; y: number; width: number; height: number };
}

/**
 * Render one plane as a PNG quicklook.
 * @example renderQuicklook(plane, 1920, 960, { colourTable: 'aia-171', scale: 'log10' }, { title: 'EUV 17.1 nm', units: 'DN/s' })
 */
export function renderQuicklook(
  plane: Float32Array | Float64Array,
  width: number,
  height: number,
  display: DisplayScale,
  opts: QuicklookOptions = {},
): Uint8Array {
  return renderWithLayout(plane, width, height, display, opts).png;
}

/** As `renderQuicklook`, also returning the layout (for callers that draw on top or test pixels). */
export function renderWithLayout(
  plane: Float32Array | Float64Array,
  width: number,
  height: number,
  display: DisplayScale,
  opts: QuicklookOptions = {},
): { png: Uint8Array; layout: QuicklookLayout; scale: ResolvedScale } {
  checkPlane(plane, width, height, opts.quality);
  const table = colourTable(display.colourTable);
  const scale = opts.scale ?? resolveScale(plane, display);
  const annotate = opts.annotate ?? true;
  const binning = opts.maxSize ? Math.max(1, Math.ceil(Math.max(width, height) / opts.maxSize)) : 1;
  const mapW = Math.ceil(width / binning);
  const mapH = Math.ceil(height / binning);
  const palette = buildPalette(table, opts);

  // Geometry in units of one font pixel (u), so that text scales with the map.
  const u = annotate ? Math.max(1, Math.round(Math.max(mapW, 300) / 600)) : 1;
  const pad = 6 * u;
  const W = annotate ? Math.max(mapW, 300 * u) : mapW;
  const titleH = annotate && opts.title ? GLYPH_HEIGHT * u + 2 * pad : 0;
  const mapX = Math.floor((W - mapW) / 2);
  const mapY = titleH;
  const barY = mapY + mapH + 2 * pad;
  const barH = 10 * u;
  const barW = Math.round(W * 0.75);
  const barX = Math.round((W - barW) / 2);
  const tickY = barY + barH;
  const labelY = tickY + 5 * u;
  const unitsY = labelY + GLYPH_HEIGHT * u + 4 * u;
  const legendY = unitsY + GLYPH_HEIGHT * u + 5 * u;
  const H = annotate ? (opts.quality ? legendY + GLYPH_HEIGHT * u : unitsY + GLYPH_HEIGHT * u) + pad : mapH;

  const raster: IndexRaster = { width: W, height: H, data: new Uint8Array(W * H).fill(annotate ? WHITE_INDEX : NAN_INDEX) };
  drawMap(raster, plane, width, height, binning, mapX, mapY, scale, palette, opts.quality);

  const layout: QuicklookLayout = { width: W, height: H, map: { x: mapX, y: mapY, width: mapW, height: mapH, binning } };
  if (annotate) {
    if (opts.title) drawText(raster, opts.title, pad, pad, u, BLACK_INDEX);
    drawColourBar(raster, { x: barX, y: barY, width: barW, height: barH }, scale, palette, u);
    const units = displayUnits(opts.units ?? '', scale.scale);
    const caption = [opts.label, units && `[${units}]`].filter(Boolean).join(' ');
    if (caption) drawText(raster, caption, Math.round((W - textWidth(caption, u)) / 2), unitsY, u, BLACK_INDEX);
    if (opts.quality) drawQualityLegend(raster, barX, legendY, u, palette);
    layout.bar = { x: barX, y: barY, width: barW, height: barH };
  }

  const text: Record<string, string> = {
    Software: 'sdo-map-products quicklook',
    ...(opts.title ? { Title: opts.title } : {}),
    'Colour table': `${table.name}: ${table.description}`,
    'Display scale': scale.scale,
    'Display range': `${scale.lo} ${scale.hi}`,
    ...(opts.units ? { Units: opts.units, 'Display units': displayUnits(opts.units, scale.scale) } : {}),
    'Map box': `${mapX},${mapY},${mapW},${mapH}`,
    'Map binning': String(binning),
    ...(layout.bar ? { 'Colour bar box': `${barX},${barY},${barW},${barH}` } : {}),
    ...(opts.quality ? { 'Quality rules': 'reduced chi2 > 4: grey scale; fewer than 6 valid bands: white' } : {}),
    ...opts.metadata,
  };
  const png = encode({
    width: W,
    height: H,
    data: raster.data,
    depth: 8,
    channels: 1,
    palette: palette.colours,
    text: latin1Record(text),
  });
  return { png, layout, scale };
}

/**
 * A small quicklook without annotations: the map alone, at most `size` pixels on its longest side
 * (nearest-pixel sampling), NaN transparent.
 */
export function renderThumbnail(
  plane: Float32Array | Float64Array,
  width: number,
  height: number,
  display: DisplayScale,
  opts: Pick<QuicklookOptions, 'nan' | 'quality' | 'scale' | 'metadata'> & { size?: number } = {},
): Uint8Array {
  return renderWithLayout(plane, width, height, display, { ...opts, maxSize: opts.size ?? 160, annotate: false }).png;
}

/**
 * A DEM quicklook (Tc, EM or width) with the display rules: chi2 > 4 in grey scale, fewer than 6
 * valid bands in white, as the legend under the colour bar says.
 */
export function renderDemQuicklook(
  plane: Float32Array | Float64Array,
  chi2: ArrayLike<number>,
  nbands: ArrayLike<number>,
  width: number,
  height: number,
  display: DisplayScale,
  opts: Omit<QuicklookOptions, 'quality'> = {},
): Uint8Array {
  return renderQuicklook(plane, width, height, display, { ...opts, quality: demQualityClasses(chi2, nbands) });
}

// ------------------------------------------------------------------ internals

interface Palette {
  colours: number[][];
  greyBase: number;
  greyLevels: number;
  rampBase: number;
  rampLevels: number;
}

function buildPalette(table: ColourTable, opts: QuicklookOptions): Palette {
  const transparent = opts.nan === undefined || opts.nan === 'transparent';
  const nan = transparent ? [0, 0, 0, 0] : [...(opts.nan as number[]), 255];
  const colours: number[][] = [nan, [255, 255, 255, 255], [0, 0, 0, 255]];
  const greyLevels = opts.quality ? GREY_LEVELS : 0;
  for (let g = 0; g < greyLevels; g++) {
    const v = Math.round((g * 255) / (greyLevels - 1));
    colours.push([v, v, v, 255]);
  }
  const rampBase = FIRST_FREE + greyLevels;
  const rampLevels = 256 - rampBase;
  for (let k = 0; k < rampLevels; k++) {
    const i = 3 * tableIndexOfLevel(k, rampLevels);
    colours.push([table.rgb[i], table.rgb[i + 1], table.rgb[i + 2], 255]);
  }
  // fast-png writes tRNS only for 4-component palettes; an opaque palette needs no tRNS.
  const withAlpha = transparent ? colours : colours.map((c) => c.slice(0, 3));
  return { colours: withAlpha, greyBase: FIRST_FREE, greyLevels, rampBase, rampLevels };
}

function drawMap(
  r: IndexRaster,
  plane: ArrayLike<number>,
  width: number,
  height: number,
  binning: number,
  x0: number,
  y0: number,
  scale: ResolvedScale,
  p: Palette,
  quality: Uint8Array | undefined,
): void {
  const mapW = Math.ceil(width / binning);
  const mapH = Math.ceil(height / binning);
  const half = Math.floor(binning / 2);
  for (let y = 0; y < mapH; y++) {
    // Picture row y shows FITS row (height - 1 - sampled row): row 0 at the bottom.
    const fy = Math.min(height - 1, y * binning + half);
    const srcRow = (height - 1 - fy) * width;
    let o = (y0 + y) * r.width + x0;
    for (let x = 0; x < mapW; x++, o++) {
      const src = srcRow + Math.min(width - 1, x * binning + half);
      const cls = quality ? quality[src] : PixelClass.Normal;
      const t = normalise(plane[src], scale);
      if (cls === PixelClass.White) r.data[o] = WHITE_INDEX;
      else if (cls === PixelClass.Missing || Number.isNaN(t)) r.data[o] = NAN_INDEX;
      else if (cls === PixelClass.Grey) r.data[o] = p.greyBase + levelOf(t, p.greyLevels);
      else r.data[o] = p.rampBase + levelOf(t, p.rampLevels);
    }
  }
}

function drawColourBar(r: IndexRaster, box: { x: number; y: number; width: number; height: number }, scale: ResolvedScale, p: Palette, u: number): void {
  for (let x = 0; x < box.width; x++) {
    const t = (x + 0.5) / box.width;
    fillRect(r, box.x + x, box.y, 1, box.height, p.rampBase + levelOf(t, p.rampLevels));
  }
  // Frame, outside the bar so the colours stay exact.
  fillRect(r, box.x - u, box.y - u, box.width + 2 * u, u, BLACK_INDEX);
  fillRect(r, box.x - u, box.y + box.height, box.width + 2 * u, u, BLACK_INDEX);
  fillRect(r, box.x - u, box.y, u, box.height, BLACK_INDEX);
  fillRect(r, box.x + box.width, box.y, u, box.height, BLACK_INDEX);

  let count = Math.max(2, Math.floor(box.width / (50 * u)));
  for (; count >= 2; count--) {
    const values = ticks(scale.lo, scale.hi, count);
    const format = tickFormat(scale.lo, scale.hi, count);
    const labels = values.map((v) => format(v));
    const xs = values.map((v) => box.x + ((v - scale.lo) / (scale.hi - scale.lo)) * box.width);
    const widest = Math.max(...labels.map((l) => textWidth(l, u)));
    const spacing = xs.length > 1 ? xs[1] - xs[0] : Infinity;
    if (widest + 6 * u > spacing && count > 2) continue;
    values.forEach((_, i) => {
      const x = Math.round(xs[i]);
      fillRect(r, x - Math.floor(u / 2), box.y + box.height + u, u, 3 * u, BLACK_INDEX);
      drawText(r, labels[i], x - textWidth(labels[i], u) / 2, box.y + box.height + 5 * u, u, BLACK_INDEX);
    });
    return;
  }
}

function drawQualityLegend(r: IndexRaster, x: number, y: number, u: number, p: Palette): void {
  const sw = GLYPH_HEIGHT * u;
  // Grey swatch: a small grey ramp.
  for (let i = 0; i < 3 * sw; i++) fillRect(r, x + i, y, 1, sw, p.greyBase + levelOf((i + 0.5) / (3 * sw), p.greyLevels));
  const t1 = 'reduced chi2 > 4 (grey scale)';
  drawText(r, t1, x + 3 * sw + 3 * u, y, u, BLACK_INDEX);
  const x2 = x + 3 * sw + 3 * u + textWidth(t1, u) + 12 * u;
  fillRect(r, x2, y, 3 * sw, sw, BLACK_INDEX);
  fillRect(r, x2 + u, y + u, 3 * sw - 2 * u, sw - 2 * u, WHITE_INDEX);
  drawText(r, 'fewer than 6 bands (white)', x2 + 3 * sw + 3 * u, y, u, BLACK_INDEX);
}

function checkPlane(plane: ArrayLike<number>, width: number, height: number, quality?: Uint8Array): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad quicklook size ${width} x ${height}`);
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} values, not ${width} x ${height}`);
  if (quality && quality.length !== plane.length) throw new RangeError(`quality classes (${quality.length}) and plane (${plane.length}) differ in size`);
}

const TRANSLITERATE: Record<string, string> = { '−': '-', χ: 'chi', '²': '2', '·': '.', '–': '-', '—': '-' };

/** PNG tEXt is Latin-1: replace what is not. */
function latin1Record(rec: Record<string, string>): Record<string, string> {
  const fix = (s: string) => [...s].map((c) => (c.charCodeAt(0) <= 0xff ? c : (TRANSLITERATE[c] ?? '?'))).join('');
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [fix(k).slice(0, 79), fix(v)]));
}
