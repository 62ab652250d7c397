/**
 * World coordinates of a map pixel, read from the FITS header, for the pixel readout
 * (`/api/records/{id}/pixel`).
 *
 * Cylindrical Carrington or Stonyhurst maps (`CRLN-CAR`/`CRLT-CAR`, `CRLN-CEA`/`CRLT-CEA`, and the
 * HGLN/HGLT equivalents) follow the FITS WCS papers I and II (Greisen & Calabretta 2002,
 * Calabretta & Greisen 2002): linear transformation (PCi_j, CDi_j or CROTA2), the CAR or CEA
 * projection (PV2_1 = lambda for CEA), then the spherical rotation from native to celestial
 * coordinates with LONPOLE/LATPOLE defaults. This matters for SHARP CEA patches, whose reference
 * point is the patch centre (CRVAL2 != 0), where treating latitude as linear would be wrong.
 * Other projections are handed to `extraCoordinates` (helioprojective full-disk maps).
 *
 * @module
 */

/** The header access the coordinates need (FitsHeader satisfies it). */
export interface HeaderValues {
  number(key: string): number | undefined;
  string(key: string): string | undefined;
}

export interface PixelCoordinates {
  coordinate_system: 'carrington' | 'stonyhurst' | 'helioprojective' | 'pixel';
  carrington_longitude?: number;
  carrington_latitude?: number;
  stonyhurst_longitude?: number;
  stonyhurst_latitude?: number;
  helioprojective_x?: number;
  helioprojective_y?: number;
  mu?: number;
}

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

interface Linear {
  crpix: [number, number];
  cdelt: [number, number];
  pc: [number, number, number, number];
}

/** The linear part of the WCS: CDi_j, or PCi_j with CDELTi, or CROTA2 with CDELTi. */
function linearOf(h: HeaderValues): Linear {
  const crpix: [number, number] = [h.number('CRPIX1') ?? 0, h.number('CRPIX2') ?? 0];
  const cd = ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'].map((k) => h.number(k));
  if (cd.some((v) => v !== undefined)) {
    const [a = 0, b = 0, c = 0, d = 0] = cd;
    return { crpix, cdelt: [1, 1], pc: [a, b, c, d] };
  }
  const cdelt: [number, number] = [h.number('CDELT1') ?? 1, h.number('CDELT2') ?? 1];
  const pc = ['PC1_1', 'PC1_2', 'PC2_1', 'PC2_2'].map((k) => h.number(k));
  if (pc.some((v) => v !== undefined)) return { crpix, cdelt, pc: [pc[0] ?? 1, pc[1] ?? 0, pc[2] ?? 0, pc[3] ?? 1] };
  const rho = (h.number('CROTA2') ?? 0) * D2R;
  return { crpix, cdelt, pc: [Math.cos(rho), (-Math.sin(rho) * cdelt[1]) / cdelt[0], (Math.sin(rho) * cdelt[0]) / cdelt[1], Math.cos(rho)] };
}

/** Intermediate world coordinates (x, y) of a 0-based pixel. */
function intermediate(l: Linear, px: number, py: number): [number, number] {
  const dx = px + 1 - l.crpix[0];
  const dy = py + 1 - l.crpix[1];
  return [l.cdelt[0] * (l.pc[0] * dx + l.pc[1] * dy), l.cdelt[1] * (l.pc[2] * dx + l.pc[3] * dy)];
}

const wrap360 = (deg: number): number => ((deg % 360) + 360) % 360;

/**
 * Celestial (longitude, latitude) in degrees of native (phi, theta) for a cylindrical projection,
 * whose native reference point is (0, 0) (Paper II section 2.4, eqs 2, 8-10).
 */
function nativeToCelestial(h: HeaderValues, phi: number, theta: number): [number, number] {
  const alpha0 = h.number('CRVAL1') ?? 0;
  const delta0 = h.number('CRVAL2') ?? 0;
  const phi0 = 0;
  const theta0 = 0;
  const phiP = h.number('LONPOLE') ?? (delta0 >= theta0 ? 0 : 180);
  const latPole = h.number('LATPOLE') ?? 90;
  // Reference point on the equator with the default pole: the rotation is a pure longitude shift,
  // done exactly so that grid pixel centres read back as round numbers.
  if (delta0 === 0 && phiP === 0 && latPole > 0) return [wrap360(alpha0 + phi), theta];

  // Latitude of the native pole: two candidates, keep the one closest to LATPOLE.
  const a = Math.atan2(Math.sin(theta0 * D2R), Math.cos(theta0 * D2R) * Math.cos((phiP - phi0) * D2R)) * R2D;
  const denom = Math.sqrt(1 - Math.cos(theta0 * D2R) ** 2 * Math.sin((phiP - phi0) * D2R) ** 2);
  const b = Math.acos(Math.max(-1, Math.min(1, Math.sin(delta0 * D2R) / denom))) * R2D;
  const norm = (d: number) => (d > 180 ? d - 360 : d < -180 ? d + 360 : d);
  const candidates = [norm(a + b), norm(a - b)].filter((d) => d >= -90 - 1e-9 && d <= 90 + 1e-9);
  const deltaP = candidates.sort((x, y) => Math.abs(x - latPole) - Math.abs(y - latPole))[0] ?? 90;

  let alphaP: number;
  if (Math.abs(Math.cos(deltaP * D2R)) < 1e-12) {
    alphaP = deltaP > 0 ? alpha0 + phiP - phi0 - 180 : alpha0 - phiP + phi0;
  } else {
    // eq. 10 with both arguments multiplied by cos(deltaP) cos(delta0) > 0
    const dAlpha = Math.atan2(Math.sin((phiP - phi0) * D2R) * Math.cos(theta0 * D2R) * Math.cos(deltaP * D2R), Math.sin(theta0 * D2R) - Math.sin(deltaP * D2R) * Math.sin(delta0 * D2R));
    alphaP = alpha0 - dAlpha * R2D;
  }

  const t = theta * D2R;
  const dp = deltaP * D2R;
  const dphi = (phi - phiP) * D2R;
  const alpha = alphaP + Math.atan2(-Math.cos(t) * Math.sin(dphi), Math.sin(t) * Math.cos(dp) - Math.cos(t) * Math.sin(dp) * Math.cos(dphi)) * R2D;
  const delta = Math.asin(Math.max(-1, Math.min(1, Math.sin(t) * Math.sin(dp) + Math.cos(t) * Math.cos(dp) * Math.cos(dphi)))) * R2D;
  return [wrap360(alpha), delta];
}

/**
 * Heliographic coordinates of the 0-based pixel (x, y) of a cylindrical map, or undefined when
 * the header is not a CAR/CEA Carrington or Stonyhurst map. Off-map CEA rows give undefined values.
 */
export function cylindricalCoordinates(h: HeaderValues, x: number, y: number): PixelCoordinates | undefined {
  const c1 = (h.string('CTYPE1') ?? '').toUpperCase();
  const c2 = (h.string('CTYPE2') ?? '').toUpperCase();
  const m1 = /^(CRLN|HGLN)-(CAR|CEA)$/.exec(c1);
  const m2 = /^(CRLT|HGLT)-(CAR|CEA)$/.exec(c2);
  if (!m1 || !m2 || m1[2] !== m2[2] || m1[1].slice(0, 2) !== m2[1].slice(0, 2)) return undefined;
  const system = m1[1] === 'CRLN' ? 'carrington' : 'stonyhurst';
  const [ix, iy] = intermediate(linearOf(h), x, y);
  let theta: number;
  if (m1[2] === 'CAR') theta = iy;
  else {
    const lambda = h.number('PV2_1') ?? 1;
    const s = (lambda * iy * D2R);
    if (Math.abs(s) > 1) return { coordinate_system: system };
    theta = Math.asin(s) * R2D;
  }
  if (Math.abs(theta) > 90) return { coordinate_system: system };
  const [lon, lat] = nativeToCelestial(h, ix, theta);
  const lonOut = system === 'stonyhurst' && lon > 180 ? lon - 360 : lon;
  return system === 'carrington'
    ? { coordinate_system: system, carrington_longitude: lonOut, carrington_latitude: lat }
    : { coordinate_system: system, stonyhurst_longitude: lonOut, stonyhurst_latitude: lat };
}
