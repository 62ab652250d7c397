/**
 * UV/EUV synchronous synoptic maps (ESA portal code s050a): one Carrington radiance map per AIA
 * channel at a reference time.
 *
 * @module
 */
import { SYNOPTIC_CADENCE, synopticDatasets, synopticExtraPlanes, synopticFileStem, synopticHapiRecords, type SynopticIndex } from './synoptic-common.ts';
import type { ColourTableName, ProductChannel, ProductDefinition } from './types.ts';

export const EUV_CHANNELS = [94, 131, 171, 193, 211, 304, 335, 1600, 1700] as const;

function channel(wavelength: number): ProductChannel {
  const uv = wavelength >= 1600;
  const nm = (wavelength / 10).toFixed(1).replace(/\.0$/, '');
  return {
    id: String(wavelength),
    label: `${uv ? 'UV' : 'EUV'} ${nm} nm`,
    inputSeries: [uv ? 'aia.lev1_uv_24s' : 'aia.lev1_euv_12s', 'aia synoptic (nrt)'],
    wavelength,
    planes: [
      {
        id: 'radiance',
        label: `${uv ? 'UV' : 'EUV'} ${nm} nm`,
        description: `AIA ${wavelength} Å count rate, exposure- and degradation-normalised.`,
        units: 'DN/s',
        display: { colourTable: `aia-${wavelength}` as ColourTableName, scale: 'log10' },
        spase: { kind: 'Wave', waveType: 'Photon', waveQuantity: 'Intensity', wavelength: { low: wavelength, high: wavelength, units: 'Angstrom' } },
        extname: 'RADIANCE',
      },
      ...synopticExtraPlanes(),
    ],
  };
}

const CHANNELS = EUV_CHANNELS.map(channel);
const prefix = (channelId: string): string => `euv${channelId}`;

const INDICES: SynopticIndex[] = [
  { name: 'disk_radiance', units: 'DN/s', description: 'Radiance integrated over the hemisphere facing Earth at the reference time (sum of DN/s per map pixel times its solid-angle weight).', spase: { kind: 'Wave', waveType: 'Photon', waveQuantity: 'Intensity', qualifiers: ['Integral'] } },
  { name: 'total_radiance', units: 'DN/s', description: 'Radiance integrated over the covered full Sun.', spase: { kind: 'Wave', waveType: 'Photon', waveQuantity: 'Intensity', qualifiers: ['Integral'] } },
  { name: 'farside_fraction', units: 'dimensionless', description: 'Fraction of the full-Sun radiance emitted from the hemisphere not facing Earth.', spase: { kind: 'Support', supportQuantity: 'Other' } },
  { name: 'coverage', units: 'dimensionless', description: 'Fraction of the solar surface area with data (weight > 0).', spase: { kind: 'Support', supportQuantity: 'DataQuality' } },
  { name: 'mean_data_age', units: 'h', description: 'Area-weighted mean data age over the covered surface.', spase: { kind: 'Support', supportQuantity: 'Temporal' } },
];

export const synopticEuv: ProductDefinition = {
  id: 'synoptic-euv',
  portalCode: 's050a',
  title: 'UV/EUV synchronous synoptic maps',
  description:
    'Full-Sun Carrington maps of the UV and EUV radiance in the nine AIA channels (9.4 to 170 nm) at a reference time, built from ' +
    'many full-disk images: a large fraction of each disk is used, each image is brought to the reference time with a ' +
    'differential rotation model, and images are merged with weights that decrease with |t_ref - t_obs| (Auchère et al. 2005). ' +
    'Nowcasts and forecasts give the far-side and whole-Sun radiance for heliospheric and irradiance models.',
  instrument: 'AIA',
  cadence: SYNOPTIC_CADENCE,
  cadenceSeconds: 6 * 3600,
  expectedLatencySeconds: 2 * 3600,
  versionKind: 'mapType',
  channels: CHANNELS,
  nominalStartDate: '2010-05-13T00:00:00Z',
  fileStem: synopticFileStem('synoptic_aia', (id) => id),
  hapiDatasets: () =>
    synopticDatasets({ product: 'synoptic-euv', title: 'UV/EUV synchronous synoptic maps', channels: CHANNELS, prefix, indices: () => INDICES, nominalStartDate: '2010-05-13T00:00:00Z' }),
  hapiRecords: (record, ctx) => synopticHapiRecords(record, ctx, prefix, INDICES),
  help: {
    method: [
      'Each AIA image is normalised to DN/s (EXPTIME) and corrected for degradation, then reprojected onto the Carrington grid using its header geometry; points with mu < mu_min (0.2 by default) are dropped because of limb brightening and off-limb emission.',
      'Each projected image is brought to the reference time with a differential rotation model (Howard et al. 1990 by default; Snodgrass, Allen and rigid available).',
      'Images are merged with weights w = exp(-(dt/tau)^2) * mu^p; the weight plane holds sum(w) and the data-age plane the weighted mean |dt|.',
      'Map types: forecast (reference time ahead of now), nowcast (reference time = production time, near-real-time input), temporary (past reference time from near-real-time input), archived (definitive input; supersedes temporary).',
    ],
    qualityFlags: ['Weight plane: 0 where no image contributes (value NaN).', 'Data-age plane: weighted mean |t_ref - t_obs| in hours.'],
    fileNaming: 'synoptic_aia_{channel}_YYYY-MM-DDTHH_MM_{map type}_v{version}.fits (and .png, _thumb.png)',
    references: [
      { text: 'Auchère, F., et al. 2005, ApJ 625, 1036', url: 'https://doi.org/10.1086/429870' },
      { text: 'Lemen, J. R., et al. 2012, Sol. Phys. 275, 17 (AIA)', url: 'https://doi.org/10.1007/s11207-011-9776-8' },
      { text: 'Howard, R. F., Harvey, J. W., Forgach, S. 1990, Sol. Phys. 130, 295', url: 'https://doi.org/10.1007/BF00156795' },
    ],
  },
  spase: {
    resourcePath: 'SDO/AIA/SynchronousSynopticMaps',
    measurementTypes: ['ImageIntensity'],
    observedRegions: ['Sun.Corona', 'Sun.TransitionRegion', 'Sun.Chromosphere'],
    spectralRanges: ['ExtremeUltraviolet', 'Ultraviolet'],
    instrumentIds: ['spase://SMWG/Instrument/SDO/AIA'],
    inputResourceIds: ['spase://NASA/NumericalData/SDO/AIA/Synoptic/PT120S', 'spase://NASA/NumericalData/SDO/AIA/Synoptic/NearRealTime/PT180S'],
    keywords: ['synchronous synoptic map', 'Carrington map', 'EUV radiance', 'far side'],
    providerProcessingLevel: 'Level 3 synchronous synoptic map (Carrington grid, merged from AIA level 1 images)',
    spatialCoverage: {
      coordinateSystemName: 'Carrington',
      coordinateRepresentation: 'Spherical',
      description: 'Full Sun: Carrington longitude 0 to 360 degrees, latitude -90 to 90 degrees, on a plate-carree (CAR) grid equally spaced in longitude and latitude (FITS WCS CRLN-CAR / CRLT-CAR).',
    },
  },
};
