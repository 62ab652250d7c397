/**
 * Maps of electric currents in active regions: radial current density jr from the SHARP CEA
 * vector field of each HARP, with the SHARP summary quantities.
 *
 * @module
 */
import { fileListingParameters, fileListingValues, fileTimeSeconds, num } from './common.ts';
import type { DataType, HapiDatasetDefinition, HapiParameter, ProductChannel, ProductDefinition } from './types.ts';

const CHANNELS: ProductChannel[] = [
  {
    id: 'jr',
    label: 'Radial current density jr',
    inputSeries: ['hmi.sharp_cea_720s', 'hmi.sharp_cea_720s_nrt'],
    planes: [
      {
        id: 'jr',
        label: 'jr',
        description: 'Radial (vertical) current density from the curl of the horizontal field, jr = (dBy/dx - dBx/dy) / mu0.',
        units: 'A/m2',
        display: { colourTable: 'diverging-current', scale: 'symmetric', range: [-0.1, 0.1] },
        spase: { kind: 'Field', fieldQuantity: 'CurrentDensity', qualifiers: ['Component.K'] },
        extname: 'JR',
      },
      {
        id: 'jr_err',
        label: 'jr error',
        description: 'Propagated 1-sigma uncertainty of jr from the Bp and Bt errors.',
        units: 'A/m2',
        display: { colourTable: 'grey', scale: 'linear', range: [0, 0.02] },
        spase: { kind: 'Field', fieldQuantity: 'CurrentDensity', qualifiers: ['Uncertainty'] },
        extname: 'JR_ERR',
      },
      {
        id: 'mask',
        label: 'Mask',
        description: '1 where the pixel enters the summary quantities (conf_disambig >= 70, bitmap >= 30, finite jr), else 0.',
        units: 'dimensionless',
        display: { colourTable: 'grey', scale: 'linear', range: [0, 1] },
        spase: { kind: 'Support', supportQuantity: 'DataQuality' },
        extname: 'MASK',
      },
      {
        id: 'br',
        label: 'Br',
        description: 'Radial magnetic field of the SHARP patch (input), for context.',
        units: 'G',
        display: { colourTable: 'hmi-magnetogram', scale: 'symmetric', range: [-1500, 1500] },
        spase: { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Component.K'] },
        extname: 'BR',
      },
    ],
  },
];

const d = (name: string, units: string, description: string, spase: HapiParameter['x_spase']): HapiParameter => ({ name, type: 'double', units, fill: 'NaN', description, x_spase: spase });
const current = (q: string[]): HapiParameter['x_spase'] => ({ kind: 'Field', fieldQuantity: 'Current', qualifiers: q });
const density = (q: string[]): HapiParameter['x_spase'] => ({ kind: 'Field', fieldQuantity: 'CurrentDensity', qualifiers: q });

/** SHARP-style keywords, named as the HMI pipeline names them. */
export const SHARP_KEYWORDS: HapiParameter[] = [
  d('TOTUSJZ', 'A', 'Total unsigned vertical current, sum |jz| dA over the mask.', current(['Total'])),
  d('MEANJZD', 'mA/m2', 'Mean vertical current density (signed) over the mask.', density(['Average'])),
  d('MAXJZ', 'mA/m2', 'Maximum |jz| over the mask.', density(['Maximum', 'Magnitude'])),
  d('NETJZ', 'A', 'Net vertical current, sum jz dA over the mask.', current(['Total'])),
  d('AREA', 'Mm2', 'Area of the mask on the sphere.', { kind: 'Support', supportQuantity: 'Other' }),
  d('ERRJZ', 'mA/m2', 'Uncertainty of MEANJZD.', density(['Uncertainty'])),
  d('ERRUSI', 'A', 'Uncertainty of TOTUSJZ.', current(['Uncertainty'])),
  d('MEANJZH', 'G2/m', 'Mean current helicity (Bz jz) over the mask.', { kind: 'Support', supportQuantity: 'Other', qualifiers: ['Average'] }),
  d('TOTUSJH', 'G2/m', 'Total unsigned current helicity.', { kind: 'Support', supportQuantity: 'Other', qualifiers: ['Total'] }),
  d('ABSNJZH', 'G2/m', 'Absolute value of the net current helicity.', { kind: 'Support', supportQuantity: 'Other', qualifiers: ['Total'] }),
  d('SAVNCPP', 'A', 'Sum of the absolute values of the net currents per polarity (HMI pipeline units).', current(['Total'])),
  d('MEANALP', '1/Mm', 'Mean characteristic twist parameter alpha.', { kind: 'Support', supportQuantity: 'Other', qualifiers: ['Average'] }),
  d('USFLUX', 'Mx', 'Total unsigned radial flux over the mask.', { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Total'] }),
  d('CMASK', 'dimensionless', 'Number of mask pixels.', { kind: 'Support', supportQuantity: 'Other' }),
];

const TOTAL_PARAMETERS: HapiParameter[] = [
  { name: 'n_harps', type: 'integer', units: null, fill: null, description: 'Number of HARPs that contribute at this time.' },
  d('TOTUSJZ', 'A', 'Total unsigned vertical current summed over all HARPs on the disk.', current(['Total'])),
  d('NETJZ', 'A', 'Net vertical current summed over all HARPs.', current(['Total'])),
  d('MAXJZ', 'mA/m2', 'Largest |jz| over all HARPs.', density(['Maximum', 'Magnitude'])),
  d('AREA', 'Mm2', 'Total mask area over all HARPs.', { kind: 'Support', supportQuantity: 'Other' }),
  d('USFLUX', 'Mx', 'Total unsigned radial flux over all HARP masks.', { kind: 'Field', fieldQuantity: 'Magnetic', qualifiers: ['Total'] }),
];

/** HAPI dataset id of a HARP: currents_sci_harp377. */
export function harpDatasetId(dataType: DataType, harpnum: number): string {
  return `currents_${dataType}_harp${harpnum}`;
}

/** HAPI dataset id of the disk totals of a data type: currents_total_sci. */
export function totalDatasetId(dataType: DataType): string {
  return `currents_total_${dataType}`;
}

export const CURRENTS_TOTAL_PARAMETERS = TOTAL_PARAMETERS;

const START = '2010-05-01T00:00:00Z';

export const currents: ProductDefinition = {
  id: 'currents',
  title: 'Maps of electric currents in Active Regions',
  description:
    'Radial electric current density jr in active regions, computed every 12 minutes from the SDO/HMI SHARP vector magnetic field ' +
    '(cylindrical equal-area patches per HARP) with the stencils and units of the HMI pipeline, with its uncertainty, the pixel ' +
    'mask and the SHARP summary quantities (total unsigned current, mean current density, current helicity, flux).',
  instrument: 'HMI',
  cadence: 'PT12M',
  cadenceSeconds: 720,
  expectedLatencySeconds: 3 * 3600,
  versionKind: 'dataType',
  channels: CHANNELS,
  nominalStartDate: START,
  fileStem: (r) => `currents_${r.dataType ?? 'nrt'}_harp${r.harpnum ?? 0}_${fileTimeSeconds(r.timeMs)}_v${r.version}`,
  hapiDatasets: ({ harps }): HapiDatasetDefinition[] => [
    ...(['sci', 'nrt'] as const).map<HapiDatasetDefinition>((dt) => ({
      id: totalDatasetId(dt),
      title: `Disk-total AR currents (${dt})`,
      description: `Currents summed over all ${dt === 'sci' ? 'definitive' : 'near-real-time'} HARPs on the disk at each SHARP time.`,
      product: 'currents',
      cadence: 'PT12M',
      maxRequestDuration: 'P3650D',
      timeStampLocation: 'center',
      kind: 'indices',
      nominalStartDate: START,
      parameters: TOTAL_PARAMETERS,
    })),
    ...harps.map<HapiDatasetDefinition>((h) => ({
      id: harpDatasetId(h.dataType, h.harpnum),
      title: `AR currents, HARP ${h.harpnum} (${h.dataType})`,
      description: `SHARP-style current quantities and map files of HARP ${h.harpnum} (${h.dataType === 'sci' ? 'definitive' : 'near-real-time'} series${h.noaaArs.length ? `, NOAA ${h.noaaArs.join(', ')}` : ''}).`,
      product: 'currents',
      cadence: 'PT12M',
      maxRequestDuration: 'P3650D',
      timeStampLocation: 'center',
      kind: 'indices',
      nominalStartDate: START,
      parameters: [
        { name: 'noaa_ars', type: 'string', length: 32, units: null, fill: null, description: 'NOAA active region numbers in the patch, space separated.' },
        ...fileListingParameters('data_type').slice(1, 2),
        ...SHARP_KEYWORDS,
        ...fileListingParameters('data_type').slice(2),
      ],
    })),
  ],
  hapiRecords: (record, ctx) => {
    if (record.harpnum === undefined || !record.dataType) return [];
    const [, version, fits, png] = fileListingValues(record, ctx.fileUrl);
    return [
      {
        dataset: harpDatasetId(record.dataType, record.harpnum),
        record: {
          timeMs: record.timeMs,
          values: [(record.noaaArs ?? []).join(' '), version, ...SHARP_KEYWORDS.map((k) => num(record.summary[k.name])), fits, png],
        },
      },
    ];
  },
  help: {
    method: [
      'Inputs: SHARP CEA segments Br, Bp, Bt, their errors, bitmap and conf_disambig of each HARP (hmi.sharp_cea_720s or its _nrt series).',
      'Local frame: Bx = Bp, By = -Bt, Bz = Br. jz = dBy/dx - dBx/dy with central differences inside and second-order one-sided differences at the edges (JSOC sw_functions.c).',
      'Units: jz [A/m2] = jz [G/pixel] 1e-4 / (mu0 dx), dx = pixel size in metres from CDELT1, RSUN_REF, RSUN_OBS and DSUN_OBS as in the HMI pipeline.',
      'Summary quantities over the mask conf_disambig >= 70, bitmap >= 30 (Bobra et al. 2014).',
    ],
    qualityFlags: ['MASK plane: pixels used in the summary quantities.', 'JR_ERR plane: propagated uncertainty.', 'nrt and sci HARP numbers differ; maps are keyed by (data type, HARP, time).'],
    fileNaming: 'currents_{nrt|sci}_harp{HARPNUM}_YYYY-MM-DDTHHMMSS_v{version}.fits (and .png)',
    references: [
      { text: 'Bobra, M. G., et al. 2014, Sol. Phys. 289, 3549 (SHARP)', url: 'https://doi.org/10.1007/s11207-014-0529-3' },
      { text: 'Hoeksema, J. T., et al. 2014, Sol. Phys. 289, 3483', url: 'https://doi.org/10.1007/s11207-014-0516-8' },
      { text: 'mbobra/SHARPs (reference Python implementation)', url: 'https://github.com/mbobra/SHARPs' },
    ],
  },
  spase: {
    resourcePath: 'SDO/HMI/ActiveRegionCurrents',
    measurementTypes: ['Magnetogram'],
    observedRegions: ['Sun.Photosphere'],
    spectralRanges: [],
    instrumentIds: ['spase://SMWG/Instrument/SDO/HMI'],
    inputResourceIds: ['spase://NASA/NumericalData/SDO/HMI/SHARP/CEA/PT720S', 'spase://NASA/NumericalData/SDO/HMI/SHARP/CEA/NRT/PT720S'],
    keywords: ['electric current density', 'active region', 'SHARP', 'HARP', 'current helicity'],
    providerProcessingLevel: 'Level 3 radial current density from hmi.sharp_cea_720s',
    spatialCoverage: {
      coordinateSystemName: 'Carrington',
      coordinateRepresentation: 'Spherical',
      description: 'One patch per HARP on the SHARP cylindrical-equal-area (CEA) grid centred on the region: Carrington longitude, sine-latitude spacing (FITS WCS CRLN-CEA / CRLT-CEA).',
    },
  },
};
