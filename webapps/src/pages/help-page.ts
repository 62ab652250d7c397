/**
 * The Help page, written from the product definition (description, method, planes and units,
 * quality flags, file naming, references, HAPI datasets) and the configuration (acknowledgement),
 * with ready-to-run API and HAPI examples (curl, Python hapiclient) against this server.
 *
 * @module
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { productById } from '../../../products/src/definitions/index.ts';
import type { ProductDefinition } from '../../../products/src/definitions/types.ts';
import { displayUnits } from '../../../products/src/quicklook/scale.ts';
import '../components/swe-copy-field.ts';
import '../components/swe-frame.ts';
import { baseStyles } from '../styles/shared.ts';
import { readPageConfig, type PageConfig } from '../util/config.ts';
import { indicesDataset, plottableParameters } from '../util/datasets.ts';
import { curlSnippet, hapiDataUrl, pythonSnippet } from '../util/hapi.ts';
import { formatDuration, isoUtc } from '../util/time.ts';
import { versionKey, versionValues } from '../util/url-state.ts';

@customElement('swe-help-page')
export class SweHelpPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      nav.toc ul {
        columns: 2;
        padding-left: 1.2rem;
      }
      td code {
        white-space: nowrap;
      }
    `,
  ];

  private readonly config: PageConfig = readPageConfig();
  private readonly product: ProductDefinition = productById(this.config.product ?? '')!;

  /** Fragment links do not reach into a shadow root: scroll and move focus ourselves. */
  private jump = (e: Event): void => {
    const a = (e.target as HTMLElement).closest('a');
    const id = a?.getAttribute('href')?.slice(1);
    const target = id ? this.renderRoot.querySelector<HTMLElement>(`[id="${id}"]`) : null;
    if (!target) return;
    e.preventDefault();
    target.scrollIntoView();
    target.focus();
  };

  override firstUpdated(): void {
    this.setAttribute('data-ready', 'true');
  }

  override render() {
    const p = this.product;
    const cfg = this.config;
    const base = cfg.baseUrl;
    const stop = Math.floor(cfg.nowMs / 86_400_000) * 86_400_000;
    const start = stop - 86_400_000;
    const example = p.channels[0];
    const key = versionKey(p);
    const indices = indicesDataset(p, { parameter: example.id, dataType: 'nrt' });
    const indexParam = indices ? plottableParameters(indices)[0] : undefined;
    const hapiUrl = indices && indexParam ? `${base}${hapiDataUrl(cfg.hapiBase, indices.id, [indexParam.name], start, stop, 'csv')}` : '';
    const datasets = p.hapiDatasets({ harps: [] });
    const searchUrl = `${base}${cfg.apiBase}/products/${p.id}/records?start=${isoUtc(start)}&stop=${isoUtc(stop)}${p.channels.length > 1 ? `&parameter=${encodeURIComponent(example.id)}` : ''}&limit=10`;
    return html`<swe-frame .config=${cfg} heading=${p.title}>
      <nav class="toc" aria-label="On this page" @click=${this.jump}>
        <ul>
          <li><a href="#about">About the product</a></li>
          <li><a href="#method">Method</a></li>
          <li><a href="#parameters">Parameters and units</a></li>
          <li><a href="#quality">Quality flags</a></li>
          <li><a href="#files">Files and naming</a></li>
          <li><a href="#api">Product API</a></li>
          <li><a href="#hapi">HAPI</a></li>
          <li><a href="#references">References</a></li>
          <li><a href="#acknowledgement">Acknowledgement</a></li>
        </ul>
      </nav>

      <h2 id="about" tabindex="-1">About the product</h2>
      <p>${p.description}</p>
      <p>
        Instrument: SDO/${p.instrument}. Cadence: one map every ${formatDuration(p.cadenceSeconds)}${p.channels.length > 1 ? ' per channel' : ''}${p.id === 'currents' ? ' per HARP' : ''};
        the Latest page warns when the newest map is older than ${formatDuration(p.cadenceSeconds + p.expectedLatencySeconds)}.
        Versions (${key}): ${versionValues(p).join(', ')}. Available from ${p.nominalStartDate.slice(0, 10)}.
        ${p.portalCode ? html`ESA portal code ${p.portalCode}.` : nothing}
      </p>

      <h2 id="method" tabindex="-1">Method</h2>
      <ol>
        ${p.help.method.map((m) => html`<li>${m}</li>`)}
      </ol>

      <h2 id="parameters" tabindex="-1">Parameters and units</h2>
      <table>
        <caption class="visually-hidden">Planes of the product files</caption>
        <thead>
          <tr>${p.channels.length > 1 ? html`<th scope="col">Channel (parameter=)</th>` : nothing}<th scope="col">Plane</th><th scope="col">FITS EXTNAME</th><th scope="col">Units</th><th scope="col">Description</th><th scope="col">Display</th></tr>
        </thead>
        <tbody>
          ${p.channels.flatMap((c) =>
            c.planes.map(
              (pl, i) => html`<tr>
                ${p.channels.length > 1 ? html`<td>${i === 0 ? html`<code>${c.id}</code> ${c.label}` : nothing}</td>` : nothing}
                <td>${pl.label} (<code>${pl.id}</code>)</td>
                <td><code>${pl.extname}</code></td>
                <td>${pl.units}</td>
                <td>${pl.description}</td>
                <td>${pl.display.colourTable}, ${displayUnits(pl.units, pl.display.scale)}${pl.display.range ? ` ${pl.display.range[0]} to ${pl.display.range[1]}` : ', 1-99 % range'}</td>
              </tr>`,
            ),
          )}
        </tbody>
      </table>

      <h2 id="quality" tabindex="-1">Quality flags</h2>
      <ul>
        ${p.help.qualityFlags.map((q) => html`<li>${q}</li>`)}
      </ul>

      <h2 id="files" tabindex="-1">Files and naming</h2>
      <p><code>${p.help.fileNaming}</code></p>
      <p>
        FITS files hold one image HDU per plane (EXTNAME as above) with a full WCS and the provenance in the header. PNG quicklooks are palette
        images with a colour bar, the units and the title; NaN pixels are transparent. Thumbnails are small PNGs of the main plane. Files are
        served under <code>/data/</code> with HTTP Range, ETag and Last-Modified.
      </p>

      <h2 id="api" tabindex="-1">Product API</h2>
      <p>JSON, described by the OpenAPI document <a href="${cfg.apiBase}/openapi.json">${base}${cfg.apiBase}/openapi.json</a>. Times are ISO 8601 UTC.</p>
      <swe-copy-field label="Latest map (curl)" .text=${curlSnippet(`${base}${cfg.apiBase}/products/${p.id}/latest${p.channels.length > 1 ? `?parameter=${encodeURIComponent(example.id)}` : ''}`)}></swe-copy-field>
      <swe-copy-field label="Maps of one day (curl)" .text=${curlSnippet(searchUrl)}></swe-copy-field>
      <swe-copy-field
        label="Python (requests): download the FITS files of that day"
        .text=${[
          'import requests',
          `page = requests.get('${searchUrl}').json()`,
          "for record in page['records']:",
          "    url = record['files']['fits']['url']",
          "    open(url.rsplit('/', 1)[1], 'wb').write(requests.get(url).content)",
        ].join('\n')}
      ></swe-copy-field>
      <p>
        <code>GET /api/records/{id}/planes/{plane}</code> returns the raw little-endian float32 values of a plane (headers X-Width, X-Height,
        X-Units); <code>GET /api/records/{id}/pixel?plane=&amp;x=&amp;y=</code> returns the exact value and the solar coordinates of a pixel.
        ${p.id === 'currents' ? html`<code>GET /api/harps?start=&amp;stop=&amp;data_type=</code> lists the HARPs of a period.` : nothing}
        ${p.portalCode ? html`JHelioviewer loads these maps through <code>POST /api/${p.portalCode}/map/${p.instrument === 'HMI' ? 'hmi' : ''}</code>.` : nothing}
      </p>

      <h2 id="hapi" tabindex="-1">HAPI</h2>
      <p>The HAPI 3.3 server at <a href="${cfg.hapiBase}">${base}${cfg.hapiBase}</a> publishes these datasets of the product:</p>
      <table>
        <caption class="visually-hidden">HAPI datasets</caption>
        <thead><tr><th scope="col">Dataset id</th><th scope="col">Content</th><th scope="col">Cadence</th></tr></thead>
        <tbody>
          ${datasets.map((d) => html`<tr><td><a href="${cfg.hapiBase}/info?dataset=${encodeURIComponent(d.id)}"><code>${d.id}</code></a></td><td>${d.title}</td><td>${d.cadence ?? ''}</td></tr>`)}
          ${p.id === 'currents'
            ? html`<tr><td><code>currents_{nrt|sci}_harp{HARPNUM}</code></td><td>SHARP-style quantities and files of one HARP (one dataset per HARP in the catalog)</td><td>PT12M</td></tr>`
            : nothing}
        </tbody>
      </table>
      ${hapiUrl
        ? html`<swe-copy-field label="HAPI data (curl, CSV)" .text=${curlSnippet(hapiUrl)}></swe-copy-field>
            <swe-copy-field label="Python (hapiclient)" .text=${pythonSnippet(`${base}${cfg.hapiBase}`, indices!.id, [indexParam!.name], start, stop)}></swe-copy-field>`
        : nothing}

      <h2 id="references" tabindex="-1">References</h2>
      <ul>
        ${p.help.references.map((r) => html`<li>${r.url ? html`<a href=${r.url} rel="noopener">${r.text}</a>` : r.text}</li>`)}
      </ul>

      <h2 id="acknowledgement" tabindex="-1">Acknowledgement</h2>
      <p>When you use this product, please acknowledge ${cfg.portal.acknowledgement}. SDO data ${cfg.portal.sdoCredit}; this is a value-added product of ${cfg.portal.centreLongName}.</p>
    </swe-frame>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-help-page': SweHelpPage;
  }
}
