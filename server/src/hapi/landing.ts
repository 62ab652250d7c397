/**
 * The HTML landing page at /hapi: what the server offers, its conventions, and every dataset with
 * example links (info, and data of the sample window in each format). Links are relative
 * (`hapi/info?...` from `/hapi`), so the page also works behind a path prefix.
 *
 * @module
 */
import type { Config } from '../config.ts';
import { ONGOING_DAYS, type InfoBody } from './metadata.ts';
import type { DatasetEntry } from './registry.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function link(href: string, text: string): string {
  return `<a href="${esc(href)}">${esc(text)}</a>`;
}

/** The landing page HTML. `infoOf` gives each dataset's /info body (dates, sample window). */
export function landingPage(config: Config, datasets: readonly DatasetEntry[], infoOf: (e: DatasetEntry) => InfoBody): string {
  const byProduct = new Map<string, DatasetEntry[]>();
  for (const e of datasets) {
    const key = e.product?.title ?? e.def.product;
    byProduct.set(key, [...(byProduct.get(key) ?? []), e]);
  }
  const sections = [...byProduct].map(([title, entries]) => {
    const rows = entries.map((e) => {
      const info = infoOf(e);
      const q = `dataset=${encodeURIComponent(e.def.id)}`;
      const sample = info.sampleStartDate && info.sampleStopDate ? `&start=${info.sampleStartDate}&stop=${info.sampleStopDate}` : '';
      const data = sample
        ? ['csv', 'json', 'binary'].map((f) => link(`hapi/data?${q}${sample}${f === 'csv' ? '' : `&format=${f}`}`, f)).join(' ')
        : 'no records yet';
      return `<tr><td><code>${esc(e.def.id)}</code></td><td>${esc(e.def.title)}<br><small>${esc(e.def.kind)}; ${esc(info.startDate)} to ${esc(info.stopDate)}</small></td><td>${link(`hapi/info?${q}`, 'info')}</td><td>${data}</td></tr>`;
    });
    return `<h3>${esc(title)}</h3>\n<table><thead><tr><th>id</th><th>title</th><th>metadata</th><th>sample data</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HAPI server: SDO solar map products</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
code { font-size: 90%; }
small { color: #555; }
</style>
</head>
<body>
<h1>HAPI server: SDO solar map products</h1>
<p>${esc(config.portal.centreLongName)} publishes its SDO map products through this
<a href="https://hapi-server.org">HAPI</a> 3.3 server: summary indices, file listings (FITS and PNG URLs) and
1-degree synoptic maps. Any HAPI client (hapiclient for Python, Autoplot, SPEDAS, the verifier) reads them.</p>
<h2>Endpoints</h2>
<ul>
<li>${link('hapi/about', 'about')}: who runs the server</li>
<li>${link('hapi/capabilities', 'capabilities')}: formats csv, binary, json</li>
<li>${link('hapi/catalog', 'catalog')} (also ${link('hapi/catalog?depth=all', 'catalog?depth=all')}): the datasets</li>
<li><code>info?dataset=ID[&amp;parameters=...]</code>: one dataset's parameters</li>
<li><code>data?dataset=ID&amp;start=T&amp;stop=T[&amp;parameters=...][&amp;format=csv|binary|json][&amp;include=header]</code>; HAPI 2 names <code>id</code>, <code>time.min</code>, <code>time.max</code> work too</li>
</ul>
<h2>Conventions</h2>
<ul>
<li>Times are UTC, written <code>YYYY-MM-DDThh:mm:ss.sssZ</code> (24 characters); requests may use day-of-year and truncated forms, up to 9 fractional digits, <code>24:00</code> and leap seconds. <code>start</code> is inclusive, <code>stop</code> exclusive.</li>
<li><code>startDate</code> is midnight of the first record's day; <code>stopDate</code> midnight after the last record's day, or after today while a dataset is updated (last record less than ${ONGOING_DAYS} days old). Requests outside get HAPI 1405; empty ranges HAPI 1201.</li>
<li>Fill for doubles is <code>NaN</code>; JSON has no NaN, so JSON output writes such fill as <code>null</code>.</li>
<li>Each dataset names its SPASE record in <code>resourceID</code> and links the XML in <code>additionalMetadata</code>.</li>
</ul>
<h2>Datasets (${datasets.length})</h2>
${sections.join('\n')}
<p><small>Data ${esc(config.portal.sdoCredit)}. ${esc(config.portal.networkStatement)} Contact: ${esc(config.portal.helpdeskEmail)}.</small></p>
</body>
</html>
`;
}
