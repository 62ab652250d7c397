/**
 * One page of search results: time, channel, version, HARP/NOAA (currents), thumbnail, downloads;
 * with Previous/Next buttons that fire `page-change` (detail: the new 0-based page).
 *
 * @module
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ProductDefinition } from '../../../products/src/definitions/types.ts';
import { baseStyles } from '../styles/shared.ts';
import type { FileLink, RecordJson, SearchJson } from '../util/api.ts';
import { formatBytes } from '../util/format.ts';
import { formatUtc } from '../util/time.ts';

@customElement('swe-records-table')
export class SweRecordsTable extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      img {
        display: block;
        width: 64px;
        height: auto;
        max-height: 64px;
        object-fit: contain;
        background: #eee;
      }
      .pager {
        display: flex;
        gap: 0.8rem;
        align-items: center;
        margin: 0.5rem 0;
      }
      td.files a {
        margin-right: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) product?: ProductDefinition;
  @property({ attribute: false }) result?: SearchJson;
  /** Makes absolute URLs of this service root-relative (same-origin images). */
  @property({ attribute: false }) local: (url: string) => string = (u) => u;

  override render() {
    const r = this.result;
    const p = this.product;
    if (!r || !p) return nothing;
    const pages = Math.max(1, Math.ceil(r.total / r.limit));
    const page = Math.floor(r.offset / r.limit);
    const currents = p.id === 'currents';
    const label = (id: string) => p.channels.find((c) => c.id === id)?.label ?? id;
    return html`
      <p class="muted" role="status" data-total=${r.total}>${r.total} map${r.total === 1 ? '' : 's'} found${r.total ? html`, page ${page + 1} of ${pages}` : nothing}.</p>
      ${r.records.length
        ? html`<table>
            <caption class="visually-hidden">Maps found</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                ${p.channels.length > 1 ? html`<th scope="col">Channel</th>` : nothing}
                <th scope="col">${p.versionKind === 'mapType' ? 'Map type' : 'Data type'}</th>
                <th scope="col">Version</th>
                ${currents ? html`<th scope="col">HARP</th><th scope="col">NOAA AR</th>` : nothing}
                <th scope="col">Quicklook</th>
                <th scope="col">Files</th>
              </tr>
            </thead>
            <tbody>
              ${r.records.map(
                (rec) => html`<tr data-record-id=${rec.id} data-time=${rec.time}>
                  <td>${formatUtc(Date.parse(rec.time), 'minutes').replace(' UTC', '')}</td>
                  ${p.channels.length > 1 ? html`<td>${label(rec.parameter)}</td>` : nothing}
                  <td>${rec.map_type ?? rec.data_type ?? ''}</td>
                  <td>${rec.version}</td>
                  ${currents ? html`<td>${rec.harpnum ?? ''}</td><td>${rec.noaa_ars.join(', ')}</td>` : nothing}
                  <td>
                    ${rec.files.thumbnail
                      ? html`<img src=${this.local(rec.files.thumbnail.url)} alt="Quicklook of ${label(rec.parameter)} at ${rec.time}" loading="lazy" />`
                      : html`<span class="muted">—</span>`}
                  </td>
                  <td class="files">
                    ${rec.files.fits ? html`<a href=${rec.files.fits.url} download>FITS<span class="visually-hidden"> of ${rec.time}</span></a>` : nothing}
                    ${pngOf(rec) ? html`<a href=${pngOf(rec)!.url} download>PNG<span class="visually-hidden"> of ${rec.time}</span></a>` : nothing}
                    ${rec.files.fits ? html`<span class="muted">${formatBytes(rec.files.fits.bytes)}</span>` : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${pages > 1
        ? html`<div class="pager">
            <button class="secondary" ?disabled=${page === 0} @click=${() => this.go(page - 1)}>Previous page</button>
            <button class="secondary" ?disabled=${page + 1 >= pages} @click=${() => this.go(page + 1)}>Next page</button>
          </div>`
        : nothing}
    `;
  }

  private go(page: number): void {
    this.dispatchEvent(new CustomEvent<number>('page-change', { detail: page, bubbles: true, composed: true }));
  }
}

/** The record's PNG quicklook (the main one, or the first per-plane one). */
function pngOf(rec: RecordJson): FileLink | undefined {
  return rec.files.png ?? Object.entries(rec.files).find(([k]) => k.startsWith('png'))?.[1];
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-records-table': SweRecordsTable;
  }
}
