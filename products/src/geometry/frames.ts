/**
 * Solar coordinate frames of Thompson 2006 (A&A 449:791, "Coordinate systems for solar image
 * data"), as pure functions in radians and metres:
 *
 * - helioprojective (θx, θy): angles on the observer's sky, θx westward, θy northward, origin at the
 *   Sun's centre; direction vector d = (cos θy sin θx, sin θy, cos θy cos θx) in the observer frame
 *   (x west, y north, z from the observer towards the Sun's centre);
 * - heliocentric (x, y, z): metres from the Sun's centre, z towards the observer, y in the plane of
 *   z and the solar rotation axis (Thompson eq. 15-16, finite observer distance D = DSUN_OBS);
 * - Heliographic Stonyhurst (Φ, Θ, r): Φ = 0 at the Earth's (here: the observer's HGLN_OBS)
 *   meridian, B0 = observer latitude (Thompson eq. 11-12);
 * - Heliographic Carrington: Stonyhurst longitude + (CRLN_OBS − HGLN_OBS) (Thompson §2.2, the
 *   header convention of SCIENCE.md §5.4).
 *
 * A point of the heliocentric frame seen from the observer at O = (0, 0, D) is the vector
 * u = (x, y, D − z) of the observer frame.
 *
 * @module
 */

/** A 3-vector in metres. */
export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Observer-dependent constants of the transformations (all angles in radians). */
export interface ObserverGeometry {
  /** Observer distance from the Sun's centre D [m] (DSUN_OBS). */
  dsunM: number;
  /** Radius of the sphere the image is mapped onto [m] (RSUN_REF). */
  rsunM: number;
  /** Heliographic latitude of the observer B0 [rad] (CRLT_OBS = HGLT_OBS). */
  b0Rad: number;
  /** Stonyhurst longitude of the observer Φ0 [rad] (HGLN_OBS). */
  hglnRad: number;
  /** Carrington longitude of the observer [rad] (CRLN_OBS). */
  crlnRad: number;
}

/**
 * Helioprojective direction → heliocentric point where the line of sight first meets the sphere of
 * radius R (Thompson eq. 15-16 with d = q − sqrt(q² − D² + R²), q = D cos θy cos θx), or null when
 * the line of sight misses the sphere (off disk).
 */
export function helioprojectiveToHeliocentric(txRad: number, tyRad: number, dsunM: number, rsunM: number): Vec3 | null {
  const cy = Math.cos(tyRad);
  const dx = cy * Math.sin(txRad);
  const dy = Math.sin(tyRad);
  const dz = cy * Math.cos(txRad);
  return rayToHeliocentric(dx, dy, dz, dsunM, rsunM);
}

/**
 * Unit line-of-sight direction (observer frame) → first intersection with the sphere, or null.
 * Shared by the per-point and per-image code paths.
 */
export function rayToHeliocentric(dx: number, dy: number, dz: number, dsunM: number, rsunM: number): Vec3 | null {
  const q = dsunM * dz;
  // q² − D² + R² written as R² − D²(dx² + dy²) (unit d): no cancellation near the limb.
  const disc = rsunM * rsunM - dsunM * dsunM * (dx * dx + dy * dy);
  if (disc < 0) return null;
  // q − √disc, written as (D² − R²)/(q + √disc) to avoid cancellation near the limb.
  const dist = (dsunM * dsunM - rsunM * rsunM) / (q + Math.sqrt(disc));
  return { x: dist * dx, y: dist * dy, z: dsunM - dist * dz };
}

/** Heliocentric point → helioprojective direction and observer distance (Thompson eq. 16). */
export function heliocentricToHelioprojective(p: Vec3, dsunM: number): { txRad: number; tyRad: number; distanceM: number } {
  const zo = dsunM - p.z;
  const distanceM = Math.sqrt(p.x * p.x + p.y * p.y + zo * zo);
  return { txRad: Math.atan2(p.x, zo), tyRad: Math.asin(p.y / distanceM), distanceM };
}

/** Heliocentric → Heliographic Stonyhurst (Thompson eq. 12). */
export function heliocentricToStonyhurst(p: Vec3, b0Rad: number, hglnRad: number): { lonRad: number; latRad: number; radiusM: number } {
  const cb = Math.cos(b0Rad);
  const sb = Math.sin(b0Rad);
  const radiusM = Math.sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
  return {
    lonRad: hglnRad + Math.atan2(p.x, p.z * cb - p.y * sb),
    latRad: Math.asin((p.y * cb + p.z * sb) / radiusM),
    radiusM,
  };
}

/** Heliographic Stonyhurst → heliocentric (Thompson eq. 11). */
export function stonyhurstToHeliocentric(lonRad: number, latRad: number, radiusM: number, b0Rad: number, hglnRad: number): Vec3 {
  const cl = Math.cos(latRad);
  const sl = Math.sin(latRad);
  const dl = lonRad - hglnRad;
  const cd = Math.cos(dl);
  const cb = Math.cos(b0Rad);
  const sb = Math.sin(b0Rad);
  return {
    x: radiusM * cl * Math.sin(dl),
    y: radiusM * (sl * cb - cl * cd * sb),
    z: radiusM * (sl * sb + cl * cd * cb),
  };
}

/**
 * μ at a surface point: cosine of the angle between the outward normal and the direction to the
 * observer, n·(O − P)/|O − P| = (z D − R²)/(R |O − P|) for |P| = R. Negative on the far side.
 */
export function muAt(p: Vec3, dsunM: number): number {
  const r = Math.sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
  const zo = dsunM - p.z;
  const dist = Math.sqrt(p.x * p.x + p.y * p.y + zo * zo);
  return (p.z * dsunM - r * r) / (r * dist);
}

/** Stonyhurst → Carrington longitude with the header convention: Φ + (CRLN_OBS − HGLN_OBS). */
export function stonyhurstToCarringtonLonRad(lonRad: number, obs: Pick<ObserverGeometry, 'crlnRad' | 'hglnRad'>): number {
  return lonRad + obs.crlnRad - obs.hglnRad;
}

/** Carrington → Stonyhurst longitude (inverse of {@link stonyhurstToCarringtonLonRad}). */
export function carringtonToStonyhurstLonRad(lonRad: number, obs: Pick<ObserverGeometry, 'crlnRad' | 'hglnRad'>): number {
  return lonRad - obs.crlnRad + obs.hglnRad;
}

/** Angle reduced to [0, 2π). */
export function wrapRad2Pi(rad: number): number {
  const twoPi = 2 * Math.PI;
  const r = rad % twoPi;
  return r < 0 ? r + twoPi : r >= twoPi ? 0 : r;
}
