/**
 * The product FITS file of one DEM map: an empty primary HDU with the provenance (inputs, method
 * parameters, summary indices), then one image extension per quantity with the EXTNAMEs of
 * `definitions/dem.ts` (TC, EM, WIDTH, CHI2: float32, NaN where not fitted; NBANDS: uint8), GZIP_1
 * tile-compressed, each with the helioprojective WCS of the 193 Å input adjusted for binning and
 * the observer keywords, so astropy/SunPy place the pixels as they would the input image.
 *
 * @module
 */
import { dem } from '../definitions/dem.ts';
import { writeFits, type FitsCard, type FitsWriteHdu } from '../fits/index.ts';
import { formatFitsDate } from '../geometry/time.ts';
import { DEGREES_OF_FREEDOM, type DemPlanes } from './invert.ts';
import type { DemLut } from './lut.ts';
import type { ResolvedDemOptions } from './options.ts';
import type { PreparedInputs } from './prepare.ts';
import { BANDS } from './response.ts';
import { AR_EM_FACTOR, CHI2_LIMIT, type DemSummary } from './summary.ts';

/** Observer keywords copied from the 193 Å header when present (numbers). */
const OBSERVER_KEYS: [string, string][] = [
  ['DSUN_OBS', '[m] distance from SDO to Sun centre'],
  ['RSUN_REF', '[m] reference solar radius'],
  ['RSUN_OBS', '[arcsec] apparent photospheric radius'],
  ['HGLN_OBS', '[deg] Stonyhurst longitude of SDO'],
  ['HGLT_OBS', '[deg] Stonyhurst latitude of SDO'],
  ['CRLN_OBS', '[deg] Carrington longitude of SDO'],
  ['CRLT_OBS', '[deg] Carrington latitude of SDO'],
];

export interface DemFitsMeta {
  prepared: PreparedInputs;
  options: ResolvedDemOptions;
  lut: DemLut;
  summary: DemSummary;
  /** Observation time of the map (T_OBS of the 193 Å input), ms since the epoch (UTC). */
  timeMs: number;
}

/** BUNIT of a plane: the definition's units, none for dimensionless quantities. */
const fitsUnit = (units: string): string | undefined => (units === 'dimensionless' ? undefined : units);

/** Time and observer cards (primary header and every plane). */
function observerCards(meta: DemFitsMeta): FitsCard[] {
  const cards: FitsCard[] = [{ key: 'DATE-OBS', value: formatFitsDate(meta.timeMs), comment: '[UTC] T_OBS of the 193 A input' }];
  for (const [key, comment] of OBSERVER_KEYS) {
    const v = meta.prepared.reference.number(key);
    if (v !== undefined && Number.isFinite(v)) cards.push({ key, value: v, comment });
  }
  return cards;
}

/** WCS of the planes (image extensions only: on the data-less primary HDU fitsverify warns). */
function wcsCards(meta: DemFitsMeta): FitsCard[] {
  return [{ key: 'WCSNAME', value: 'Helioprojective-cartesian', comment: 'world coordinate system' }, ...meta.prepared.grid.wcsCards()];
}

/** Provenance, inputs and method parameters. */
function primaryCards(meta: DemFitsMeta): FitsCard[] {
  const { prepared, options, lut, summary } = meta;
  const g = lut.spec;
  const cards: FitsCard[] = [
    { key: 'TELESCOP', value: 'SDO/AIA', comment: 'input observatory and instrument' },
    { key: 'INSTRUME', value: 'AIA', comment: 'input instrument' },
    { key: 'CONTENT', value: 'GAUSSIAN DEM', comment: 'Tc, EM, width, reduced chi2, valid bands' },
    { key: 'PRODUCT', value: 'dem', comment: 'product id' },
    { key: 'DATATYPE', value: options.dataType, comment: 'nrt (near real time) or sci (definitive)' },
    { key: 'PRODVER', value: options.version, comment: 'product version' },
    { key: 'PIPEVER', value: options.pipelineVersion, comment: 'pipeline version' },
  ];
  if (options.series) cards.push({ key: 'SERIES', value: options.series, comment: 'input JSOC series' });
  cards.push(...observerCards(meta));
  BANDS.forEach((band, b) => {
    cards.push(
      { key: `TOBS${band}`, value: prepared.tObs[b], comment: `T_OBS of the ${band} A input` },
      { key: `EXPT${band}`, value: prepared.exptime[b], comment: `[s] EXPTIME of the ${band} A input` },
      { key: `DEGR${band}`, value: options.degradation[b], comment: `degradation factor applied to ${band} A` },
    );
  });
  const sunum = prepared.reference.number('SUNUM');
  if (sunum !== undefined) cards.push({ key: 'SUNUM193', value: sunum, comment: 'JSOC storage unit of the 193 A input' });
  cards.push(
    { key: 'RESAMPLD', value: prepared.resampled.join(',') || 'none', comment: 'bands resampled onto the 193 A grid' },
    { key: 'BINNING', value: options.bin, comment: 'output pixel = BINNING x BINNING input pixels' },
    { key: 'NSAMPLE', value: prepared.nSample, comment: 'samples averaged per pixel (noise model n)' },
    { key: 'SATDN', value: options.saturationDn, comment: '[DN] counts at or above are saturated' },
    { key: 'EPSSYS', value: options.epsSys, comment: 'fractional systematic error per band' },
    { key: 'ERR_EVE', value: Boolean(options.noiseTerms.eve), comment: 'EVE normalisation error in the noise' },
    { key: 'ERR_CAL', value: Boolean(options.noiseTerms.preflight), comment: 'pre-flight calibration error in the noise' },
    { key: 'ERR_CHIA', value: Boolean(options.noiseTerms.chianti), comment: 'CHIANTI atomic-data error in the noise' },
    { key: 'RESPONSE', value: 'AIA V10 EVE-normalised', comment: 'temperature response (demregpy aia_tresp_en)' },
    { key: 'LTCMIN', value: g.logTcMin, comment: '[log K] table: lowest log10 Tc' },
    { key: 'LTCMAX', value: g.logTcMax, comment: '[log K] table: highest log10 Tc' },
    { key: 'LTCSTEP', value: g.logTcStep, comment: '[dex] table: log10 Tc step' },
    { key: 'SIGMIN', value: g.sigmaMin, comment: '[dex] table: smallest width' },
    { key: 'SIGMAX', value: g.sigmaMax, comment: '[dex] table: largest width' },
    { key: 'SIGSTEP', value: g.sigmaStep, comment: '[dex] table: width step' },
    { key: 'SEARCH', value: options.search.mode, comment: 'table search' },
    { key: 'REFINE', value: options.search.refine, comment: 'sub-node Gauss-Newton refinement' },
    { key: 'CHI2DOF', value: DEGREES_OF_FREEDOM, comment: 'CHI2 = chi2 / CHI2DOF (6 bands - 3 parameters)' },
  );
  // Summary indices (HAPI dataset dem_indices); FITS has no NaN, so undefined ones are empty.
  const index = (key: string, v: number | null, comment: string): FitsCard => ({ key, value: v ?? null, comment });
  cards.push(
    index('MEDTC', summary.median_tc, '[K] median Tc, fitted on-disk pixels'),
    index('EMWTC', summary.em_weighted_tc, '[K] EM-weighted mean Tc, on disk'),
    index('TOTEM', summary.total_em, '[cm-5] sum of EM over fitted on-disk pixels'),
    index('ARMEDTC', summary.ar_median_tc, `[K] median Tc where EM > ${AR_EM_FACTOR} x disk median`),
    index('AREMWTC', summary.ar_em_weighted_tc, '[K] EM-weighted mean Tc, active regions'),
    index('ARTOTEM', summary.ar_total_em, '[cm-5] sum of EM, active regions'),
    index('CHI2FRAC', summary.chi2_gt4_fraction, `fraction of fitted disk pixels, CHI2 > ${CHI2_LIMIT}`),
    index('VALIDFRC', summary.valid_fraction, 'fraction of disk pixels with 6 valid bands'),
    { key: 'COMMENT', value: 'DEM(logT) = EM / (sigma sqrt(2 pi)) exp(-(logT - log Tc)^2 / (2 sigma^2));' },
    { key: 'COMMENT', value: 'one (Tc, sigma, EM) fit per pixel to the six coronal AIA channels.' },
    { key: 'COMMENT', value: 'Not fitted (fewer than 6 valid bands): NaN in TC, EM, WIDTH, CHI2.' },
    { key: 'COMMENT', value: 'Input data: NASA/SDO and the AIA science team.' },
  );
  return cards;
}

function planeData(id: string, planes: DemPlanes): Float32Array | Uint8Array {
  switch (id) {
    case 'tc':
      return planes.tc;
    case 'em':
      return planes.em;
    case 'width':
      return planes.sigma;
    case 'chi2':
      return planes.chi2;
    case 'nbands':
      return planes.nbands;
    default:
      throw new Error(`dem: no data for plane '${id}'`);
  }
}

/** The FITS bytes of one DEM map. */
export function demFits(planes: DemPlanes, meta: DemFitsMeta): Uint8Array {
  const shared = [...wcsCards(meta), ...observerCards(meta)];
  const hdus: FitsWriteHdu[] = [{ cards: primaryCards(meta) }];
  for (const plane of dem.channels[0].planes) {
    const unit = fitsUnit(plane.units);
    const data = planeData(plane.id, planes);
    const cards: FitsCard[] = [];
    if (unit) cards.push({ key: 'BUNIT', value: unit, comment: 'physical unit of the values' });
    cards.push({ key: 'PLANE', value: plane.id, comment: plane.label }, ...shared);
    hdus.push({
      // A Uint8Array over a SharedArrayBuffer is copied: the writer wants plain buffers.
      data: data.buffer instanceof ArrayBuffer ? data : data.slice(),
      shape: [planes.width, planes.height],
      bitpix: data instanceof Uint8Array ? 8 : -32,
      extname: plane.extname,
      compress: 'GZIP_1',
      cards,
    });
  }
  return writeFits(hdus);
}
