/**
 * Solar geometry shared by all products: time scales (time.ts), the Sun's orientation seen from the
 * Earth (ephemeris.ts), differential rotation (diffrot.ts), solar coordinate frames (frames.ts),
 * full-disk image WCS (wcs.ts), Carrington map grids and SHARP CEA patches (grids.ts).
 *
 * @module
 */
export * from './time.ts';
export * from './ephemeris.ts';
export * from './diffrot.ts';
export * from './frames.ts';
export * from './wcs.ts';
export * from './grids.ts';
