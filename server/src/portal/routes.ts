/**
 * The portal: `/` (list of products), `/portal/{product}/{latest|query|help|related}` and the
 * bundled page assets under `/assets/` (content-hashed names, cached for a year, gzip served from
 * files written at build time). Each HTML page is a small shell: the page's custom element, its
 * module script with `modulepreload` hints from the build manifest, and the page configuration
 * (portal texts, URLs, the server clock) as a JSON block.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { productById, PRODUCTS } from '../../../products/src/definitions/index.ts';
import type { AppDeps } from '../app.ts';
import { embedPageConfig, type PageConfig, type PageName } from '../../../webapps/src/util/config.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULT_DIST = path.join(REPO_ROOT, 'webapps', 'dist');

const PRODUCT_PAGES = ['latest', 'query', 'help', 'related'] as const satisfies readonly PageName[];
const PAGE_TITLES: Record<PageName, string> = { index: 'Products', latest: 'Latest', query: 'Query', help: 'Help', related: 'Related products' };

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Everything the pages may load comes from this server. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

interface ManifestEntry {
  js: string;
  imports: string[];
}
interface Manifest {
  pages: Record<string, ManifestEntry>;
}

export interface PortalOptions {
  /** Folder of the esbuild output (manifest.json + assets/); default webapps/dist. */
  distDir?: string;
}

/** The portal sub-app. */
export function portalRoutes(deps: AppDeps, opts: PortalOptions = {}): Hono {
  const distDir = path.resolve(opts.distDir ?? DEFAULT_DIST);
  const assetsDir = path.join(distDir, 'assets');
  let manifest: Manifest | undefined;
  const loadManifest = (): Manifest | undefined => {
    if (manifest) return manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      return undefined;
    }
    return manifest;
  };

  const app = new Hono();

  const page = (c: Context, name: PageName, productId?: string) => {
    const m = loadManifest();
    const entry = m?.pages[name];
    if (!entry) {
      return htmlResponse(c, 503, errorPage('Portal not built', 'The portal pages have not been built on this server: run <code>npm run build</code>.'));
    }
    const product = productId ? productById(productId) : undefined;
    const cfg: PageConfig = {
      page: name,
      ...(product ? { product: product.id } : {}),
      portal: deps.config.portal,
      baseUrl: deps.config.baseUrl,
      apiBase: '/api',
      hapiBase: '/hapi',
      nowMs: deps.now(),
    };
    const heading = product?.title ?? `Federated products from ${deps.config.portal.centreName}`;
    const title = `${PAGE_TITLES[name]} – ${heading}`;
    const tag = `swe-${name}-page`;
    const preload = entry.imports.map((f) => `<link rel="modulepreload" href="/${escapeAttr(f)}">`).join('\n');
    const fallback = product
      ? `<h1>${escapeHtml(product.title)}</h1><p>${escapeHtml(product.description)}</p>`
      : `<h1>${escapeHtml(heading)}</h1><ul>${PRODUCTS.map((p) => `<li><a href="/portal/${p.id}/latest">${escapeHtml(p.title)}</a></li>`).join('')}</ul>`;
    const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeAttr(product?.description ?? heading)}">
<link rel="icon" href="data:,">
${preload}
<script type="module" src="/${escapeAttr(entry.js)}"></script>
<style>body{margin:0;background:#fff}${tag}:not(:defined){display:block;max-width:1000px;margin:0 auto;font:15px/1.45 system-ui,sans-serif;padding:0 1rem}</style>
</head>
<body>
<${tag}>${fallback}<noscript><p>This page needs JavaScript. The data are also available from <a href="/api/openapi.json">the product API</a> and <a href="/hapi">HAPI</a>.</p></noscript></${tag}>
<script type="application/json" id="swe-config">${embedPageConfig(cfg)}</script>
</body>
</html>
`;
    return htmlResponse(c, 200, body);
  };

  app.get('/', (c) => page(c, 'index'));
  app.get('/portal', (c) => c.redirect('/', 301));
  app.get('/portal/:product', (c) => {
    const p = productById(c.req.param('product'));
    return p ? c.redirect(`/portal/${p.id}/latest`, 302) : htmlResponse(c, 404, unknownPage());
  });
  app.get('/portal/:product/:page', (c) => {
    const p = productById(c.req.param('product'));
    const name = c.req.param('page') as (typeof PRODUCT_PAGES)[number];
    if (!p || !PRODUCT_PAGES.includes(name)) return htmlResponse(c, 404, unknownPage());
    return page(c, name, p.id);
  });

  app.get('/assets/:file{.+}', (c) => {
    const rel = c.req.param('file');
    const file = path.resolve(assetsDir, rel);
    // No escape from the assets folder, no dot files.
    if (!file.startsWith(assetsDir + path.sep) || rel.split('/').some((s) => s.startsWith('.'))) return c.text('not found', 404);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type || !fs.existsSync(file)) return c.text('not found', 404);
    const headers: Record<string, string> = {
      'content-type': type,
      // Names carry a content hash, so a year is safe.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
    };
    const gz = `${file}.gz`;
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '') && fs.existsSync(gz)) {
      return c.body(fs.readFileSync(gz), 200, { ...headers, 'content-encoding': 'gzip' });
    }
    return c.body(fs.readFileSync(file), 200, headers);
  });

  return app;
}

function htmlResponse(c: Context, status: 200 | 404 | 503, body: string) {
  return c.html(body, status, {
    'content-security-policy': CSP,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
}

function unknownPage(): string {
  const links = PRODUCTS.map((p) => `<li><a href="/portal/${p.id}/latest">${escapeHtml(p.title)}</a></li>`).join('');
  return errorPage('No such page', `The portal has the pages latest, query, help and related of these products:</p><ul>${links}</ul><p>`);
}

function errorPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,"></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${message}</p><p><a href="/">All products</a></p></main></body></html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
const escapeAttr = escapeHtml;
