/**
 * Maps of thermal properties of the corona: a Gaussian DEM in log T per pixel (peak temperature
 * Tc, emission measure EM, width, reduced chi2, valid bands) from the six coronal AIA channels,
 * GAIA-DEM style, with the disk and active-region indices of the HAPI dataset `dem_indices`.
 *
 * @module
 */
export { makeDemProduct, makeDemProductParallel, demLutFor, pixelModelOf, DEM_INDEX_NAMES } from './product.ts';
export { resolveDemOptions, dataTypeOfAiaSeries, DEM_PIPELINE_VERSION, DEFAULT_SATURATION_DN, type DemProductOptions, type ResolvedDemOptions } from './options.ts';
export { DemError, type DemErrorReason } from './errors.ts';
export { prepareInputs, orderChannels, parseObsTime, REFERENCE_BAND, type DemChannelImage, type PreparedInputs, type PrepareOptions } from './prepare.ts';
export { ImageGrid, type HeaderLike } from './image-grid.ts';
export { invertMap, invertMapHere, type InvertRequest, type InvertStats } from './parallel.ts';
export { invertRows, allocatePlanes, DEGREES_OF_FREEDOM, type DemPlanes, type PixelModel, type CountImage } from './invert.ts';
export { GaussianDemSolver, DEFAULT_SEARCH, validateSearch, type SearchOptions } from './solve.ts';
export { buildDemLut, lutFromShared, gridAxes, DEFAULT_GRID, EM_UNIT, NODE_STRIDE, type DemLut, type DemGridSpec } from './lut.ts';
export { demSummary, AR_EM_FACTOR, CHI2_LIMIT, type DemSummary, type DiskCircle } from './summary.ts';
export { demFits, type DemFitsMeta } from './fits-output.ts';
export { unitEmResponse, gaussianDemRates } from './forward.ts';
export { BANDS, NBANDS, loadTemperatureResponse, parseTemperatureResponse, fineResponse, responseAt, type TemperatureResponse, type FineResponse } from './response.ts';
export { channelNoise, estimateErrorDn, noiseVarianceDn, loadAiaErrorTable, parseAiaErrorTable, type ChannelNoise, type NoiseTerms, type AiaErrorTable } from './noise.ts';
