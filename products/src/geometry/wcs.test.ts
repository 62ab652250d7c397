import { beforeAll, describe, expect, it } from 'vitest';
import { observerCarrington, sunFromEarth } from './ephemeris.ts';
import { type HeaderLike, headerView, readImageHeader, runPython, sharedDataPath } from './test-support.ts';
import { parseFitsDate } from './time.ts';
import { SolarImageWcs, type SolarImageWcsFields, WcsError } from './wcs.ts';

const AIA_PATH = sharedDataPath('sdo/sunpy-test/aia_171_level1.fits');
const HMI_PATH = sharedDataPath('sdo/sunpy-test/resampled_hmi.fits');
const ARCSEC = Math.PI / 180 / 3600;
const dLon = (a: number, b: number): number => ((((a - b) % 360) + 540) % 360) - 180;

/** Great-circle distance [deg] between two points given in degrees (haversine, exact near 0). */
function separationDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const s1 = Math.sin(((lat2 - lat1) * r) / 2);
  const s2 = Math.sin(((lon2 - lon1) * r) / 2);
  return (2 * Math.asin(Math.sqrt(s1 * s1 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * s2 * s2))) / r;
}

let aiaHeader: HeaderLike;
let hmiHeader: HeaderLike;
let aia: SolarImageWcs;
let hmi: SolarImageWcs;

beforeAll(() => {
  aiaHeader = readImageHeader(AIA_PATH);
  hmiHeader = readImageHeader(HMI_PATH);
  aia = SolarImageWcs.fromHeader(aiaHeader);
  hmi = SolarImageWcs.fromHeader(hmiHeader);
});

/** All on-disk pixel centres of an image. */
function onDiskPixels(w: SolarImageWcs, minMu = 0): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < (w.fields.height ?? 0); y++)
    for (let x = 0; x < (w.fields.width ?? 0); x++) {
      const c = w.pixelToCarrington(x, y);
      if (c && c.mu > minMu) out.push([x, y]);
    }
  return out;
}

/** Angular distance [arcsec] of helioprojective (tx, ty) from the Sun's centre. */
function elongationArcsec(txArcsec: number, tyArcsec: number): number {
  return Math.acos(Math.cos(txArcsec * ARCSEC) * Math.cos(tyArcsec * ARCSEC)) / ARCSEC;
}

describe('header reading (SCIENCE.md §5.6 values)', () => {
  it('reads the AIA 171 test header', () => {
    const f = aia.fields;
    expect([f.width, f.height, f.crpix1, f.crpix2, f.cdelt1, f.cdelt2]).toEqual([128, 128, 64.5, 64.5, 19.183648, 19.183648]);
    expect(f.crval1).toBeCloseTo(-4.532172, 6);
    expect(f.crval2).toBeCloseTo(2.865575, 6);
    expect(f.crota2).toBe(0.019413);
    expect([aia.crlnObsDeg, aia.crltObsDeg, aia.hglnObsDeg, aia.dsunM]).toEqual([22.814522, -6.820544, 0, 147724815128]);
    expect(aia.rsunObsArcsec).toBe(971.812597);
    expect(aia.timeMs).toBe(Date.parse('2011-02-15T00:00:01.340Z')); // T_OBS (mid-exposure)
  });

  it('reads the HMI header (CROTA2 179.93°, JSOC T_OBS, no HGLN_OBS)', () => {
    expect(hmi.fields.crota2).toBe(179.929779);
    expect(hmi.hglnObsDeg).toBe(0);
    expect(hmi.timeMs).toBe(Date.parse('2014-03-01T00:00:50Z')); // 2014.03.01_00:01:25_TAI
  });

  it('agrees with JSOC: RSUN_OBS = asin(RSUN_REF/DSUN_OBS) within 0.001"', () => {
    for (const w of [aia, hmi]) {
      expect(Math.abs(Math.asin(w.rsunRefM / w.dsunM) / ARCSEC - w.rsunObsArcsec)).toBeLessThan(0.001);
    }
  });

  it('rejects headers it cannot use, naming the keyword', () => {
    const base = { CRPIX1: 64.5, CRPIX2: 64.5, CDELT1: 0.6, CDELT2: 0.6, DSUN_OBS: 1.5e11, CRLN_OBS: 10, CRLT_OBS: 1 };
    const err = (h: Record<string, string | number>): WcsError => {
      try {
        SolarImageWcs.fromHeader(headerView(h));
      } catch (e) {
        return e as WcsError;
      }
      throw new Error('no error');
    };
    expect(err({ ...base, CTYPE1: 'RA---TAN' })).toMatchObject({ name: 'WcsError', keyword: 'CTYPE1' });
    expect(err({ ...base, CRPIX2: 'x' })).toMatchObject({ keyword: 'CRPIX2' });
    expect(err({ ...base, CUNIT1: 'furlong' })).toMatchObject({ keyword: 'CUNIT1' });
    const { DSUN_OBS: _d, ...noDsun } = base;
    expect(err(noDsun)).toMatchObject({ keyword: 'DSUN_OBS' });
    const { CRLN_OBS: _c, ...noCrln } = base;
    expect(err(noCrln)).toMatchObject({ keyword: 'CRLN_OBS' });
    expect(err({ ...base, 'DATE-OBS': 'yesterday' })).toMatchObject({ keyword: 'DATE-OBS' });
    expect(() => new SolarImageWcs({ crpix1: 1, crpix2: 1, cdelt1: 0, cdelt2: 1, dsunM: 1.5e11, crlnObsDeg: 0, crltObsDeg: 0 })).toThrow(WcsError);
  });

  it('derives DSUN_OBS from RSUN_OBS and CRLN/CRLT_OBS from the ephemeris when missing', () => {
    const t = '2014-03-01T00:00:50';
    const w = SolarImageWcs.fromHeader(headerView({ CRPIX1: 50.5, CRPIX2: 50.5, CDELT1: 20, CDELT2: 20, RSUN_OBS: 968.660583, RSUN_REF: 696e6, 'DATE-OBS': t }));
    expect(w.dsunM / 148205511547.72).toBeCloseTo(1, 6); // the HMI header's DSUN_OBS
    const s = sunFromEarth(parseFitsDate(t));
    expect(w.crltObsDeg).toBeCloseTo(s.b0Deg, 12);
    expect(w.crlnObsDeg).toBeCloseTo(observerCarrington(parseFitsDate(t), { hglnDeg: 0, hgltDeg: s.b0Deg, distanceM: w.dsunM }).crlnDeg, 12);
  });
});

describe('disk centre and limb', () => {
  it('puts the disk centre where the linear formula from CRPIX/CRVAL/CDELT/CROTA2 does (< 1e-5 px)', () => {
    for (const w of [aia, hmi]) {
      const f = w.fields;
      const rho = ((f.crota2 ?? 0) * Math.PI) / 180;
      // Sun centre at (0, 0): intermediate offset −CRVAL, rotated back by −ρ, divided by CDELT.
      const [u, v] = [-(f.crval1 ?? 0), -(f.crval2 ?? 0)];
      const dx = (Math.cos(rho) * u + Math.sin(rho) * v) / f.cdelt1;
      const dy = (-Math.sin(rho) * u + Math.cos(rho) * v) / f.cdelt2;
      const c = w.diskCentrePixel();
      expect(Math.abs(c.x - (f.crpix1 - 1 + dx))).toBeLessThan(1e-5);
      expect(Math.abs(c.y - (f.crpix2 - 1 + dy))).toBeLessThan(1e-5);
    }
  });

  it('finds the limb at RSUN_OBS within 0.01" in every direction', () => {
    for (const w of [aia, hmi]) {
      const c = w.diskCentrePixel();
      const rPix = w.limbRadiusPixels();
      expect(Math.abs(Math.atan(rPix * w.fields.cdelt1 * ARCSEC) / ARCSEC - w.rsunObsArcsec)).toBeLessThan(0.01);
      for (let k = 0; k < 16; k++) {
        const a = (k * Math.PI) / 8;
        // Bisect the on-disk / off-disk boundary along the ray from the centre.
        let lo = 0.9 * rPix;
        let hi = 1.1 * rPix;
        for (let it = 0; it < 60; it++) {
          const mid = (lo + hi) / 2;
          if (w.pixelToHeliocentric(c.x + mid * Math.cos(a), c.y + mid * Math.sin(a))) lo = mid;
          else hi = mid;
        }
        const hp = w.pixelToHelioprojective(c.x + lo * Math.cos(a), c.y + lo * Math.sin(a));
        expect(Math.abs(elongationArcsec(hp.txArcsec, hp.tyArcsec) - w.rsunObsArcsec)).toBeLessThan(0.01);
        expect(Math.abs(lo - rPix)).toBeLessThan(1e-3);
      }
    }
  });
});

describe('round trips', () => {
  it('pixel → Carrington → pixel within 1e-6 pixel on every on-disk pixel (AIA and HMI)', () => {
    for (const w of [aia, hmi]) {
      const pixels = onDiskPixels(w);
      expect(pixels.length).toBeGreaterThan(6000);
      for (const [x, y] of pixels) {
        const c = w.pixelToCarrington(x, y)!;
        const p = w.carringtonToPixel(c.lonDeg, c.latDeg);
        expect(p.visible).toBe(true);
        expect(Math.abs(p.x - x) + Math.abs(p.y - y)).toBeLessThan(1e-6);
        expect(p.mu).toBeCloseTo(c.mu, 9);
      }
    }
  });

  it('pixel ↔ helioprojective round trips off disk too', () => {
    for (const [x, y] of [[0, 0], [127, 0], [5.25, 90.5], [200, -30]]) {
      const hp = aia.pixelToHelioprojective(x, y);
      const p = aia.helioprojectiveToPixel(hp.txArcsec, hp.tyArcsec)!;
      expect(p.x).toBeCloseTo(x, 9);
      expect(p.y).toBeCloseTo(y, 9);
    }
    expect(aia.pixelToCarrington(0, 0)).toBeNull();
  });

  it('the hot-loop variants match the per-point methods', () => {
    const w = hmi;
    const lons = Float64Array.from({ length: 40 }, (_, i) => ((w.crlnObsDeg - 100 + i * 5) * Math.PI) / 180);
    const lats = Float64Array.from({ length: 25 }, (_, i) => ((-84 + i * 7) * Math.PI) / 180);
    const offsets = Float64Array.from(lats, (l) => 0.01 * Math.sin(3 * l));
    const n = lons.length * lats.length;
    const [gx, gy, gm] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    w.carringtonGridToPixelInto(lons, lats, gx, gy, gm, offsets);
    const [px, py, pm] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    const flatLon = new Float64Array(n);
    const flatLat = new Float64Array(n);
    let visible = 0;
    for (let r = 0; r < lats.length; r++)
      for (let c = 0; c < lons.length; c++) {
        const k = r * lons.length + c;
        flatLon[k] = lons[c] + offsets[r];
        flatLat[k] = lats[r];
        const p = w.carringtonToPixel((flatLon[k] * 180) / Math.PI, (lats[r] * 180) / Math.PI);
        expect(gm[k]).toBeCloseTo(p.mu, 12);
        if (p.visible) {
          visible++;
          expect(gx[k]).toBeCloseTo(p.x, 8);
          expect(gy[k]).toBeCloseTo(p.y, 8);
        } else expect(gx[k]).toBeNaN();
      }
    expect(visible).toBeGreaterThan(300);
    w.carringtonToPixelInto(flatLon, flatLat, px, py, pm);
    for (let k = 0; k < n; k++) {
      if (Number.isNaN(gx[k])) expect(px[k]).toBeNaN();
      else expect(Math.abs(px[k] - gx[k])).toBeLessThan(1e-4); // float32 output
    }

    const W = 100;
    const [lon, lat, mu] = [new Float64Array(W * W), new Float64Array(W * W), new Float64Array(W * W)];
    w.pixelsToCarringtonInto(W, W, lon, lat, mu);
    for (let y = 0; y < W; y += 3)
      for (let x = 0; x < W; x += 3) {
        const c = w.pixelToCarrington(x, y);
        const k = y * W + x;
        if (!c) expect(lon[k]).toBeNaN();
        else {
          expect(separationDeg((lon[k] * 180) / Math.PI, (lat[k] * 180) / Math.PI, c.lonDeg, c.latDeg)).toBeLessThan(1e-8);
          expect(mu[k]).toBeCloseTo(c.mu, 8);
        }
      }
  });
});

describe('geometry of synthetic observers', () => {
  const fields: SolarImageWcsFields = {
    crpix1: 512.5, crpix2: 512.5, cdelt1: 2.4, cdelt2: 2.4, dsunM: 1.496e11, crlnObsDeg: 120, crltObsDeg: 0,
  };

  it('CROTA2 = 180° mirrors the image through its centre (HMI orientation)', () => {
    const up = new SolarImageWcs(fields);
    const down = new SolarImageWcs({ ...fields, crota2: 180 });
    for (const [lon, lat] of [[120, 0], [150, 30], [80, -45], [170, 60]]) {
      const a = up.carringtonToPixel(lon, lat);
      const b = down.carringtonToPixel(lon, lat);
      expect(b.x).toBeCloseTo(1023 - a.x, 8);
      expect(b.y).toBeCloseTo(1023 - a.y, 8);
      // Solar north is up (larger y) at 0°, down at 180°.
    }
    expect(up.carringtonToPixel(120, 60).y).toBeGreaterThan(511.5);
    expect(down.carringtonToPixel(120, 60).y).toBeLessThan(511.5);
  });

  it('a PC matrix equal to the CROTA2 rotation gives the same mapping', () => {
    const rho = (30 * Math.PI) / 180;
    const a = new SolarImageWcs({ ...fields, crota2: 30 });
    const b = new SolarImageWcs({ ...fields, pc: [[Math.cos(rho), -Math.sin(rho)], [Math.sin(rho), Math.cos(rho)]] });
    const p = a.carringtonToPixel(140, 20);
    const q = b.carringtonToPixel(140, 20);
    expect(q.x).toBeCloseTo(p.x, 9);
    expect(q.y).toBeCloseTo(p.y, 9);
  });

  it('sees points up to acos(R/D) from the sub-observer point (finite distance), with μ = 1 at disk centre', () => {
    const w = new SolarImageWcs(fields);
    const horizon = (Math.acos(696e6 / 1.496e11) * 180) / Math.PI; // 89.733°
    expect(w.carringtonToPixel(120, 0)).toMatchObject({ visible: true });
    expect(w.carringtonToPixel(120, 0).mu).toBeCloseTo(1, 12);
    expect(w.carringtonToPixel(120 + horizon - 0.01, 0).visible).toBe(true);
    expect(w.carringtonToPixel(120 + horizon + 0.01, 0).visible).toBe(false);
    expect(w.carringtonToPixel(120 - horizon - 0.01, 0).visible).toBe(false);
    expect(w.carringtonToPixel(120, horizon - 0.01).visible).toBe(true);
    expect(w.carringtonToPixel(300, 0).visible).toBe(false);
    const c = w.diskCentrePixel();
    expect(c.x).toBeCloseTo(511.5, 9);
    expect(w.pixelToCarrington(c.x, c.y)).toMatchObject({ lonDeg: expect.closeTo(120, 9), latDeg: expect.closeTo(0, 9) });
  });

  it('writes FITS cards that read back to the same geometry', () => {
    const w = new SolarImageWcs({ ...fields, crota2: 179.93, crval1: 3.5, crval2: -2, crltObsDeg: -7.2, hglnObsDeg: 0.01, timeMs: Date.parse('2014-03-01T00:00:50Z') });
    const back = SolarImageWcs.fromHeader(headerView(Object.fromEntries(w.fitsCards().map((c) => [c.key, c.value]))));
    for (const [lon, lat] of [[120, -7], [160, 40], [70, -50]]) {
      const a = w.carringtonToPixel(lon, lat);
      const b = back.carringtonToPixel(lon, lat);
      expect(b.x).toBeCloseTo(a.x, 6);
      expect(b.y).toBeCloseTo(a.y, 6);
    }
    expect(back.timeMs).toBe(w.timeMs);
  });
});

interface SunpyPixels {
  tx: number[];
  ty: number[];
  hgsLon: (number | null)[];
  hgsLat: (number | null)[];
  hgcLon: (number | null)[];
  hgcLat: (number | null)[];
  obsHgln: number;
  obsHglt: number;
  obsCrln: number;
  centre: [number, number];
}

describe('independent check with sunpy 4.1 (Map.pixel_to_world → HeliographicCarrington)', () => {
  let aiaPixels: [number, number][];
  let hmiPixels: [number, number][];
  let ref: Record<string, SunpyPixels>;

  beforeAll(() => {
    // Every 5th on-disk pixel away from the limb (μ > 0.05: no pixel straddles the limb in either code).
    aiaPixels = onDiskPixels(aia, 0.05).filter((_, i) => i % 5 === 0);
    hmiPixels = onDiskPixels(hmi, 0.05).filter((_, i) => i % 5 === 0);
    const job = (path: string, pixels: [number, number][]) => ({ path, x: pixels.map((p) => p[0]), y: pixels.map((p) => p[1]) });
    ref = runPython<Record<string, SunpyPixels>>(
      `
import json, sys, warnings
warnings.simplefilter('ignore')
import numpy as np
import astropy.units as u
from astropy.coordinates import SkyCoord
import sunpy.map
from sunpy.coordinates import HeliographicCarrington, HeliographicStonyhurst

def clean(a):
    return [None if not np.isfinite(v) else float(v) for v in np.atleast_1d(a)]

def run(m, job):
    c = m.pixel_to_world(np.array(job['x']) * u.pix, np.array(job['y']) * u.pix)
    hgs = c.transform_to(HeliographicStonyhurst(obstime=m.date))
    hgc = c.transform_to(HeliographicCarrington(observer=m.observer_coordinate, obstime=m.date))
    obs = m.observer_coordinate
    obs_hgc = obs.transform_to(HeliographicCarrington(observer='self', obstime=m.date))
    centre = m.world_to_pixel(SkyCoord(0 * u.arcsec, 0 * u.arcsec, frame=m.coordinate_frame))
    return dict(tx=clean(c.Tx.to_value('arcsec')), ty=clean(c.Ty.to_value('arcsec')),
                hgsLon=clean(hgs.lon.to_value('deg')), hgsLat=clean(hgs.lat.to_value('deg')),
                hgcLon=clean(hgc.lon.to_value('deg')), hgcLat=clean(hgc.lat.to_value('deg')),
                obsHgln=float(obs.lon.to_value('deg')), obsHglt=float(obs.lat.to_value('deg')),
                obsCrln=float(obs_hgc.lon.to_value('deg')), centre=[float(centre.x.value), float(centre.y.value)])

q = json.load(sys.stdin)
out = {}
aia = sunpy.map.Map(q['aia']['path'])
out['aiaDefault'] = run(aia, q['aia'])
meta = aia.meta.copy()
for k in ('haex_obs', 'haey_obs', 'haez_obs'):
    meta.pop(k)
out['aiaHgs'] = run(sunpy.map.Map(aia.data, meta), q['aia'])
for k in ('hgln_obs', 'hglt_obs'):
    meta.pop(k)
out['aiaCrln'] = run(sunpy.map.Map(aia.data, meta), q['aia'])
out['hmi'] = run(sunpy.map.Map(q['hmi']['path']), q['hmi'])
print(json.dumps(out))
`,
      { aia: job(AIA_PATH, aiaPixels), hmi: job(HMI_PATH, hmiPixels) },
    ).result;
  }, 60_000);

  it('helioprojective coordinates and the disk centre agree with astropy/wcslib to 1e-8" and 1e-8 px', () => {
    for (const [w, pixels, r] of [[aia, aiaPixels, ref.aiaDefault], [hmi, hmiPixels, ref.hmi]] as const) {
      pixels.forEach(([x, y], i) => {
        const hp = w.pixelToHelioprojective(x, y);
        expect(Math.abs(hp.txArcsec - r.tx[i])).toBeLessThan(1e-8);
        expect(Math.abs(hp.tyArcsec - r.ty[i])).toBeLessThan(1e-8);
      });
      const c = w.diskCentrePixel();
      expect(Math.abs(c.x - r.centre[0])).toBeLessThan(1e-8);
      expect(Math.abs(c.y - r.centre[1])).toBeLessThan(1e-8);
    }
  });

  it('with the observer from CRLN_OBS/CRLT_OBS/DSUN_OBS, Carrington positions agree to 1e-8° (AIA and HMI)', () => {
    // The HMI header has no HGLN_OBS, so sunpy takes the observer from CRLN_OBS/CRLT_OBS; for AIA
    // the HAE and HGLN/HGLT keywords were removed to make sunpy do the same. Both codes then place
    // the observer at the header's Carrington position and solve the same sphere intersection.
    for (const [w, pixels, r] of [[aia, aiaPixels, ref.aiaCrln], [hmi, hmiPixels, ref.hmi]] as const) {
      expect(r.obsCrln).toBeCloseTo(w.crlnObsDeg, 9);
      pixels.forEach(([x, y], i) => {
        const c = w.pixelToCarrington(x, y)!;
        expect(separationDeg(c.lonDeg, c.latDeg, r.hgcLon[i]!, r.hgcLat[i]!)).toBeLessThan(1e-8);
      });
    }
  });

  it('with the observer from HGLN_OBS/HGLT_OBS, Stonyhurst agrees to 1e-8° and Carrington differs by the constant JSOC − SunPy CRLN_OBS offset', () => {
    const r = ref.aiaHgs;
    expect(r.obsHgln).toBeCloseTo(0, 12);
    expect(r.obsHglt).toBeCloseTo(aia.crltObsDeg, 12);
    // SunPy computes the observer's Carrington longitude from its own ephemeris (IAU, light time);
    // JSOC's CRLN_OBS is 0.066° larger here (SCIENCE.md §5.2, sunpy issues #2224/#3038/#3057).
    const offset = aia.crlnObsDeg - r.obsCrln;
    expect(offset).toBeGreaterThan(0.05);
    expect(offset).toBeLessThan(0.09);
    // The same offset from our own ephemeris, within its 0.0005° accuracy.
    const ours = observerCarrington(aia.timeMs!, { hglnDeg: 0, hgltDeg: aia.crltObsDeg, distanceM: aia.dsunM }).crlnDeg;
    expect(Math.abs(dLon(ours, r.obsCrln))).toBeLessThan(0.001);
    aiaPixels.forEach(([x, y], i) => {
      const s = aia.pixelToStonyhurst(x, y)!;
      expect(separationDeg(s.lonDeg, s.latDeg, r.hgsLon[i]!, r.hgsLat[i]!)).toBeLessThan(1e-8);
      const c = aia.pixelToCarrington(x, y)!;
      expect(separationDeg(c.lonDeg - offset, c.latDeg, r.hgcLon[i]!, r.hgcLat[i]!)).toBeLessThan(1e-8);
    });
  });

  it("sunpy's default AIA observer (HAE keywords) differs by the header-vs-HAE observer position only", () => {
    // sunpy's AIAMap prefers HAEX/Y/Z_OBS over HGLN/HGLT_OBS ("accuracy concerns"): that observer is
    // at HGLN −0.0131°, HGLT −6.8219° instead of the header's 0°, −6.8205°. Latitudes then differ by
    // up to the 0.0014° B0 difference, and once the constant longitude offset (JSOC/SunPy CRLN_OBS
    // difference, here including the −0.0131° HGLN shift) is removed, points agree within 0.0014°.
    const r = ref.aiaDefault;
    expect(Math.abs(r.obsHglt - aia.crltObsDeg)).toBeLessThan(0.002);
    expect(Math.abs(r.obsHgln)).toBeLessThan(0.02);
    const offset = aia.crlnObsDeg - r.obsCrln;
    let worst = 0;
    aiaPixels.forEach(([x, y], i) => {
      const c = aia.pixelToCarrington(x, y)!;
      worst = Math.max(worst, separationDeg(c.lonDeg - offset, c.latDeg, r.hgcLon[i]!, r.hgcLat[i]!));
    });
    expect(worst).toBeLessThan(0.002);
  });
});
