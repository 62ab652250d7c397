/**
 * Synchronous synoptic maps (products synoptic-euv, s050a, and synoptic-photosphere, s005a):
 * `makeSynopticProduct` is the pipeline; the lower-level steps (projection, merge, indices, map
 * type, cache) are exported for the worker, the simulator and the benchmarks.
 *
 * @module
 */
export { makeSynopticProduct, projectInputs, defaultSynopticRenderer, SYNOPTIC_PIPELINE_VERSION } from './product.ts';
export type { SynopticProductId, SynopticProductOptions, SynopticProductOutput, SynopticProductRequest, SynopticRenderer, UsedImage } from './product.ts';
export { decideMapType, type MapTypeQuestion } from './map-type.ts';
export { defaultWeighting, resolveWeighting, weightingHelp, SynopticInputError, EUV_MU_MIN, type SynopticWeighting } from './options.ts';
export { ProjectionCache, projectionKey } from './cache.ts';
export { channelKind, defaultQualityMask, prepareImage, type ChannelKind, type SkippedImage, type SynopticImageInput } from './inputs.ts';
export { projectImage, projectionBytes, type ImagePixels, type ProjectedImage } from './project.ts';
export { ageWeight, mergeProjections, type SynopticMap } from './merge.ts';
export { AIA_REFERENCE_PIXEL_AREA_M2, lowResolutionMap, MAP_RSUN_M, synopticSummary, type Summary } from './indices.ts';
export { synopticFits, type SynopticFitsMeta } from './fits-output.ts';
export { ImageFrame, type RowForms } from './image-frame.ts';
