/**
 * The worker fed only the real HARP 377 SHARP files (plus damaged and foreign files): discovery
 * classifies the segments and quarantines the rest with a reason; production makes one currents
 * map, idempotently; and the running service's HAPI per-HARP dataset serves the SHARP keywords
 * that the HMI pipeline wrote into the segment headers (SCIENCE.md 4.4 tolerances) — the external
 * reference, not our own earlier output.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFitsFile, writeFits } from '../../../products/src/fits/index.ts';
import { createApp } from '../app.ts';
import { Catalogue } from '../catalogue/catalogue.ts';
import { loadConfig, type Config } from '../config.ts';
import { createLogger } from '../http/logger.ts';
import { discoverInputs } from './discovery.ts';
import { Production } from './production.ts';

const SHARP_DIR = path.resolve('../shared/data/sdo/sharp-377');
const STEM = 'hmi.sharp_cea_720s.377.20110215_020000_TAI';
const T_REC_MS = Date.UTC(2011, 1, 15, 2, 0, 0) - 34_000; // 02:00:00 TAI = 01:59:26 UTC (TAI - UTC = 34 s)
const DAY = 86_400_000;

describe('worker on the real HARP 377 files', () => {
  let dir: string;
  let config: Config;
  let catalogue: Catalogue;
  const logger = createLogger('silent');
  const now = () => Date.UTC(2011, 1, 16);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-harp377-'));
    config = loadConfig({ DATA_DIR: dir, BASE_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent', SIMULATOR: 'off', WORKER: 'off' });
    for (const d of [config.inputDir, config.productsDir]) fs.mkdirSync(d, { recursive: true });
    // Any folder layout: segments spread over two folders.
    fs.mkdirSync(path.join(config.inputDir, 'a/b'), { recursive: true });
    fs.mkdirSync(path.join(config.inputDir, 'c'), { recursive: true });
    for (const [i, f] of fs.readdirSync(SHARP_DIR).entries()) fs.copyFileSync(path.join(SHARP_DIR, f), path.join(config.inputDir, i % 2 ? 'a/b' : 'c', f));
    // Damaged and foreign files.
    const br = fs.readFileSync(path.join(SHARP_DIR, `${STEM}.Br.fits`));
    fs.writeFileSync(path.join(config.inputDir, 'c', 'hmi.sharp_cea_720s.377.20110215_021200_TAI.Br.fits'), br.subarray(0, br.length - 5000));
    fs.writeFileSync(path.join(config.inputDir, 'c', 'notes.fits'), 'this is not FITS at all, only text that is long enough '.repeat(100));
    fs.writeFileSync(path.join(config.inputDir, 'c', 'other.fits'), writeFits([{ data: new Float32Array(4), shape: [2, 2], bitpix: -32, cards: [{ key: 'TELESCOP', value: 'SOHO' }] }]));
    fs.writeFileSync(path.join(config.inputDir, 'c', `${STEM}.Br.fits.partial-123-abcd`), br.subarray(0, 2880));
    catalogue = Catalogue.open(config.databasePath);
  });
  afterAll(() => {
    catalogue.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('classifies the ten segments and quarantines the truncated, the non-FITS and the foreign file with reasons', async () => {
    const result = await discoverInputs(config.inputDir, catalogue, logger, now());
    expect(result).toEqual({ added: 10, quarantined: 3, unchanged: 0 });
    const usable = catalogue.inputFiles({ kind: 'sharp', startMs: 0, stopMs: now() });
    expect(usable.map((f) => f.channel).sort()).toEqual(['Bp', 'Bp_err', 'Br', 'Br_err', 'Bt', 'Bt_err', 'bitmap', 'conf_disambig', 'continuum', 'magnetogram']);
    for (const f of usable) {
      expect(f).toMatchObject({ dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: T_REC_MS });
    }
    const reasons = Object.fromEntries(catalogue.quarantinedInputs().map((f) => [path.basename(f.path), f.reason]));
    expect(reasons['hmi.sharp_cea_720s.377.20110215_021200_TAI.Br.fits']).toMatch(/truncated/);
    expect(reasons['notes.fits']).toMatch(/not a FITS file/);
    expect(reasons['other.fits']).toMatch(/not an SDO AIA, HMI or SHARP file \(TELESCOP 'SOHO'/);
    // A second scan reads nothing again.
    expect(await discoverInputs(config.inputDir, catalogue, logger, now())).toEqual({ added: 0, quarantined: 0, unchanged: 13 });
  });

  it('makes one currents map, once, whose HAPI values are the SHARP keywords of the headers', async () => {
    const production = new Production({ config, catalogue, logger, now });
    const first = await production.produce(now() - 3 * DAY, now());
    expect(first).toEqual({ planned: 1, made: 1, existing: 0, failed: 0 });
    expect(await production.produce(now() - 3 * DAY, now())).toEqual({ planned: 0, made: 0, existing: 0, failed: 0 });

    const [record] = catalogue.findRecords({ product: 'currents' });
    expect(record).toMatchObject({ parameter: 'jr', dataType: 'sci', harpnum: 377, noaaArs: [11158], timeMs: T_REC_MS, version: 1 });
    expect(catalogue.getRecord(record.id)!.inputs).toHaveLength(8);
    for (const f of record.files) expect(fs.statSync(path.join(config.productsDir, f.path)).size).toBe(f.bytes);

    const app = createApp({ config, catalogue, logger, now });
    const info = await (await app.request('/hapi/info?dataset=currents_sci_harp377')).json();
    const names: string[] = info.parameters.map((p: { name: string }) => p.name);
    const csv = await (await app.request(`/hapi/data?dataset=currents_sci_harp377&start=2011-02-15T00:00Z&stop=2011-02-16T00:00Z`)).text();
    const rows = csv.trim().split('\n');
    expect(rows).toHaveLength(1);
    const cells = rows[0].split(',');
    expect(cells[0]).toBe('2011-02-15T01:59:26.000Z');
    const header = (await readFitsFile(path.join(SHARP_DIR, `${STEM}.Br.fits`), { headersOnly: true })).hdus[1].header;
    for (const [name, tolerance] of [['TOTUSJZ', 1e-6], ['MEANJZD', 1e-6], ['ERRJZ', 1e-6], ['SAVNCPP', 1e-6], ['TOTUSJH', 1e-6], ['ABSNJZH', 1e-6], ['MEANJZH', 1e-6]] as const) {
      const served = Number(cells[names.indexOf(name)]);
      expect(Math.abs(served / header.number(name)! - 1), name).toBeLessThanOrEqual(tolerance);
    }
    // The listed files download.
    const fitsUrl = cells.find((c) => c.endsWith('.fits'))!;
    const res = await app.request(new URL(fitsUrl).pathname);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 9).toString()).toBe('SIMPLE  =');
  });

  it('quarantines an input that a pipeline rejects and keeps going', async () => {
    // The same segments as a near-real-time set whose bitmap belongs to another patch size.
    const nrt = path.join(config.inputDir, 'nrt');
    fs.mkdirSync(nrt);
    for (const f of fs.readdirSync(SHARP_DIR)) {
      const target = path.join(nrt, f.replace('hmi.sharp_cea_720s.377.', 'hmi.sharp_cea_720s_nrt.7115.'));
      if (f.endsWith('.bitmap.fits')) {
        fs.writeFileSync(
          target,
          writeFits([
            { cards: [] },
            {
              data: new Int16Array(10 * 10),
              shape: [10, 10],
              bitpix: 16,
              cards: [
                { key: 'TELESCOP', value: 'SDO/HMI' },
                { key: 'HARPNUM', value: 377 },
                { key: 'T_REC', value: '2011.02.15_02:00:00_TAI' },
              ],
            },
          ]),
        );
      } else {
        fs.copyFileSync(path.join(SHARP_DIR, f), target);
      }
    }
    await discoverInputs(config.inputDir, catalogue, logger, now());
    const production = new Production({ config, catalogue, logger, now });
    // The copies keep HARPNUM 377 in their headers (the header wins over the name): HARP 377 nrt.
    const summary = await production.produce(now() - 3 * DAY, now());
    expect(summary).toEqual({ planned: 1, made: 0, existing: 0, failed: 1 });
    const bitmap = catalogue.quarantinedInputs().find((f) => f.path.endsWith('nrt/hmi.sharp_cea_720s_nrt.7115.20110215_020000_TAI.bitmap.fits'));
    expect(bitmap?.reason).toMatch(/bitmap/);
    // Quarantined: not planned again, and the service still answers.
    expect(production.plan(now() - 3 * DAY, now())).toEqual([]);
    expect(catalogue.findRecords({ product: 'currents' })).toHaveLength(1);
  });
});
