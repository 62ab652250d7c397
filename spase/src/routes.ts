/**
 * `/spase`: the SPASE records of the service. `/spase/` lists them (HTML), `/spase/index.json`
 * maps each ResourceID to the URL of its XML, and `/spase/<ResourceType>/<path>.xml` serves one
 * record (`recordUrl`). Records are built per request from the definitions and the catalogue, so
 * they always follow both; a path is only ever looked up in the record list, never on disk.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../../server/src/app.ts';
import { ApiError } from '../../server/src/http/api-error.ts';
import { planRecords, renderRecord, type PlannedRecord } from './generator.ts';
import { recordUrl } from './ids.ts';
import { loadRevisions, releaseDate, type Revision } from './revisions.ts';
import { sourceFromCatalogue } from './source.ts';

/** Path of a record below `/spase/`: the ResourceID without `spase://<authority>/`, plus `.xml`. */
function relativePath(id: string): string {
  return `${id.replace(/^spase:\/\/[^/]+\//, '')}.xml`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const TYPE_ORDER = ['NumericalData', 'DisplayData', 'Repository', 'Person'];

function listPage(plan: readonly PlannedRecord[], authority: string, revision: Revision): string {
  const sections = TYPE_ORDER.map((type) => {
    const rows = plan
      .filter((r) => r.resourceType === type)
      .map((r) => `<tr><td><a href="${escapeHtml(relativePath(r.id))}">${escapeHtml(r.id)}</a></td><td>${escapeHtml(r.title)}</td></tr>`);
    return rows.length ? `<h2>${type} (${rows.length})</h2>\n<table><thead><tr><th>ResourceID</th><th>Title</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>` : '';
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPASE records</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td:first-child { font-family: ui-monospace, monospace; font-size: 13px; word-break: break-all; }
</style>
</head>
<body>
<p><a href="../">&larr; Products</a></p>
<h1>SPASE records</h1>
<p>${plan.length} SPASE 2.7.1 records of the products and HAPI datasets of this service, naming authority <code>${escapeHtml(authority)}</code>,
released ${escapeHtml(revision.date)} (${escapeHtml(revision.note)}). Machine-readable list: <a href="index.json">index.json</a>
(ResourceID &rarr; URL of the XML). Metadata licence: CC0-1.0.</p>
${sections.filter(Boolean).join('\n')}
</body>
</html>
`;
}

/** The `/spase` sub-app. */
export function spaseRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const revisions = loadRevisions();
  const lastModified = new Date(releaseDate(revisions)).toUTCString();
  // The record list depends on the definitions (fixed while the process runs) and on the HARPs
  // only; keep the last one while the HARP list is unchanged (extents are read when a record is built).
  let cached: { key: string; plan: PlannedRecord[]; byPath: Map<string, PlannedRecord> } | undefined;
  const current = () => {
    const source = sourceFromCatalogue(deps.config, deps.catalogue);
    const key = source.harps.map((h) => `${h.dataType}${h.harpnum}:${h.firstMs}:${h.lastMs}`).join(',');
    if (cached?.key !== key) {
      const plan = planRecords(source, revisions);
      cached = { key, plan, byPath: new Map(plan.map((r) => [relativePath(r.id), r])) };
    }
    return cached;
  };
  const plan = () => current().plan;
  const common = { 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' };

  // `/spase` → `/spase/`: relative links in the page need the slash; a relative Location keeps any proxy prefix.
  app.get('/', (c) => c.redirect(`${c.req.path.split('/').pop()}/`, 301));

  app.get('/index.json', (c) => {
    const index = Object.fromEntries(plan().map((r) => [r.id, recordUrl(deps.config.baseUrl, r.id)]));
    return c.json(index, 200, common);
  });

  // One catch-all: `/spase/` itself (empty path) is the list; a path is only compared with the record list.
  app.get('/:path{.*}', (c) => {
    const wanted = c.req.param('path');
    if (wanted === '') return c.html(listPage(plan(), deps.config.spaseAuthority, revisions[revisions.length - 1]), 200, common);
    const record = current().byPath.get(wanted);
    if (!record) return ApiError.notFound('no SPASE record at this path; the records are listed at /spase/index.json').toResponse();
    const xml = renderRecord(record);
    const etag = `"${createHash('sha256').update(xml).digest('base64url').slice(0, 27)}"`;
    // Last-Modified is the metadata release (revisions.ts); the ETag follows the exact content.
    const headers = { ...common, etag, 'last-modified': lastModified, 'content-type': 'application/xml; charset=utf-8' };
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers);
    return c.body(xml, 200, headers);
  });

  return app;
}
