/**
 * Which synoptic maps the planner asks for, from input rows alone (no pixels): reference times on
 * the cadence plus the forecast slot, images thinned to one an hour, separate nrt and definitive
 * maps, and no map without an image near its reference time.
 */
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../catalogue/catalogue.ts';
import { MAX_NEAREST_MS, selectImages, synopticPhotospherePlanner } from './synoptic.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 10, 13);

function addImage(c: Catalogue, timeMs: number, dataType: 'nrt' | 'sci', channel = 'hmi.m_720s'): void {
  c.upsertInputFile({
    path: `hmi/${channel}.${dataType}.${timeMs}.fits`,
    sha256: `${channel}${dataType}${timeMs}`.padEnd(64, '0'),
    bytes: 1,
    mtimeMs: 0,
    kind: 'hmi',
    channel,
    dataType,
    timeMs,
    harpnum: null,
    noaaArs: [],
    status: 'ok',
    reason: null,
    discoveredMs: NOW,
    meta: {},
  });
}

const plan = (c: Catalogue) => synopticPhotospherePlanner.plan({ catalogue: c, nowMs: NOW }, NOW - DAY, NOW + 1).filter((j) => j.label.includes('hmi.m_720s'));

describe('synoptic planner', () => {
  it('plans the reference times of the range and the forecast ahead, from nrt images', () => {
    const c = Catalogue.open(':memory:');
    for (let t = NOW - 30 * HOUR; t <= NOW - HOUR; t += 720_000) addImage(c, t, 'nrt');
    const labels = plan(c).map((j) => j.label.replace(/ \(\d+ images\)/, ''));
    expect(labels).toEqual([
      'synoptic-photosphere hmi.m_720s temporary 2026-03-09T18:00:00Z',
      'synoptic-photosphere hmi.m_720s temporary 2026-03-10T00:00:00Z',
      'synoptic-photosphere hmi.m_720s temporary 2026-03-10T06:00:00Z',
      'synoptic-photosphere hmi.m_720s nowcast 2026-03-10T12:00:00Z',
      'synoptic-photosphere hmi.m_720s forecast 2026-03-10T18:00:00Z',
    ]);
    c.close();
  });

  it('makes no archived map from definitive images far from the reference time', () => {
    const c = Catalogue.open(':memory:');
    addImage(c, NOW - 4 * DAY, 'sci');
    expect(plan(c)).toEqual([]);
    addImage(c, Date.UTC(2026, 2, 10, 6) - MAX_NEAREST_MS + HOUR, 'sci');
    const archived = plan(c).filter((j) => j.label.includes('archived'));
    expect(archived.map((j) => j.timeMs)).toContain(Date.UTC(2026, 2, 10, 6));
    c.close();
  });

  it('keeps one image per hour, within the window, never after now', () => {
    const files = [0, 10, 20, 61, 125, 24 * 60 * 30].map((min, i) => ({ timeMs: NOW - 3 * HOUR + min * 60_000, path: `f${i}` }));
    const picked = selectImages(files as never, NOW - 2 * HOUR, 18 * DAY, NOW);
    expect(picked.map((f) => f.path)).toEqual(['f0', 'f3', 'f4']);
  });
});
