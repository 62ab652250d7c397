/**
 * The pages inside a frame of 1000 px on another origin, as the ESA portal shows them: every page
 * becomes ready, fits the width without horizontal scrolling, and logs no error.
 *
 * The embedding page comes from a second real HTTP server on another loopback port (another
 * origin). A page fulfilled by Playwright's router would count as a public site, and Chromium's
 * Local Network Access rules block public pages from framing loopback ones — which is not the
 * situation of the real portal, where both sites are public.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { PRODUCTS } from '../../products/src/definitions/index.ts';
import { E2E_BASE_URL } from '../fixtures/constants.ts';

const PAGES = ['latest', 'query', 'help', 'related'] as const;

let embedding: http.Server;
let embedOrigin = '';

test.beforeAll(async () => {
  embedding = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const src = url.searchParams.get('src') ?? '';
    const title = url.searchParams.get('title') ?? 'product page';
    const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>ESA SWE portal (test)</title><link rel="icon" href="data:,"></head>
<body style="margin:0"><h1>Federated product</h1><iframe src="${escape(src)}" width="1000" height="800" title="${escape(title)}" style="border:0"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => embedding.listen(0, '127.0.0.1', resolve));
  embedOrigin = `http://127.0.0.1:${(embedding.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => embedding.close(() => resolve()));
});

for (const product of PRODUCTS) {
  test(`${product.id}: all pages work inside a 1000 px frame of another site`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1100, height: 900 });
    for (const name of PAGES) {
      const src = `${E2E_BASE_URL}/portal/${product.id}/${name}`;
      await page.goto(`${embedOrigin}/?src=${encodeURIComponent(src)}&title=${encodeURIComponent(`${product.title} ${name}`)}`);
      const frame = page.frameLocator('iframe');
      await expect(frame.locator(`swe-${name}-page`)).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
      const widths = await frame.locator('html').evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
      expect(widths.client).toBeLessThanOrEqual(1000);
      expect(widths.scroll, `${name} page scrolls horizontally`).toBeLessThanOrEqual(widths.client);
    }
    expect(errors).toEqual([]);
  });
}
