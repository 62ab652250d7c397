/**
 * The Latest page of each product against the fixture catalogue: the newest map is drawn with its
 * time, age and colour bar; the hover readout gives the value stored in the FITS file at the
 * pixel under the pointer (read independently with our FITS reader); switching the
 * parameter/channel redraws a different map; product-specific parts (late feed, DEM rules,
 * HARP list, sphere view, data-age layer).
 */
import { expect, test } from '@playwright/test';
import { productById } from '../../products/src/definitions/index.ts';
import type { ProductId } from '../../products/src/definitions/types.ts';
import { fitsValue, newest } from '../fixtures/run.ts';
import { LatestPage } from '../page-objects/latest-page.ts';
import { PortalPage } from '../page-objects/portal-page.ts';

interface Case {
  product: ProductId;
  /** The channel shown first and its main plane's EXTNAME. */
  parameter: string;
  extname: string;
  /** A switch that must change the map: select name, value, and the plane drawn afterwards. */
  switchTo: { select: 'parameter' | 'plane'; value: string; plane: string };
  /** Readout coordinates expected for this product. */
  coordinates: RegExp;
}

const CASES: Case[] = [
  { product: 'synoptic-photosphere', parameter: 'hmi.m_720s', extname: 'BR', switchTo: { select: 'parameter', value: 'hmi.ic_720s', plane: 'continuum' }, coordinates: /Carrington lon [\d.]+°, lat -?[\d.]+°/ },
  { product: 'synoptic-euv', parameter: '94', extname: 'RADIANCE', switchTo: { select: 'parameter', value: '171', plane: 'radiance' }, coordinates: /Carrington lon [\d.]+°, lat -?[\d.]+°/ },
  { product: 'dem', parameter: 'dem', extname: 'TC', switchTo: { select: 'plane', value: 'em', plane: 'em' }, coordinates: /helioprojective x -?[\d.]+″, y -?[\d.]+″/ },
  { product: 'currents', parameter: 'jr', extname: 'JR', switchTo: { select: 'plane', value: 'br', plane: 'br' }, coordinates: /Carrington lon [\d.]+°, lat -?[\d.]+°/ },
];

for (const c of CASES) {
  test.describe(`${c.product} latest`, () => {
    test('draws the newest map with its time, age and colour bar', async ({ page }) => {
      const portal = new PortalPage(page);
      const latest = new LatestPage(page);
      await portal.open(c.product, 'latest');
      await latest.waitForMap();
      const rec = newest((r) => r.product === c.product && r.parameter === c.parameter);
      await expect(latest.time).toHaveAttribute('data-time', new Date(rec.timeMs).toISOString().replace('.000Z', 'Z'));
      await expect(latest.time).toHaveText(`${new Date(rec.timeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
      await expect(latest.age).toContainText('old');
      const stats = await latest.canvasStats();
      expect(stats.painted).toBeGreaterThan(0.3);
      expect(stats.colours).toBeGreaterThan(20);
      const units = productById(c.product)!.channels.find((ch) => ch.id === c.parameter)!.planes[0].units;
      await expect(latest.colourBar).toHaveAttribute('data-ready', 'true');
      await expect(latest.colourBar).toContainText(units);
      expect(portal.errors).toEqual([]);
    });

    test('the hover readout shows the FITS value of the pixel under the pointer', async ({ page }) => {
      const portal = new PortalPage(page);
      const latest = new LatestPage(page);
      await portal.open(c.product, 'latest');
      await latest.waitForMap();
      const rec = newest((r) => r.product === c.product && r.parameter === c.parameter);
      for (const [fx, fy] of [
        [0.37, 0.41],
        [0.52, 0.55],
        [0.71, 0.3],
      ]) {
        const { expected, value, text } = await latest.hover(fx, fy, rec.width, rec.height);
        const truth = await fitsValue(rec, c.extname, expected.x, expected.y);
        if (Number.isNaN(truth)) expect(value).toBeNaN();
        else expect(value).toBe(truth);
        expect(text).toMatch(c.coordinates);
      }
      expect(portal.errors).toEqual([]);
    });

    test('switching the parameter or channel changes the map', async ({ page }) => {
      const portal = new PortalPage(page);
      const latest = new LatestPage(page);
      await portal.open(c.product, 'latest');
      await latest.waitForMap();
      const before = await latest.canvasStats();
      await latest.choose(c.switchTo.select, c.switchTo.value);
      await latest.waitForMap(c.switchTo.plane);
      if (c.switchTo.select === 'parameter') await expect(page).toHaveURL(new RegExp(`parameter=${c.switchTo.value.replace('.', '\\.')}`));
      const after = await latest.canvasStats();
      expect(after.checksum).not.toBe(before.checksum);
      expect(portal.errors).toEqual([]);
    });
  });
}

test('DEM: a late feed is flagged, and the display rules have a legend', async ({ page }) => {
  const portal = new PortalPage(page);
  const latest = new LatestPage(page);
  await portal.open('dem', 'latest');
  await latest.waitForMap('tc');
  await expect(latest.lateWarning).toContainText('Late feed');
  await expect(latest.colourBar).toContainText('grey scale');
  await expect(latest.colourBar).toContainText('fewer than 6 valid bands: white');
  // Pixels with 5 bands (the right strip of the synthetic disk) are white on the canvas.
  const white = await latest.canvas.evaluate((cv: HTMLCanvasElement) => {
    const ctx = cv.getContext('2d')!;
    const d = ctx.getImageData(Math.round(cv.width * 0.85), Math.round(cv.height * 0.5), 1, 1).data;
    return [...d];
  });
  expect(white).toEqual([255, 255, 255, 255]);
  expect(portal.errors).toEqual([]);
});

test('synoptic maps are not late when fresh, and the data-age layer and sphere view draw', async ({ page }) => {
  const portal = new PortalPage(page);
  const latest = new LatestPage(page);
  await portal.open('synoptic-euv', 'latest', '?parameter=171');
  await latest.waitForMap('radiance');
  await expect(latest.lateWarning).toHaveCount(0);
  await page.locator('swe-latest-page input[name="age"]').check();
  await expect(page.locator('swe-colour-bar')).toHaveCount(2);
  await expect(page.locator('swe-colour-bar').nth(1)).toContainText('Data age');
  await page.locator('swe-latest-page input[name="view"][value="sphere"]').check();
  const sphere = page.locator('swe-sphere');
  await expect(sphere).toHaveAttribute('data-ready', 'true');
  await expect(page).toHaveURL(/view=sphere/);
  const painted = await sphere.locator('canvas').evaluate((cv: HTMLCanvasElement) => {
    const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n / (d.length / 4);
  });
  // The disk covers pi/4 of the square canvas (minus the margin).
  expect(painted).toBeGreaterThan(0.65);
  await page.locator('swe-latest-page input[name="viewpoint"][value="custom"]').check();
  await page.locator('swe-latest-page input[name="lon"]').fill('90');
  await page.locator('swe-latest-page input[name="lon"]').press('Enter');
  await expect(sphere.locator('canvas')).toHaveAttribute('aria-label', /longitude 90\.0°/);
  await portal.screenshot('synoptic-euv-latest-sphere');
  expect(portal.errors).toEqual([]);
});

test('currents: the HARP list shows HARP, NOAA, data type and version, and selects a HARP', async ({ page }) => {
  const portal = new PortalPage(page);
  const latest = new LatestPage(page);
  await portal.open('currents', 'latest');
  await latest.waitForMap('jr');
  const rows = latest.harpList.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('7001');
  await expect(rows.nth(0)).toContainText('13001');
  await expect(rows.nth(1)).toContainText('13002, 13003');
  await expect(rows.nth(1)).toContainText('nrt');
  await rows.nth(0).getByRole('button').click();
  await latest.waitForMap('jr');
  await expect(page).toHaveURL(/harpnum=7001/);
  await expect(latest.root.locator('.status')).toContainText('HARP 7001 (NOAA 13001)');
  await expect(rows.nth(0).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  expect(portal.errors).toEqual([]);
});

test('the keyboard moves the readout cursor over the map', async ({ page }) => {
  const portal = new PortalPage(page);
  const latest = new LatestPage(page);
  await portal.open('synoptic-photosphere', 'latest');
  await latest.waitForMap('br');
  await latest.canvas.focus();
  const x0 = Number(await latest.readout.getAttribute('data-x'));
  await page.keyboard.press('ArrowRight');
  await expect(latest.readout).not.toHaveAttribute('data-x', String(x0));
  const rec = newest((r) => r.product === 'synoptic-photosphere' && r.parameter === 'hmi.m_720s');
  const x = Number(await latest.readout.getAttribute('data-x'));
  const y = Number(await latest.readout.getAttribute('data-y'));
  expect(Number(await latest.readout.getAttribute('data-value'))).toBe(await fitsValue(rec, 'BR', x, y));
  expect(portal.errors).toEqual([]);
});
