/**
 * The Query page of each product against the fixture catalogue: a query over a range returns
 * exactly the maps the catalogue holds (ids and order), the plot shows the values that HAPI
 * serves for the same dataset and range (fill as gaps), the shared link restores the query, and
 * paging walks through long results.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { productById } from '../../products/src/definitions/index.ts';
import type { ProductId } from '../../products/src/definitions/types.ts';
import { fixtureRecords } from '../fixtures/run.ts';
import { PortalPage } from '../page-objects/portal-page.ts';

const RANGE = { start: '2026-03-09T00:00:00Z', stop: '2026-03-11T00:00:00Z' };

interface Case {
  product: ProductId;
  search: string;
  /** Which fixture records the query must return. */
  matches: (r: { product: string; parameter: string; dataType?: string; harpnum?: number }) => boolean;
  /** The HAPI dataset and parameter plotted. */
  dataset: string;
  plot: string;
}

const CASES: Case[] = [
  {
    product: 'synoptic-photosphere',
    search: `?start=${RANGE.start}&stop=${RANGE.stop}&parameter=hmi.m_720s&plot=polar_field_north`,
    matches: (r) => r.product === 'synoptic-photosphere' && r.parameter === 'hmi.m_720s',
    dataset: 'photo_br_indices',
    plot: 'polar_field_north',
  },
  {
    product: 'synoptic-euv',
    search: `?start=${RANGE.start}&stop=${RANGE.stop}&parameter=171`,
    matches: (r) => r.product === 'synoptic-euv' && r.parameter === '171',
    dataset: 'euv171_indices',
    plot: 'disk_radiance',
  },
  {
    product: 'dem',
    search: `?start=${RANGE.start}&stop=${RANGE.stop}&data_type=nrt&plot=median_tc`,
    matches: (r) => r.product === 'dem',
    dataset: 'dem_indices',
    plot: 'median_tc',
  },
  {
    product: 'currents',
    search: `?start=${RANGE.start}&stop=${RANGE.stop}&data_type=nrt&harpnum=7002`,
    matches: (r) => r.product === 'currents' && r.dataType === 'nrt' && r.harpnum === 7002,
    dataset: 'currents_nrt_harp7002',
    plot: 'TOTUSJZ',
  },
];

/** The HAPI values of one parameter over the range, as the specification's CSV gives them. */
async function hapiValues(request: APIRequestContext, dataset: string, parameter: string): Promise<{ times: number[]; values: (number | null)[] }> {
  const info = await (await request.get(`/hapi/info?dataset=${dataset}`)).json();
  const start = Math.max(Date.parse(RANGE.start), Date.parse(info.startDate));
  const stop = Math.min(Date.parse(RANGE.stop), Date.parse(info.stopDate));
  const url = `/hapi/data?dataset=${dataset}&parameters=${parameter}&start=${new Date(start).toISOString()}&stop=${new Date(stop).toISOString()}`;
  const res = await request.get(url);
  expect(res.status()).toBe(200);
  const fill = info.parameters.find((p: { name: string }) => p.name === parameter).fill;
  const rows = (await res.text()).trim().split('\n').map((l) => l.split(','));
  return {
    times: rows.map((r) => Date.parse(r[0]) / 1000),
    values: rows.map((r) => (r[1] === fill || r[1] === 'NaN' || r[1] === '' ? null : Number(r[1]))),
  };
}

for (const c of CASES) {
  test(`${c.product} query: rows, HAPI plot and shareable link`, async ({ page, request }) => {
    const portal = new PortalPage(page);
    const root = await portal.open(c.product, 'query', c.search);

    const expected = fixtureRecords()
      .filter(c.matches)
      .sort((a, b) => b.timeMs - a.timeMs || b.id - a.id);
    const rows = root.locator('swe-records-table tbody tr');
    await expect(rows).toHaveCount(expected.length);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.recordId)));
    expect(new Set(ids)).toEqual(new Set(expected.map((r) => r.id)));
    await expect(root.locator('swe-records-table [data-total]')).toHaveAttribute('data-total', String(expected.length));
    // Every row has a thumbnail that loaded and FITS/PNG downloads.
    const thumbs = root.locator('swe-records-table img');
    await expect(thumbs).toHaveCount(expected.length);
    for (const img of await thumbs.all()) expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await expect(rows.first().getByRole('link', { name: /FITS/ })).toHaveAttribute('href', /\.fits$/);

    // The plot holds exactly what HAPI serves.
    await expect(root.locator('h2#plot-heading')).toContainText(c.dataset);
    const plot = root.locator('swe-timeseries');
    await expect(plot).toHaveAttribute('data-ready', 'true');
    const plotted = await plot.evaluate((el) => (el as unknown as { columns: { times: number[]; series: { name: string; values: (number | null)[] }[] } }).columns);
    const truth = await hapiValues(request, c.dataset, c.plot);
    expect(plotted.series[0].name).toBe(c.plot);
    expect(plotted.times).toEqual(truth.times);
    expect(plotted.series[0].values).toEqual(truth.values);
    expect(truth.values.length).toBeGreaterThan(0);
    expect(await plot.locator('canvas').count()).toBeGreaterThan(0);

    // The exact requests are shown; the shared link restores the same query.
    const link = await root.locator('swe-copy-field[label="Link to this query"] pre').textContent();
    const hapiShown = await root.locator('swe-copy-field[label="HAPI data request (CSV)"] pre').textContent();
    expect(hapiShown).toContain(`dataset=${c.dataset}`);
    await root.locator('swe-copy-field[label="curl"] pre').textContent().then((t) => expect(t).toMatch(/^curl -sS '/));
    await page.goto('about:blank');
    await page.goto(link!);
    const restored = await portal.ready('query');
    await expect(restored.locator('swe-records-table tbody tr')).toHaveCount(expected.length);
    await expect(restored.locator('input[name="start"]')).toHaveValue('2026-03-09 00:00');
    await expect(restored.locator('input[name="stop"]')).toHaveValue('2026-03-11 00:00');
    expect(portal.errors).toEqual([]);
  });
}

test('the query form searches, and paging walks through long results', async ({ page }) => {
  const portal = new PortalPage(page);
  const root = await portal.open('synoptic-euv', 'query', `?start=${RANGE.start}&stop=${RANGE.stop}&parameter=`);
  const all = fixtureRecords().filter((r) => r.product === 'synoptic-euv');
  expect(all.length).toBeGreaterThan(20);
  const rows = root.locator('swe-records-table tbody tr');
  await expect(rows).toHaveCount(20);
  await root.getByRole('button', { name: 'Next page' }).click();
  await portal.ready('query');
  await expect(page).toHaveURL(/page=1/);
  await expect(rows).toHaveCount(all.length - 20);

  // A narrower range through the form: only the 12:00 maps of 304.
  await root.locator('input[name="start"]').fill('2026-03-10 12:00');
  await root.locator('input[name="stop"]').fill('2026-03-10 12:01');
  await root.locator('select[name="parameter"]').selectOption('304');
  await root.getByRole('button', { name: 'Search' }).click();
  await portal.ready('query');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(productById('synoptic-euv')!.channels.find((ch) => ch.id === '304')!.label);
  await expect(page).toHaveURL(/parameter=304/);

  // A bad range is refused with a message, not sent.
  await root.locator('input[name="stop"]').fill('2026-03-01 00:00');
  await root.getByRole('button', { name: 'Search' }).click();
  await expect(root.locator('[role="alert"]')).toContainText('start must be before the stop');
  expect(portal.errors).toEqual([]);
});
