/**
 * Maps of electric currents in active regions: radial current density jr from the SHARP CEA
 * vector field of one HARP, the SHARP keywords, and their disk totals.
 *
 * @module
 */
export { makeCurrentsProduct, CURRENTS_PIPELINE_VERSION, defaultPlaneRenderer, type CurrentsProductOptions, type PlaneRenderer } from './product.ts';
export { diskTotals, CurrentsTotalsError, type HarpSummary } from './totals.ts';
export {
  CurrentsInputError,
  SHARP_SEGMENTS,
  dataTypeOfSeries,
  parseSharpSegments,
  type SegmentImage,
  type SharpSegmentName,
  type SharpSegments,
} from './segments.ts';
export { computeCurrents, ceaPixelAreaMm2, type CurrentsResult, type SharpVectorField, type SharpPatchGeometry } from './compute.ts';
export { currentKeywords, CURRENT_KEYWORD_NAMES, CURRENT_KEYWORD_COMMENTS, type CurrentKeywords, type CurrentKeywordName } from './keywords.ts';
export { verticalCurl, verticalCurlError } from './curl.ts';
export { selectPixels, MIN_BITMAP, MIN_CONF_DISAMBIG } from './mask.ts';
export { sharpPixelScale, amperePerSquareMetrePerGaussPerPixel, MU0 } from './scale.ts';
