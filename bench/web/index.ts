/**
 * Portal pages in a real browser against the real server, over loopback.
 *
 * The pages are built (webapps/build.ts, as `npm run build`), the e2e fixture catalogue (real
 * FITS, PNG and catalogue rows, newest map of each channel) is written into a temporary DATA_DIR,
 * and the real server (`node --import tsx server/src/index.ts`, worker and simulator off, frozen
 * NOW) is started on it with the e2e helpers. Then, with Debian's chromium through Playwright:
 *
 * - every product's Latest page: navigation start to map drawn, over --cold loads (a fresh
 *   browser context each: empty HTTP cache) and --warm loads (same context, assets cached);
 * - baseline in the same run: navigation start to the load event of /healthz (a tiny answer
 *   without scripts), cold and warm, so the figures come with a ratio;
 * - every page (index, and latest, query, help, related of each product): bytes transferred on a
 *   cold load until ready and the network idle, JS (gzipped as sent) and total.
 *
 * Goals (the issue's): map drawn < 1 s; JS < 150 KB gzipped per page.
 *
 * Run: node --import tsx bench/web/index.ts [--cold 3] [--warm 5] [--no-build]
 * (--no-build reuses webapps/dist as it is.) The data folder is removed and the server and the
 * browser stopped at the end.
 */
import os from 'node:os';
import type { Browser } from 'playwright';
import { PRODUCTS } from '../../products/src/definitions/index.ts';
import { build } from '../../webapps/build.ts';
import { buildFixtures } from '../../e2e/fixtures/catalogue.ts';
import { E2E_NOW } from '../../e2e/fixtures/constants.ts';
import { startServer } from '../../e2e/fixtures/server.ts';
import { atCleanup, cleanUp, interrupted, freePort, tempDir } from '../hapi/lifecycle.ts';
import { median, num, quantile, table, type Cell } from '../hapi/report.ts';
import { launchBrowser, loadMs, mapDrawnMs, newContext, transfer } from './browser.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const COLD = arg('cold', 3);
const WARM = arg('warm', 5);
const BUILD = !process.argv.includes('--no-build');
const MAP_GOAL_MS = 1000;
const JS_GOAL_KB = 150;
const KB = 1000;
const PAGES = ['latest', 'query', 'help', 'related'] as const;

/** `cold` loads in fresh contexts, then `warm` loads in one context after an untimed first load. */
async function coldAndWarm(browser: Browser, measure: (page: import('playwright').Page) => Promise<number>): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  for (let i = 0; i < COLD; i++) {
    const context = await newContext(browser);
    try {
      cold.push(await measure(await context.newPage()));
    } finally {
      await context.close();
    }
  }
  const warm: number[] = [];
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await measure(page);
    for (let i = 0; i < WARM; i++) warm.push(await measure(page));
  } finally {
    await context.close();
  }
  return { cold, warm };
}

async function main(): Promise<void> {
  if (BUILD) {
    const manifest = await build();
    console.log(`built ${Object.keys(manifest.pages).length} pages into webapps/dist`);
  }
  const dataDir = tempDir('sdo-web-bench-');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  buildFixtures(dataDir, { nowMs: Date.parse(E2E_NOW), baseUrl, latestOnly: true });
  const fixtureS = (performance.now() - t0) / 1000;
  const server = await startServer({ dataDir, port, now: E2E_NOW });
  atCleanup(() => server.stop());
  const browser = await launchBrowser();
  atCleanup(() => browser.close());
  console.log(`Web benchmark: fixtures written in ${fixtureS.toFixed(1)} s; server ${baseUrl} (pid ${server.process.pid}); chromium ${browser.version()}; Node ${process.version}, ${os.cpus().length} CPUs; ${COLD} cold + ${WARM} warm loads`);

  // ---------------------------------------------------------------- map drawn
  const baseline = await coldAndWarm(browser, (page) => loadMs(page, `${baseUrl}/healthz`));
  const base = { cold: median(baseline.cold), warm: median(baseline.warm) };
  const mapRows: Cell[][] = [['/healthz load (baseline)', base.cold, Math.max(...baseline.cold), base.warm, quantile(baseline.warm, 0.95), '1.0 / 1.0', '']];
  for (const product of PRODUCTS) {
    const url = `${baseUrl}/portal/${product.id}/latest`;
    const { cold, warm } = await coldAndWarm(browser, (page) => mapDrawnMs(page, url));
    const worst = Math.max(...cold, ...warm);
    mapRows.push([
      `${product.id} latest: map drawn`,
      median(cold),
      Math.max(...cold),
      median(warm),
      quantile(warm, 0.95),
      `${(median(cold) / base.cold).toFixed(1)} / ${(median(warm) / base.warm).toFixed(1)}`,
      worst < MAP_GOAL_MS ? 'met (every load)' : median(cold) < MAP_GOAL_MS && median(warm) < MAP_GOAL_MS ? 'met at the median' : 'MISSED',
    ]);
  }
  console.log(`\nNavigation start to map drawn (ms); goal < ${MAP_GOAL_MS} ms\n`);
  console.log(table(['page', 'cold p50', 'cold max', 'warm p50', 'warm p95', 'x baseline (cold / warm)', 'goal'], mapRows, [0, 6]));

  // ---------------------------------------------------------------- bytes per page
  const pages = [{ name: 'index', url: `${baseUrl}/`, tag: 'swe-index-page' }];
  for (const product of PRODUCTS) for (const p of PAGES) pages.push({ name: `${product.id} ${p}`, url: `${baseUrl}/portal/${product.id}/${p}`, tag: `swe-${p}-page` });
  const byteRows: Cell[][] = [];
  const warnings: string[] = [];
  for (const p of pages) {
    const context = await newContext(browser);
    try {
      const t = await transfer(context, p.url, p.tag);
      const js = (t.byType.get('Script') ?? 0) / KB;
      const data = ((t.byType.get('Fetch') ?? 0) + (t.byType.get('XHR') ?? 0)) / KB;
      const images = (t.byType.get('Image') ?? 0) / KB;
      byteRows.push([p.name, (t.byType.get('Document') ?? 0) / KB, js, data, images, t.total / KB, String(t.requests), js < JS_GOAL_KB ? 'met' : 'MISSED']);
      if (t.uncompressedScripts.length) warnings.push(`${p.name}: scripts sent without compression: ${t.uncompressedScripts.join(', ')}`);
    } finally {
      await context.close();
    }
  }
  console.log(`\nBytes transferred per page on a cold load, as sent (gzip), headers included (kB = 1000 bytes); goal JS < ${JS_GOAL_KB} kB\n`);
  console.log(table(['page', 'HTML', 'JS', 'API/HAPI', 'images', 'total', 'requests', 'JS goal'], byteRows.map((r) => r.map((c) => (typeof c === 'number' ? num(c, 1) : c))), [0, 7]));
  for (const w of warnings) console.log(`warning: ${w}`);
}

try {
  await main();
} catch (e) {
  if (!interrupted()) console.error(e);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
