/**
 * Synchronous synoptic maps of the photosphere (ESA portal code s005a): Br and
 * limb-darkening-corrected continuum on a Carrington grid from HMI 720 s full-disk data.
 *
 * @module
 */
import { SYNOPTIC_CADENCE, synopticDatasets, synopticExtraPlanes, synopticFileStem, synopticHapiRecords, type SynopticIndex } from './synoptic-common.ts';
import type { ProductChannel, ProductDefinition } from './types.ts';

const CHANNELS: ProductChannel[] = [
  {
    id: 'hmi.m_720s',
    label: 'Radial magnetic field Br',
    inputSeries: ['hmi.m_720s', 'hmi.m_720s_nrt'],
    planes: [
      {
        id: 'br',
        label: 'Br',
        description: 'Radial magnetic field from the line-of-sight field, Br = Blos / mu.',
        units: 'G',
        display: { colourTable: 'hmi-magnetogram', scale: 'symmetric', range: [-500, 500] },
        spase: { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Component.I'] },
        extname: 'BR',
      },
      ...synopticExtraPlanes(),
    ],
  },
  {
    id: 'hmi.ic_720s',
    label: 'Continuum intensity',
    inputSeries: ['hmi.ic_720s', 'hmi.ic_720s_nrt'],
    wavelength: 6173,
    planes: [
      {
        id: 'continuum',
        label: 'Continuum',
        description: 'Continuum intensity near 617.3 nm divided by the JSOC limb-darkening law (v2 coefficients).',
        units: 'DN/s',
        display: { colourTable: 'hmi-continuum', scale: 'linear' },
        spase: { kind: 'Wave', waveType: 'Photon', waveQuantity: 'Intensity', wavelength: { low: 6173, high: 6173, units: 'Angstrom' } },
        extname: 'CONTINUUM',
      },
      ...synopticExtraPlanes(),
    ],
  },
];

const TAG: Record<string, string> = { 'hmi.m_720s': 'br', 'hmi.ic_720s': 'ic' };
const prefix = (channelId: string): string => `photo_${TAG[channelId] ?? channelId}`;

function indices(channelId: string): SynopticIndex[] {
  const coverage: SynopticIndex = {
    name: 'coverage',
    units: 'dimensionless',
    description: 'Fraction of the solar surface area with data (weight > 0).',
    spase: { kind: 'Support', supportQuantity: 'DataQuality' },
  };
  const age: SynopticIndex = {
    name: 'mean_data_age',
    units: 'h',
    description: 'Area-weighted mean data age over the covered surface.',
    spase: { kind: 'Support', supportQuantity: 'Temporal' },
  };
  if (channelId === 'hmi.m_720s')
    return [
      { name: 'unsigned_flux', units: 'Mx', description: 'Total unsigned radial magnetic flux over the covered surface.', spase: { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Total', 'Integral.Area'] } },
      { name: 'polar_field_north', units: 'G', description: 'Mean Br poleward of 60 degrees north (covered pixels, area-weighted).', spase: { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Average'] } },
      { name: 'polar_field_south', units: 'G', description: 'Mean Br poleward of 60 degrees south (covered pixels, area-weighted).', spase: { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Average'] } },
      coverage,
      age,
    ];
  return [
    { name: 'mean_intensity', units: 'DN/s', description: 'Area-weighted mean limb-darkening-corrected continuum intensity.', spase: { kind: 'Wave', waveType: 'Photon', waveQuantity: 'Intensity', qualifiers: ['Average'] } },
    { name: 'dark_fraction', units: 'dimensionless', description: 'Fraction of the covered area darker than 0.9 of the quiet-Sun median (sunspots).', spase: { kind: 'Support', supportQuantity: 'Other' } },
    coverage,
    age,
  ];
}

export const synopticPhotosphere: ProductDefinition = {
  id: 'synoptic-photosphere',
  portalCode: 's005a',
  title: 'Synchronous synoptic maps of the photosphere',
  description:
    'Full-Sun Carrington maps of the radial magnetic field and of the limb-darkening-corrected continuum intensity at a reference time, ' +
    'built from many SDO/HMI 720 s full-disk images taken before (and, for archived maps, after) that time: each image is ' +
    'projected onto the Carrington grid, shifted to the reference time with a differential rotation model, and merged with ' +
    'weights that decrease with time difference and distance from disk centre.',
  instrument: 'HMI',
  cadence: SYNOPTIC_CADENCE,
  cadenceSeconds: 6 * 3600,
  expectedLatencySeconds: 2 * 3600,
  versionKind: 'mapType',
  channels: CHANNELS,
  nominalStartDate: '2010-05-01T00:00:00Z',
  fileStem: synopticFileStem('synoptic_hmi', (id) => TAG[id] ?? id),
  hapiDatasets: () =>
    synopticDatasets({
      product: 'synoptic-photosphere',
      title: 'Synchronous synoptic maps of the photosphere',
      channels: CHANNELS,
      prefix,
      indices: (ch) => indices(ch.id),
      nominalStartDate: '2010-05-01T00:00:00Z',
    }),
  hapiRecords: (record, ctx) => synopticHapiRecords(record, ctx, prefix, indices(record.parameter)),
  help: {
    method: [
      'Each HMI 720 s image is reprojected onto the Carrington grid from its own header geometry (finite observer distance, B0, L0, CROTA2); only points with mu >= mu_min are kept.',
      'Br = Blos / mu (radial-field assumption); points closer to the limb than 0.994 solar radii (mu < 0.109) are dropped as in the JSOC synoptic maps.',
      'The continuum is divided by the JSOC limb-darkening law I(mu)/I(1) = 1 + sum a_k (ln mu)^k with a = 0.459224, 0.132395, 0.019601, 0.000802, -4.31934e-5.',
      'Each projected image is shifted to the reference time with a differential rotation model (Howard et al. 1990 by default) and merged with weights w = exp(-(dt/tau)^2) * mu^p.',
    ],
    qualityFlags: ['Weight plane: 0 where no image contributes (value NaN).', 'Data-age plane: weighted mean |t_ref - t_obs| in hours.'],
    fileNaming: 'synoptic_hmi_{br|ic}_YYYY-MM-DDTHH_MM_{map type}_v{version}.fits (and .png, _thumb.png)',
    references: [
      { text: 'Auchère, F., et al. 2005, ApJ 625, 1036', url: 'https://doi.org/10.1086/429870' },
      { text: 'Howard, R. F., Harvey, J. W., Forgach, S. 1990, Sol. Phys. 130, 295', url: 'https://doi.org/10.1007/BF00156795' },
      { text: 'JSOC HMI synoptic maps', url: 'http://jsoc.stanford.edu/jsocwiki/SynopticMaps' },
      { text: 'Pierce, A. K., Slaughter, C. D. 1977, Sol. Phys. 51, 25', url: 'https://doi.org/10.1007/BF00240442' },
    ],
  },
  spase: {
    resourcePath: 'SDO/HMI/SynchronousSynopticMaps',
    measurementTypes: ['Magnetogram', 'ImageIntensity'],
    observedRegions: ['Sun.Photosphere'],
    spectralRanges: ['Optical'],
    instrumentIds: ['spase://SMWG/Instrument/SDO/HMI'],
    inputResourceIds: ['spase://NASA/NumericalData/SDO/HMI/LOS_Magnetogram/PT720S', 'spase://NASA/NumericalData/SDO/HMI/Continuum_Intensity/PT720S'],
    keywords: ['synchronous synoptic map', 'Carrington map', 'radial magnetic field', 'continuum intensity'],
    providerProcessingLevel: 'Level 3 synchronous synoptic map (Carrington grid, merged from hmi.m_720s / hmi.ic_720s)',
    spatialCoverage: {
      coordinateSystemName: 'Carrington',
      coordinateRepresentation: 'Spherical',
      description: 'Full Sun: Carrington longitude 0 to 360 degrees, latitude -90 to 90 degrees, on a plate-carree (CAR) grid equally spaced in longitude and latitude (FITS WCS CRLN-CAR / CRLT-CAR).',
    },
  },
};
