/**
 * SPASE records that exist in the public registries and that our records may reference.
 *
 * Source: /work/shared/docs/SPASE.md section 10 ("Existing ResourceIDs to reference"), which lists
 * what `hpde/SMWG` and `hpde/NASA` held in mid-2026 (both CC0-1.0). `spase-refcheck -i` resolves
 * references online with a HEAD on `https://hpde.io/<id minus spase://>.xml`; offline we check
 * every `*ID` of our records against our own batch plus this pinned list. Add an entry only after
 * checking that the record exists on hpde.io.
 *
 * @module
 */

const SMWG = 'spase://SMWG';
const NASA_SDO = 'spase://NASA/NumericalData/SDO';

/** External ResourceIDs known to exist (SPASE.md section 10). */
export const KNOWN_EXTERNAL_IDS: ReadonlySet<string> = new Set([
  // hpde/SMWG: observatory and instruments.
  `${SMWG}/Observatory/SDO`,
  `${SMWG}/Instrument/SDO/AIA`,
  `${SMWG}/Instrument/SDO/HMI`,
  `${SMWG}/Instrument/SDO/EVE`,
  // hpde/SMWG: repositories.
  `${SMWG}/Repository/Stanford/HMI-AIA.JSOC`,
  `${SMWG}/Repository/SDAC`,
  `${SMWG}/Repository/NASA/GSFC/STEREO_SC`,
  `${SMWG}/Repository/NASA/GSFC/SPDF/CDAWeb`,
  `${SMWG}/Repository/NASA/GSFC/SPDF`,
  `${SMWG}/Repository/MEDOC`,
  `${SMWG}/Repository/UCOLO/LASP/SDO`,
  `${SMWG}/Repository/NASA/GSFC`,
  `${SMWG}/Repository/CDPP/AMDA`,
  // hpde/SMWG: persons.
  ...['Philip.H.Scherrer', 'Rick.Bogart', 'W.Dean.Pesnell', 'Meng.Jin', 'Alan.M.Title', 'Mark.C.M.Cheung', 'K.D.Leka', 'Seiji.Yashiro', 'Lee.Frost.Bargatze'].map(
    (p) => `${SMWG}/Person/${p}`,
  ),
  // hpde/SMWG: the HAPI specification as a Document.
  `${SMWG}/Document/HAPI/Specification/3.0.0`,
  // hpde/NASA: SDO/AIA level 1 and derived series.
  ...['EUV094', 'EUV131', 'EUV171', 'EUV193', 'EUV211', 'EUV304', 'EUV335'].map((c) => `${NASA_SDO}/AIA/${c}/PT12S`),
  `${NASA_SDO}/AIA/UV1600/PT24S`,
  `${NASA_SDO}/AIA/UV1700/PT24S`,
  `${NASA_SDO}/AIA/VIS4500/PT60M`,
  `${NASA_SDO}/AIA/PT12S`,
  `${NASA_SDO}/AIA/Synoptic/PT120S`,
  `${NASA_SDO}/AIA/Synoptic/NearRealTime/PT180S`,
  `${NASA_SDO}/AIA/SSC/CarringtonMaps`,
  `${NASA_SDO}/AIA/NWRA/AARP/PT12S`,
  // hpde/NASA: SDO/HMI series.
  `${NASA_SDO}/HMI/LOS_Magnetogram/PT720S`,
  `${NASA_SDO}/HMI/LOS_Magnetogram/PT45S`,
  `${NASA_SDO}/HMI/Vector_Magnetic_Field/PT720S`,
  `${NASA_SDO}/HMI/Continuum_Intensity/PT720S`,
  `${NASA_SDO}/HMI/LOS_Dopplergram/PT720S`,
  `${NASA_SDO}/HMI/SHARP/PT720S`,
  `${NASA_SDO}/HMI/SHARP/CEA/PT720S`,
  `${NASA_SDO}/HMI/SHARP/NRT/PT720S`,
  `${NASA_SDO}/HMI/SHARP/CEA/NRT/PT720S`,
  `${NASA_SDO}/HMI/Synoptic/Radial_Magnetic_Field`,
  `${NASA_SDO}/HMI/Synoptic/Radial_Magnetic_Field_Small`,
  `${NASA_SDO}/HMI/Synoptic/LOS_Magnetic_Field`,
  `${NASA_SDO}/HMI/Synoptic/LOS_Magnetic_Field_Small`,
  // hpde/NASA: SDO display data.
  'spase://NASA/DisplayData/SDO/AIA/SSC/CarringtonMaps',
  'spase://NASA/DisplayData/SDO/PT13M',
  'spase://NASA/DisplayData/SDO/AIA/MEDOC/PT1M',
]);

/** The observatory every product's input comes from. */
export const SDO_OBSERVATORY_ID = `${SMWG}/Observatory/SDO`;
