/**
 * Low-cost solar ephemeris in the IAU / SunPy convention: the Carrington longitude L0 and latitude B0
 * of the sub-Earth point, the Sun-Earth distance, and Carrington rotation numbers.
 *
 * Method (reproduces the JPL Horizons sub-observer longitudes of SCIENCE.md §5.2 to 0.0001°):
 * 1. Geometric heliocentric ecliptic position of the Earth (ecliptic and equinox of date) from the
 *    truncated VSOP87D series of Meeus, *Astronomical Algorithms* (2nd ed. 1998), App. III (~1").
 *    Meeus' low-precision solar theory (ch. 25, 0.01°) would leave errors up to 0.009°, and the
 *    physical-ephemeris recipe of Meeus ch. 29 a +0.035° bias: not good enough.
 * 2. Ecliptic → mean equator of date with the IAU 1980 mean obliquity (Meeus eq. 22.2), then
 *    precession to the J2000 mean equator (≈ ICRS/HCRS axes) with the IAU 1976 angles ζ, z, θ
 *    (Meeus eq. 21.3 and 21.4). Nutation is not needed: both frames are mean frames.
 * 3. The Sun's rotation elements of Archinal et al. 2018 (Celest. Mech. Dyn. Astr. 130:22, IAU WG on
 *    cartographic coordinates): pole α0 = 286.13°, δ0 = 63.87° (ICRS); prime meridian
 *    W = 84.176° + 14.1844° d, d in days of TT since J2000.0. B0 is the Earth's latitude above the
 *    solar equator; the Earth's longitude is counted along the equator from the ascending node
 *    (α0 + 90°) and L0 = that longitude − W.
 * 4. As in SunPy `sunpy.coordinates.sun.L0` (defaults): W is evaluated at the time light left the
 *    point of the Sun's surface nearest to the observer (t − (r − R☉)/c, R☉ = 695.7 Mm) and no
 *    aberration correction is applied (the Astronomical Almanac applies −20.5").
 *
 * JSOC headers (`CRLN_OBS`) use a different convention, ~0.07° larger (sunpy issues #2224, #3038,
 * #3057); per-image geometry must come from the headers, this module is for reference times and
 * synthetic data (SCIENCE.md §5.2).
 *
 * @module
 */

import { JD_J2000, MS_PER_DAY, TimeFormatError, julianDate, ttToUtcMs, utcToTtMs } from './time.ts';
import { EARTH_B, EARTH_L, EARTH_R, evaluateVsop87 } from './vsop87-earth.ts';

/** Astronomical unit [m] (IAU 2012 Resolution B2). */
export const AU_M = 149_597_870_700;
/** Speed of light [m/s]. */
export const SPEED_OF_LIGHT_M_S = 299_792_458;
/** IAU 2015 nominal solar radius [m] (SunPy `constants.radius`), used for the light time. */
export const NOMINAL_SOLAR_RADIUS_M = 695_700_000;
/** Solar radius used by AIA/HMI headers (`RSUN_REF`) [m]. */
export const SDO_RSUN_REF_M = 696_000_000;
/** Right ascension of the Sun's north pole, ICRS [deg] (Archinal et al. 2018). */
export const SOLAR_POLE_RA_DEG = 286.13;
/** Declination of the Sun's north pole, ICRS [deg] (Archinal et al. 2018). */
export const SOLAR_POLE_DEC_DEG = 63.87;
/** Prime-meridian angle W0 of the Carrington frame at J2000.0 (TT) [deg]. */
export const CARRINGTON_W0_DEG = 84.176;
/** Sidereal rotation rate of the Carrington frame [deg/day]. */
export const CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY = 14.1844;
/** Start of Carrington rotation 1: JD 2398167.4 (TT), 1853-11-09 (Meeus ch. 29). */
export const FIRST_CARRINGTON_ROTATION_JD_TT = 2_398_167.4;
/** Mean synodic Carrington period = 1 / (14.1844/360 − 1/365.25) days ≈ 27.2753 d. */
export const MEAN_SYNODIC_PERIOD_DAYS = 1 / (CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY / 360 - 1 / 365.25);

const DEG = Math.PI / 180;
const ARCSEC = DEG / 3600;

/** Reduces an angle in degrees to [0, 360). */
export function wrapDeg360(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r === 360 ? 0 : r;
}

/** Position of the Earth relative to the Sun's centre. */
export interface EarthHeliocentric {
  /** Unit vector Sun → Earth, J2000 mean equator and equinox (≈ ICRS / SunPy HCRS axes). */
  direction: [number, number, number];
  /** Sun-Earth distance [m]. */
  distanceM: number;
}

/**
 * Geometric heliocentric position of the Earth at a TT Julian date: truncated VSOP87D (ecliptic and
 * equinox of date, Meeus App. III) → FK5 (Meeus eq. 32.3) → mean equator of date (IAU 1980 mean
 * obliquity, Meeus eq. 22.2) → J2000 mean equator by IAU 1976 precession.
 */
export function earthHeliocentricJ2000(jdTt: number): EarthHeliocentric {
  const T = (jdTt - JD_J2000) / 36525;
  const tau = T / 10;
  const lonVsop = evaluateVsop87(EARTH_L, tau);
  let lat = evaluateVsop87(EARTH_B, tau);
  const radiusAu = evaluateVsop87(EARTH_R, tau);
  // VSOP87 dynamical ecliptic → FK5 (Meeus 32.3): a few hundredths of an arcsecond.
  const lamPrime = lonVsop - (1.397 * T + 0.00031 * T * T) * DEG;
  const lam = lonVsop - 0.09033 * ARCSEC;
  lat += 0.03916 * ARCSEC * (Math.cos(lamPrime) - Math.sin(lamPrime));

  const eps = (23.439291111 - (46.815 * T + 0.00059 * T * T - 0.001813 * T * T * T) / 3600) * DEG;
  const [cl, sl, cb, sb, ce, se] = [Math.cos(lam), Math.sin(lam), Math.cos(lat), Math.sin(lat), Math.cos(eps), Math.sin(eps)];
  const xd = cb * cl;
  const yd = cb * sl * ce - sb * se;
  const zd = cb * sl * se + sb * ce;

  // Precession mean-of-date → J2000: r_J2000 = Pᵀ r_date with P = R3(−z) R2(θ) R3(−ζ) (Meeus 21.3-21.4).
  const zeta = (2306.2181 * T + 0.30188 * T * T + 0.017998 * T * T * T) * ARCSEC;
  const zz = (2306.2181 * T + 1.09468 * T * T + 0.018203 * T * T * T) * ARCSEC;
  const theta = (2004.3109 * T - 0.42665 * T * T - 0.041833 * T * T * T) * ARCSEC;
  const [cz, sz] = [Math.cos(zz), Math.sin(zz)];
  const [ct, st] = [Math.cos(theta), Math.sin(theta)];
  const [cq, sq] = [Math.cos(zeta), Math.sin(zeta)];
  // P rows (J2000 → date), the standard expansion of R3(−z) R2(θ) R3(−ζ).
  const p11 = cq * ct * cz - sq * sz;
  const p12 = -sq * ct * cz - cq * sz;
  const p13 = -st * cz;
  const p21 = cq * ct * sz + sq * cz;
  const p22 = -sq * ct * sz + cq * cz;
  const p23 = -st * sz;
  const p31 = cq * st;
  const p32 = -sq * st;
  const p33 = ct;
  const direction: [number, number, number] = [
    p11 * xd + p21 * yd + p31 * zd,
    p12 * xd + p22 * yd + p32 * zd,
    p13 * xd + p23 * yd + p33 * zd,
  ];
  return { direction, distanceM: radiusAu * AU_M };
}

// Unit vectors of the solar equatorial frame in ICRS: pole P, ascending node N (RA α0 + 90°, on the
// ICRS equator) and Q = P × N (90° east of the node along the solar equator).
const POLE: [number, number, number] = [
  Math.cos(SOLAR_POLE_DEC_DEG * DEG) * Math.cos(SOLAR_POLE_RA_DEG * DEG),
  Math.cos(SOLAR_POLE_DEC_DEG * DEG) * Math.sin(SOLAR_POLE_RA_DEG * DEG),
  Math.sin(SOLAR_POLE_DEC_DEG * DEG),
];
const NODE: [number, number, number] = [-Math.sin(SOLAR_POLE_RA_DEG * DEG), Math.cos(SOLAR_POLE_RA_DEG * DEG), 0];
const Q_AXIS: [number, number, number] = [
  POLE[1] * NODE[2] - POLE[2] * NODE[1],
  POLE[2] * NODE[0] - POLE[0] * NODE[2],
  POLE[0] * NODE[1] - POLE[1] * NODE[0],
];

/** Apparent orientation of the Sun seen from the Earth's centre. */
export interface SunFromEarth {
  /** Carrington longitude of the sub-Earth point (disk centre) [deg], in [0, 360). */
  l0Deg: number;
  /** Heliographic latitude of the sub-Earth point [deg]. */
  b0Deg: number;
  /** Distance between the centres of the Sun and the Earth [m]. */
  dsunM: number;
  /** Fractional Carrington rotation number (integer part = rotation, fraction = 1 − L0/360). */
  carringtonRotation: number;
}

interface Orientation {
  l0Deg: number;
  b0Deg: number;
  dsunM: number;
}

/**
 * L0/B0/distance of the Earth at a TT Julian date; `nearestPoint` selects the light time to the
 * nearest surface point (SunPy default) instead of the centre.
 */
function orientationAtJdTt(jdTt: number, nearestPoint = true): Orientation {
  const { direction: u, distanceM } = earthHeliocentricJ2000(jdTt);
  const b0 = Math.asin(u[0] * POLE[0] + u[1] * POLE[1] + u[2] * POLE[2]) / DEG;
  const lonFromNode =
    Math.atan2(u[0] * Q_AXIS[0] + u[1] * Q_AXIS[1] + u[2] * Q_AXIS[2], u[0] * NODE[0] + u[1] * NODE[1]) / DEG;
  const lightTimeDays = (distanceM - (nearestPoint ? NOMINAL_SOLAR_RADIUS_M : 0)) / SPEED_OF_LIGHT_M_S / 86_400;
  const meridian = CARRINGTON_W0_DEG + CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY * (jdTt - lightTimeDays - JD_J2000);
  return { l0Deg: wrapDeg360(lonFromNode - meridian), b0Deg: b0, dsunM: distanceM };
}

function jdTtOf(utcMs: number): number {
  if (!Number.isFinite(utcMs)) throw new TimeFormatError('time must be a finite number of ms', String(utcMs));
  return julianDate(utcToTtMs(utcMs));
}

/**
 * Fractional Carrington rotation number at a TT Julian date given L0 there: the integer part comes
 * from the mean synodic period counted from JD 2398167.4, the fraction from 1 − L0/360
 * (SunPy `carrington_rotation_number`).
 */
function rotationNumber(jdTt: number, l0Deg: number): number {
  const estimate = (jdTt - FIRST_CARRINGTON_ROTATION_JD_TT) / MEAN_SYNODIC_PERIOD_DAYS + 1;
  const fraction = (1 - l0Deg / 360) % 1;
  return Math.round(estimate - fraction) + fraction;
}

/**
 * The Sun seen from the Earth's centre at a UTC instant (ms): L0, B0, Sun-Earth distance and
 * fractional Carrington rotation number, IAU/SunPy convention (light time to the nearest surface
 * point, no aberration). Accuracy vs JPL Horizons: a few millidegrees in L0 and B0 (tests).
 */
export function sunFromEarth(utcMs: number): SunFromEarth {
  const jd = jdTtOf(utcMs);
  const o = orientationAtJdTt(jd);
  return { ...o, carringtonRotation: rotationNumber(jd, o.l0Deg) };
}

/** Fractional Carrington rotation number at a UTC instant (see {@link sunFromEarth}). */
export function carringtonRotationNumber(utcMs: number): number {
  return sunFromEarth(utcMs).carringtonRotation;
}

/**
 * Carrington longitude and latitude of an observer given in Heliographic Stonyhurst coordinates
 * (e.g. a header's HGLN_OBS, HGLT_OBS, DSUN_OBS). As SunPy's HGS → HGC transformation: the
 * longitude offset is the Earth's L0 plus the rotation during the extra light time
 * (distance − Sun-Earth distance)/c; latitudes are equal in both frames.
 */
export function observerCarrington(
  utcMs: number,
  observer: { hglnDeg: number; hgltDeg: number; distanceM: number },
): { crlnDeg: number; crltDeg: number } {
  const jd = jdTtOf(utcMs);
  const o = orientationAtJdTt(jd);
  const extraDays = (observer.distanceM - o.dsunM) / SPEED_OF_LIGHT_M_S / 86_400;
  const crln = observer.hglnDeg + o.l0Deg + CARRINGTON_SIDEREAL_RATE_DEG_PER_DAY * extraDays;
  return { crlnDeg: wrapDeg360(crln), crltDeg: observer.hgltDeg };
}

/**
 * UTC ms at which the Carrington rotation number equals `n` (an integer n gives the start of
 * rotation n, when L0 crosses 0°/360°; fractional n is allowed). Solved by fixed-point iteration on
 * {@link carringtonRotationNumber} from the mean-period estimate (SunPy `carrington_rotation_time`);
 * converges to better than 1 ms. Dates before 1972 use TAI − UTC = 10 s (see time.ts).
 */
export function carringtonRotationStartMs(n: number): number {
  if (!Number.isFinite(n) || n < 1) throw new RangeError(`Carrington rotation number must be ≥ 1, got ${n}`);
  let jd = FIRST_CARRINGTON_ROTATION_JD_TT + (n - 1) * MEAN_SYNODIC_PERIOD_DAYS;
  for (let k = 0; k < 20; k++) {
    const o = orientationAtJdTt(jd);
    let cr = rotationNumber(jd, o.l0Deg);
    // Near an integer crossing the integer part may flip: keep the value continuous around n.
    if (cr - n > 0.5) cr -= 1;
    else if (n - cr > 0.5) cr += 1;
    const step = (n - cr) * MEAN_SYNODIC_PERIOD_DAYS;
    jd += step;
    if (Math.abs(step) < 1e-9) break; // ~0.1 ms
  }
  return ttToUtcMs((jd - 2_440_587.5) * MS_PER_DAY);
}
