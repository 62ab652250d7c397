import { describe, expect, it } from 'vitest';
import { productById } from '../../../products/src/definitions/index.ts';
import { defaultQueryState, parseQueryState, queryStateToSearch, recordsApiUrl } from './url-state.ts';

const euv = productById('synoptic-euv')!;
const currents = productById('currents')!;
const dem = productById('dem')!;
const now = Date.UTC(2026, 10, 25, 12, 30);

describe('query URL state', () => {
  it('defaults to 48 cadences (1 to 7 days) ending at the next full hour', () => {
    const s = defaultQueryState(euv, now);
    expect(s.stopMs).toBe(Date.UTC(2026, 10, 25, 13));
    expect(s.stopMs - s.startMs).toBe(7 * 86_400_000);
    expect(s.parameter).toBe('94');
    const d = defaultQueryState(dem, now);
    expect(d.stopMs - d.startMs).toBe(86_400_000);
    expect(d.parameter).toBeUndefined();
  });

  it('round-trips through the URL', () => {
    const state = { startMs: Date.UTC(2026, 10, 20), stopMs: Date.UTC(2026, 10, 22, 6), parameter: '171', version: 'archived', page: 2, plot: 'disk_radiance' };
    const search = queryStateToSearch(state, euv);
    expect(search).toBe('?start=2026-11-20T00:00:00Z&stop=2026-11-22T06:00:00Z&parameter=171&map_type=archived&page=2&plot=disk_radiance');
    expect(parseQueryState(search, euv, now)).toEqual({ state, ignored: [] });
  });

  it('keeps HARP and NOAA filters for currents only', () => {
    const search = '?start=2026-11-24T00:00Z&stop=2026-11-25T00:00Z&data_type=sci&harpnum=377&noaa=11158';
    const { state, ignored } = parseQueryState(search, currents, now);
    expect(ignored).toEqual([]);
    expect([state.version, state.harpnum, state.noaa]).toEqual(['sci', 377, 11158]);
    expect(parseQueryState(search, dem, now).state.harpnum).toBeUndefined();
  });

  it('ignores bad values and says which', () => {
    const { state, ignored } = parseQueryState('?start=2026-13-01&stop=2026-11-25&parameter=999&map_type=latest&page=-1', euv, now);
    expect(ignored.sort()).toEqual(['map_type', 'page', 'parameter', 'start']);
    expect(state.stopMs).toBe(Date.UTC(2026, 10, 25));
    expect(state.startMs).toBeLessThan(state.stopMs);
    expect(state.page).toBe(0);
    expect(parseQueryState('?start=2026-11-25&stop=2026-11-24', euv, now).ignored).toEqual(['start', 'stop']);
  });

  it('"parameter=" (empty) means all channels', () => {
    expect(parseQueryState('?parameter=', euv, now).state.parameter).toBeUndefined();
  });

  it('builds the API search URL with paging', () => {
    const state = { startMs: Date.UTC(2026, 10, 24), stopMs: Date.UTC(2026, 10, 25), version: 'sci', harpnum: 377, page: 1 };
    expect(recordsApiUrl('/api', currents, state, 20)).toBe(
      '/api/products/currents/records?start=2026-11-24T00:00:00Z&stop=2026-11-25T00:00:00Z&data_type=sci&harpnum=377&limit=20&offset=20',
    );
  });
});
