/**
 * Every page of every product: loads without console errors, shows the federated-product frame
 * with the configured texts, has no serious or critical axe-core violation, lets the keyboard reach
 * every control with a visible focus, and leaves a screenshot in e2e/artifacts/screenshots.
 */
import { expect, test } from '@playwright/test';
import { PRODUCTS } from '../../products/src/definitions/index.ts';
import { PortalPage, type PageName } from '../page-objects/portal-page.ts';

const PAGES: PageName[] = ['latest', 'query', 'help', 'related'];

for (const product of PRODUCTS) {
  for (const name of PAGES) {
    test(`${product.id} ${name}: frame, accessibility, keyboard, no console errors`, async ({ page }) => {
      const portal = new PortalPage(page);
      await portal.open(product.id, name);

      await expect(portal.frame.header).toContainText('Federated products from MEDOC');
      await expect(portal.frame.heading).toHaveText(product.title);
      await expect(portal.frame.nav.locator('a')).toHaveText(['Help', 'Related products', 'Latest', 'Query']);
      await expect(portal.frame.nav.locator('a[aria-current="page"]')).toHaveAttribute('href', `/portal/${product.id}/${name}`);
      await expect(portal.frame.footer).toContainText('4000128012/19/D/MRP');
      await expect(portal.frame.footer).toContainText('4000134036/21/D/MRP');
      await expect(portal.frame.footer).toContainText('helpdesk.swe@ssa.esa.int');
      await expect(portal.frame.footer).toContainText('courtesy of NASA/SDO and the AIA, EVE, and HMI science teams');
      await expect(portal.frame.footer).toContainText('ESA Space Safety Programme');
      await portal.screenshot(`${product.id}-${name}`);

      expect(await portal.seriousAxeViolations()).toEqual([]);

      const keys = await portal.tabThrough();
      expect(keys.controls.filter((c) => !keys.reached.includes(c)), 'controls the Tab key never reached').toEqual([]);
      expect(keys.withoutFocusStyle, 'controls without a visible focus indicator').toEqual([]);

      expect(portal.errors).toEqual([]);
    });
  }
}

test('the product list links every page of every product', async ({ page }) => {
  const portal = new PortalPage(page);
  const root = await portal.open(undefined, 'index');
  for (const p of PRODUCTS) {
    for (const name of PAGES) await expect(root.locator(`a[href="/portal/${p.id}/${name}"]`).filter({ visible: true }).first()).toBeVisible();
  }
  await portal.screenshot('index');
  expect(await portal.seriousAxeViolations()).toEqual([]);
  expect(portal.errors).toEqual([]);
});

test('unknown portal pages are a 404 page, not a crash', async ({ page }) => {
  const res = await page.goto('/portal/dem/nonsense');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('No such page');
});

test('page assets are served with hashed names, long cache and gzip', async ({ request }) => {
  const html = await (await request.get('/portal/dem/latest')).text();
  const src = /<script type="module" src="([^"]+)"/.exec(html)![1];
  expect(src).toMatch(/^\/assets\/latest-[A-Z0-9]{8}\.js$/);
  const res = await request.get(src, { headers: { 'accept-encoding': 'gzip' } });
  expect(res.headers()['cache-control']).toContain('immutable');
  expect(res.headers()['content-encoding']).toBe('gzip');
  expect((await request.get('/assets/../manifest.json')).status()).toBe(404);
});
