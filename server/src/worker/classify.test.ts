import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFitsFile } from '../../../products/src/fits/index.ts';
import { classifyInput, jsocNameParts, UnclassifiableInput } from './classify.ts';

const SUNPY = path.resolve('../shared/data/sdo/sunpy-test');

/** A header from plain key/values. */
const header = (cards: Record<string, string | number>) => ({ get: (k: string) => cards[k] });

async function headersOf(file: string) {
  return (await readFitsFile(file, { headersOnly: true })).hdus.map((h) => h.header);
}

describe('input classification', () => {
  it('reads the real AIA level-1 test image: 171 A at T_OBS (UTC)', async () => {
    const c = classifyInput(await headersOf(path.join(SUNPY, 'aia_171_level1.fits')), 'aia_171_level1.fits');
    expect(c).toMatchObject({ kind: 'aia', channel: '171', dataType: 'sci', timeMs: Date.parse('2011-02-15T00:00:01.340Z') });
    expect(c.meta.exptime).toBeCloseTo(2.000191, 6);
  });

  it('reads the real HMI continuum test image: T_REC in TAI', async () => {
    const c = classifyInput(await headersOf(path.join(SUNPY, 'resampled_hmi.fits')), 'resampled_hmi.fits');
    // 2014.03.01_00:01:30_TAI = 00:00:55 UTC (TAI - UTC = 35 s since 2012-07-01).
    expect(c).toMatchObject({ kind: 'hmi', channel: 'hmi.ic_720s', dataType: 'sci', timeMs: Date.UTC(2014, 2, 1, 0, 0, 55) });
  });

  it('takes the series (nrt or definitive) and the SHARP segment from the JSOC name', () => {
    expect(jsocNameParts('hmi.sharp_cea_720s_nrt.7115.20240501_000000_TAI.Bp_err.fits')).toEqual({ series: 'hmi.sharp_cea_720s_nrt', segment: 'Bp_err' });
    const sharp = header({ TELESCOP: 'SDO/HMI', HARPNUM: 7115, T_REC: '2024.05.01_00:00:00_TAI', NOAA_ARS: '13664,13665' });
    expect(classifyInput([sharp], 'hmi.sharp_cea_720s_nrt.7115.20240501_000000_TAI.Bp_err.fits')).toMatchObject({
      kind: 'sharp',
      channel: 'Bp_err',
      dataType: 'nrt',
      harpnum: 7115,
      noaaArs: [13664, 13665],
    });
    const m = header({ TELESCOP: 'SDO/HMI', CONTENT: 'MAGNETOGRAM', T_REC: '2024.05.01_00:00:00_TAI' });
    expect(classifyInput([m], 'hmi.m_720s_nrt.20240501_000000_TAI.magnetogram.fits')).toMatchObject({ kind: 'hmi', channel: 'hmi.m_720s', dataType: 'nrt' });
    const aia = header({ TELESCOP: 'SDO/AIA', WAVELNTH: 193, T_OBS: '2024-05-01T00:00:05.84Z' });
    expect(classifyInput([aia], 'aia.lev1_nrt2.2024-05-01T000005Z.193.image_lev1.fits')).toMatchObject({ kind: 'aia', channel: '193', dataType: 'nrt' });
  });

  it('says why a file is not usable', () => {
    const fail = (cards: Record<string, string | number>, name: string) => {
      try {
        classifyInput([header(cards)], name);
      } catch (e) {
        expect(e).toBeInstanceOf(UnclassifiableInput);
        return (e as Error).message;
      }
      throw new Error('classified');
    };
    expect(fail({ TELESCOP: 'SDO/HMI', HARPNUM: 1, T_REC: '2024.05.01_00:00:00_TAI' }, 'patch.fits')).toMatch(/must keep its JSOC name/);
    expect(fail({ TELESCOP: 'SDO/AIA', WAVELNTH: 123, T_OBS: '2024-05-01T00:00:00Z' }, 'x.fits')).toMatch(/unknown WAVELNTH \(123\)/);
    expect(fail({ TELESCOP: 'SDO/AIA', WAVELNTH: 171 }, 'x.fits')).toMatch(/no observation time/);
    expect(fail({ TELESCOP: 'SDO/AIA', WAVELNTH: 171, T_OBS: 'yesterday' }, 'x.fits')).toMatch(/T_OBS is not a readable time/);
    expect(fail({ TELESCOP: 'SDO/HMI', CONTENT: 'DOPPLERGRAM', T_REC: '2024.05.01_00:00:00_TAI' }, 'x.fits')).toMatch(/CONTENT 'DOPPLERGRAM'/);
    expect(fail({ TELESCOP: 'SDO/HMI', CONTENT: 'MAGNETOGRAM', T_REC: '2024.05.01_00:00:00_TAI' }, 'hmi.ic_720s.20240501_000000_TAI.continuum.fits')).toMatch(/named as series hmi\.ic_720s/);
    expect(fail({}, 'x.fits')).toMatch(/TELESCOP 'missing'/);
  });
});
