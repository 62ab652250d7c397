/**
 * Built-in SDO simulator: a synthetic Sun with known truth (active regions with twisted flux
 * ropes, Gaussian-DEM corona, coronal holes, limb darkening) written as level-1-like AIA, HMI
 * and SHARP CEA FITS files into an input folder laid out as an SDO archive (DESIGN.md §3, §8).
 *
 * @example
 * const sun = createSyntheticSun({ seed: 1, startMs: Date.now() });
 * await fillInterval({ inputDir, sun, startMs: Date.now() - 3 * 86400e3, stopMs: Date.now(),
 *   cadences: { aiaCadenceS: 7200, hmiCadenceS: 3600, sharpCadenceS: 3600 } });
 * await liveStep({ inputDir, sun, nowMs: Date.now() });
 * // or, on worker threads (each rebuilds the Sun from its options):
 * await fillIntervalParallel({ inputDir, sunOptions: { seed: 1, startMs: now }, startMs, stopMs, workers: 2 });
 *
 * @module
 */
export { createSyntheticSun, type SyntheticSun, type SyntheticSunOptions, type SunTruth, type LocalField } from './sun.ts';
export type { ActiveRegionSpec, ActiveRegion, CoronalHole, GaussianDem } from './regions.ts';
export { DEFAULT_SUN_PARAMETERS, MU0, MODEL_RSUN_M, type SunParameters, type RegionTruth, type PolarityTruth } from './scene.ts';
export {
  AIA_WAVELENGTHS,
  AIA_EXPTIME_S,
  AIA_SATURATION_DN,
  coronalLimbBrightening,
  chromosphereRate,
  renderAiaSet,
  type AiaWavelength,
  type RenderedImage,
} from './aia.ts';
export { renderHmiPair, sunspotContrast, HMI_CONTINUUM_DISK_CENTRE } from './hmi.ts';
export {
  renderSharpPatch,
  sharpPatchFields,
  analyticPatchJz,
  hasSharp,
  muFromObserver,
  SHARP_SEGMENT_NAMES,
  type SharpPatch,
  type SharpSeries,
  type SharpSegment,
} from './sharp.ts';
export { fullDiskFields } from './instrument-geometry.ts';
export {
  DEFAULT_CADENCES,
  aiaFilePath,
  hmiFilePath,
  sharpFilePath,
  aiaSlots,
  tRecSlots,
  type Cadences,
} from './schedule.ts';
export {
  fillInterval,
  liveStep,
  DEFAULT_LATENCIES,
  type ArchiveOptions,
  type FillOptions,
  type LiveOptions,
  type LiveState,
  type Latencies,
  type SeriesChoice,
  type WrittenFile,
} from './archive.ts';
export { fillIntervalParallel, type ParallelFillOptions } from './parallel-fill.ts';
export { writeFileAtomic } from '../util/atomic-write.ts';
