/**
 * Maps of thermal properties of the corona: a Gaussian DEM in log T per pixel from the six
 * coronal AIA channels (GAIA-DEM style), every 30 minutes.
 *
 * @module
 */
import { fileListingParameters, fileListingValues, fileTime, num } from './common.ts';
import type { HapiDatasetDefinition, HapiParameter, ProductChannel, ProductDefinition, ProductParameter } from './types.ts';

export const DEM_BANDS = [94, 131, 171, 193, 211, 335] as const;

const PLANES: ProductParameter[] = [
  {
    id: 'tc',
    label: 'Peak temperature Tc',
    description: 'Temperature of the peak of the Gaussian DEM (stored in K).',
    units: 'K',
    display: { colourTable: 'dem-temperature', scale: 'log10', range: [5.6, 7.0] },
    spase: { kind: 'Particle', particleType: 'Electron', particleQuantity: 'Temperature', qualifiers: ['Peak'] },
    extname: 'TC',
  },
  {
    id: 'em',
    label: 'Emission measure EM',
    description: 'Total emission measure, the integral of the DEM over log T (cm-5); shown as log10(EM).',
    units: 'cm-5',
    display: { colourTable: 'dem-emission-measure', scale: 'log10', range: [25, 30] },
    spase: { kind: 'Support', supportQuantity: 'Other' },
    extname: 'EM',
  },
  {
    id: 'width',
    label: 'DEM width sigma',
    description: 'Standard deviation of the Gaussian DEM in log10 T.',
    units: 'dex',
    display: { colourTable: 'dem-width', scale: 'linear', range: [0, 0.6] },
    spase: { kind: 'Particle', particleType: 'Electron', particleQuantity: 'Temperature', qualifiers: ['StandardDeviation'] },
    extname: 'WIDTH',
  },
  {
    id: 'chi2',
    label: 'Reduced chi2',
    description: 'Reduced chi-square of the fit (chi2 divided by its 3 degrees of freedom).',
    units: 'dimensionless',
    display: { colourTable: 'dem-chi2', scale: 'log10', range: [-1, 2] },
    spase: { kind: 'Support', supportQuantity: 'DataQuality', qualifiers: ['Fit'] },
    extname: 'CHI2',
  },
  {
    id: 'nbands',
    label: 'Valid bands',
    description: 'Number of channels usable in the fit (0 to 6); fewer than 6 means the fit is not made.',
    units: 'dimensionless',
    display: { colourTable: 'grey', scale: 'linear', range: [0, 6] },
    spase: { kind: 'Support', supportQuantity: 'DataQuality' },
    extname: 'NBANDS',
  },
];

const CHANNELS: ProductChannel[] = [
  { id: 'dem', label: 'Gaussian DEM', inputSeries: DEM_BANDS.map((b) => `aia.lev1_euv_12s[${b}]`), planes: PLANES },
];

const index = (name: string, units: string, description: string, spase: HapiParameter['x_spase']): HapiParameter => ({
  name,
  type: 'double',
  units,
  fill: 'NaN',
  description,
  x_spase: spase,
});
const temperature = (q: string): HapiParameter['x_spase'] => ({ kind: 'Particle', particleType: 'Electron', particleQuantity: 'Temperature', qualifiers: [q] });

const INDEX_PARAMETERS: HapiParameter[] = [
  fileListingParameters('data_type')[0],
  index('median_tc', 'K', 'Median peak temperature over valid on-disk pixels.', temperature('Median')),
  index('em_weighted_tc', 'K', 'EM-weighted mean peak temperature over valid on-disk pixels.', temperature('Average')),
  index('total_em', 'cm-5', 'Sum of the emission measure over valid on-disk pixels.', { kind: 'Support', supportQuantity: 'Other', qualifiers: ['Total'] }),
  index('ar_median_tc', 'K', 'Median peak temperature over active-region pixels (EM above 5 times the disk median).', temperature('Median')),
  index('ar_em_weighted_tc', 'K', 'EM-weighted mean peak temperature over active-region pixels.', temperature('Average')),
  index('ar_total_em', 'cm-5', 'Sum of the emission measure over active-region pixels.', { kind: 'Support', supportQuantity: 'Other', qualifiers: ['Total'] }),
  index('chi2_gt4_fraction', 'dimensionless', 'Fraction of fitted on-disk pixels with reduced chi2 > 4.', { kind: 'Support', supportQuantity: 'DataQuality' }),
  index('valid_fraction', 'dimensionless', 'Fraction of on-disk pixels with all 6 bands valid.', { kind: 'Support', supportQuantity: 'DataQuality' }),
];
const INDEX_NAMES = INDEX_PARAMETERS.slice(1).map((p) => p.name);

const START = '2010-05-13T00:00:00Z';

export const dem: ProductDefinition = {
  id: 'dem',
  title: 'Maps of thermal properties of the corona',
  description:
    'Per-pixel Gaussian differential emission measure (DEM) in log T fitted to the six coronal SDO/AIA channels ' +
    '(94, 131, 171, 193, 211 and 335 Å) every 30 minutes: peak temperature Tc, total emission measure EM, width sigma, ' +
    'reduced chi2 and the number of valid bands, in the manner of the MEDOC GAIA-DEM maps (Guennou et al. 2012).',
  instrument: 'AIA',
  cadence: 'PT30M',
  cadenceSeconds: 1800,
  expectedLatencySeconds: 3600,
  versionKind: 'dataType',
  channels: CHANNELS,
  nominalStartDate: START,
  fileStem: (r) => `DEM_aia_${fileTime(r.timeMs)}_${r.dataType ?? 'nrt'}_v${r.version}`,
  hapiDatasets: (): HapiDatasetDefinition[] => [
    {
      id: 'dem_indices',
      title: 'Coronal DEM indices',
      description: 'Disk and active-region summaries of the Gaussian DEM maps: temperatures, emission measure, fit quality.',
      product: 'dem',
      cadence: 'PT30M',
      maxRequestDuration: 'P3650D',
      timeStampLocation: 'center',
      kind: 'indices',
      nominalStartDate: START,
      parameters: INDEX_PARAMETERS,
    },
    {
      id: 'dem_files',
      title: 'Coronal DEM map files',
      description: 'File listing of the Gaussian DEM maps: one FITS (one HDU per quantity) and PNG quicklook per time step.',
      product: 'dem',
      cadence: 'PT30M',
      maxRequestDuration: 'P3650D',
      timeStampLocation: 'center',
      kind: 'file-listing',
      nominalStartDate: START,
      parameters: fileListingParameters('data_type'),
    },
  ],
  hapiRecords: (record, ctx) => [
    { dataset: 'dem_indices', record: { timeMs: record.timeMs, values: [record.dataType ?? 'nrt', ...INDEX_NAMES.map((n) => num(record.summary[n]))] } },
    { dataset: 'dem_files', record: { timeMs: record.timeMs, values: fileListingValues(record, ctx.fileUrl, 'png:tc') } },
  ],
  help: {
    method: [
      'Inputs: the six coronal AIA channels within a few seconds of each other, normalised to DN/s by EXPTIME and corrected for instrument degradation.',
      'Model: DEM(log T) = EM / (sigma sqrt(2 pi)) exp(-(log T - log Tc)^2 / (2 sigma^2)); predicted rates use the AIA V10 temperature responses (EVE-normalised) integrated on a 0.005 dex grid.',
      'Fit: for each (log Tc, sigma) node of a table (log Tc 5.6-7.0, sigma 0.02-0.6) the best EM is analytic; the node with the smallest chi2 wins, refined coarse to fine.',
      'Uncertainties: the AIA noise model (shot, read, dark, quantisation and compression noise; Boerner et al. 2012) plus a fractional systematic term.',
    ],
    qualityFlags: [
      'Reduced chi2 > 4: the Gaussian does not describe the plasma; shown in grey scale on the portal.',
      'Fewer than 6 valid bands (missing, saturated, non-positive): no fit, shown in white; the NBANDS plane says how many were valid.',
    ],
    fileNaming: 'DEM_aia_YYYY-MM-DDTHH_MM_{nrt|sci}_v{version}.fits with HDUs TC, EM, WIDTH, CHI2, NBANDS (and PNG quicklooks per quantity)',
    references: [
      { text: 'Guennou, C., et al. 2012, ApJS 203, 25 and 26', url: 'https://doi.org/10.1088/0067-0049/203/2/25' },
      { text: 'Boerner, P., et al. 2012, Sol. Phys. 275, 41 (AIA calibration)', url: 'https://doi.org/10.1007/s11207-011-9804-8' },
      { text: 'GAIA-DEM at MEDOC', url: 'http://idoc-dachs.ias.u-psud.fr/medoc/gaia_dem/q/dl/info' },
    ],
  },
  spase: {
    resourcePath: 'SDO/AIA/GaussianDEM',
    measurementTypes: ['ImageIntensity'],
    observedRegions: ['Sun.Corona', 'Sun.TransitionRegion'],
    spectralRanges: ['ExtremeUltraviolet'],
    instrumentIds: ['spase://SMWG/Instrument/SDO/AIA'],
    inputResourceIds: DEM_BANDS.map((b) => `spase://NASA/NumericalData/SDO/AIA/EUV${String(b).padStart(3, '0')}/PT12S`),
    keywords: ['differential emission measure', 'DEM', 'coronal temperature', 'emission measure'],
    providerProcessingLevel: 'Level 3 per-pixel Gaussian DEM inversion of AIA level 1 images',
    spatialCoverage: {
      coordinateSystemName: 'HPC',
      coordinateRepresentation: 'Cartesian',
      description: 'Full-disk maps on the pixel grid of the AIA images (helioprojective-Cartesian, FITS WCS HPLN-TAN / HPLT-TAN), as seen from SDO.',
    },
  },
};
