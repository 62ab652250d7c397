/**
 * Browser measurements of the portal pages with Debian's chromium driven by Playwright (its own
 * browser download does not work on our machines):
 *
 * - time from navigation start to the map drawn on a Latest page: the `swe-map-drawn` event,
 *   recorded by an init script as `performance.now()` (whose origin is the navigation start);
 *   the page's `data-ready="true"` ends the wait, and a page that became ready without a map
 *   (the error state also sets data-ready) counts as a failure;
 * - load time of a trivial page (the baseline);
 * - bytes transferred per page, from the CDP Network domain: `encodedDataLength` of every
 *   finished request (bytes on the wire, headers included, gzip as sent), by resource type.
 *
 * @module
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';

export const CHROMIUM = '/usr/bin/chromium';
const READY_TIMEOUT_MS = 20_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Records when the first map was drawn, relative to the navigation start. */
const MAP_DRAWN_PROBE = `window.addEventListener('swe-map-drawn', () => { if (window.__mapDrawnAt === undefined) window.__mapDrawnAt = performance.now(); }, true);`;

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: MAP_DRAWN_PROBE });
  return context;
}

/** Navigate and wait until the page's custom element says it is ready. */
async function openReady(page: Page, url: string, tag: string): Promise<void> {
  const res = await page.goto(url, { waitUntil: 'commit' });
  if (!res || res.status() !== 200) throw new Error(`${url}: HTTP ${res?.status()}`);
  await page.waitForSelector(`${tag}[data-ready="true"]`, { state: 'attached', timeout: READY_TIMEOUT_MS });
}

/** Milliseconds from navigation start to the map drawn, on a Latest page. */
export async function mapDrawnMs(page: Page, url: string): Promise<number> {
  await openReady(page, url, 'swe-latest-page');
  const at = await page.evaluate(() => (window as unknown as { __mapDrawnAt?: number }).__mapDrawnAt);
  if (at === undefined) throw new Error(`${url}: ready without a drawn map (error state?)`);
  return at;
}

/** Milliseconds from navigation start to the end of the load event of a trivial page. */
export async function loadMs(page: Page, url: string): Promise<number> {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res || res.status() !== 200) throw new Error(`${url}: HTTP ${res?.status()}`);
  // loadEventEnd is set just after the load handlers ran: poll until it is.
  for (let i = 0; i < 100; i++) {
    const end = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? 0);
    if (end > 0) return end;
    await page.waitForTimeout(10);
  }
  throw new Error(`${url}: no loadEventEnd`);
}

export interface Transfer {
  /** Bytes on the wire by CDP resource type (Script, Document, Fetch, Image, ...). */
  byType: Map<string, number>;
  total: number;
  requests: number;
  /** Scripts whose answer was not gzip/br-encoded (should be none). */
  uncompressedScripts: string[];
}

/** Bytes a cold load of `url` transfers until the page is ready and the network is idle. */
export async function transfer(context: BrowserContext, url: string, tag: string): Promise<Transfer> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const info = new Map<string, { type: string; url: string; encoding: string | undefined }>();
  const byType = new Map<string, number>();
  let total = 0;
  let requests = 0;
  const uncompressedScripts: string[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    info.set(e.requestId, { type: e.type, url: e.response.url, encoding: headers['content-encoding'] });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = info.get(e.requestId);
    const type = r?.type ?? 'Other';
    byType.set(type, (byType.get(type) ?? 0) + e.encodedDataLength);
    total += e.encodedDataLength;
    requests++;
    if (type === 'Script' && r && !/gzip|br|zstd/.test(r.encoding ?? '')) uncompressedScripts.push(r.url);
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  try {
    await openReady(page, url, tag);
    await page.waitForLoadState('networkidle', { timeout: READY_TIMEOUT_MS });
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
  return { byType, total, requests, uncompressedScripts };
}
