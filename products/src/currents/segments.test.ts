import { describe, expect, it } from 'vitest';
import { CurrentsInputError, dataTypeOfSeries, parseNoaaArs, parseSharpSegments, SHARP_SEGMENTS, type HeaderLike, type SegmentImage } from './segments.ts';

/** A header from a plain object (what the pipeline reads of a FitsHeader). */
function header(values: Record<string, string | number>): HeaderLike {
  return {
    get: (k) => values[k],
    number: (k) => (typeof values[k] === 'number' ? (values[k] as number) : undefined),
    string: (k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined),
  };
}

const BASE = {
  HARPNUM: 377,
  T_REC: '2011.02.15_02:00:00_TAI',
  'DATE-OBS': '2011-02-15T01:58:12.30',
  NOAA_AR: 11158,
  NOAA_ARS: '11158',
  CTYPE1: 'CRLN-CEA',
  CTYPE2: 'CRLT-CEA',
  CUNIT1: 'degree',
  CUNIT2: 'degree',
  CRPIX1: 3,
  CRPIX2: 2.5,
  CRVAL1: 34.879105,
  CRVAL2: -21.0769,
  CDELT1: 0.03,
  CDELT2: 0.03,
  RSUN_REF: 696e6,
  DSUN_OBS: 147746220503.41,
  RSUN_OBS: 971.671936,
  CRLN_OBS: 21.725103,
  CRLT_OBS: -6.8279,
};

function segments(width = 5, height = 4, overrides: Record<string, Record<string, string | number>> = {}): Record<string, SegmentImage> {
  return Object.fromEntries(
    SHARP_SEGMENTS.map((s) => [s, { width, height, data: new Float64Array(width * height), header: header({ ...BASE, ...overrides[s] }) }]),
  );
}

describe('parseSharpSegments', () => {
  it('reads identity, UTC time, NOAA regions and geometry from the Br header', () => {
    const { info, field } = parseSharpSegments(segments());
    expect(info.harpnum).toBe(377);
    expect(new Date(info.timeMs).toISOString()).toBe('2011-02-15T01:59:26.000Z');
    expect(info.noaaArs).toEqual([11158]);
    expect(info.geometry).toEqual({ cdelt1Deg: 0.03, cdelt2Deg: 0.03, rsunRefM: 696e6, dsunObsM: 147746220503.41, rsunObsArcsec: 971.671936 });
    expect(info.wcs).toMatchObject({ ctype1: 'CRLN-CEA', crpix2: 2.5, crota2: 0 });
    expect(field.width).toBe(5);
  });

  it('says which segment is wrong and why', () => {
    const missing = segments();
    delete missing.bitmap;
    expect(() => parseSharpSegments(missing)).toThrow(/missing segment\(s\) bitmap/);
    const small = segments();
    small.Bt = { ...small.Bt, width: 4, data: new Float64Array(16) };
    expect(() => parseSharpSegments(small)).toThrow(/segment Bt: size 4 x 4/);
    expect(() => parseSharpSegments(segments(5, 4, { Bp: { HARPNUM: 378 } }))).toThrow(/Bp: HARPNUM 378/);
    expect(() => parseSharpSegments(segments(5, 4, { Br_err: { T_REC: '2011.02.15_02:12:00_TAI' } }))).toThrow(/Br_err: T_REC/);
    expect(() => parseSharpSegments(segments(5, 4, { Br: { T_REC: 'yesterday' } }))).toThrow(CurrentsInputError);
    expect(() => parseSharpSegments(segments(5, 4, { Br: { CTYPE1: 'HPLN-TAN' } }))).toThrow(/CRLN-CEA/);
    expect(() => parseSharpSegments(segments(5, 4, { Br: { DSUN_OBS: 'far' } }))).toThrow(/DSUN_OBS/);
    expect(() => parseSharpSegments(segments(2, 4))).toThrow(/3 x 3/);
  });
});

describe('SHARP metadata helpers', () => {
  it('parses NOAA_ARS lists', () => {
    expect(parseNoaaArs('11158')).toEqual([11158]);
    expect(parseNoaaArs('11160,11158')).toEqual([11158, 11160]);
    expect(parseNoaaArs('')).toEqual([]);
    expect(parseNoaaArs(0)).toEqual([]);
    expect(parseNoaaArs(undefined)).toEqual([]);
  });

  it('derives the data type from the series name', () => {
    expect(dataTypeOfSeries('hmi.sharp_cea_720s')).toBe('sci');
    expect(dataTypeOfSeries('hmi.sharp_cea_720s_nrt')).toBe('nrt');
    expect(() => dataTypeOfSeries('hmi.sharp_720s')).toThrow(CurrentsInputError);
  });
});
