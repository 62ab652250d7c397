/**
 * The HARPs of the latest currents maps (HARP number, NOAA numbers, data type, version) as a table
 * with one toggle button per row; choosing a row fires `harp-select` with `{harpnum, dataType}`
 * (detail `undefined` for "all HARPs").
 *
 * @module
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '../styles/shared.ts';
import { formatUtc } from '../util/time.ts';

export interface HarpRow {
  harpnum: number;
  dataType: 'nrt' | 'sci';
  noaaArs: number[];
  version: number;
  timeMs: number;
}

export type HarpKey = { harpnum: number; dataType: 'nrt' | 'sci' } | undefined;

@customElement('swe-harp-list')
export class SweHarpList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-height: 260px;
        overflow-y: auto;
      }
      button[aria-pressed='true'] {
        background: #fff;
        color: var(--ink);
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) rows: HarpRow[] = [];
  @property({ attribute: false }) selected: HarpKey;

  override render() {
    return html`<table>
      <caption class="visually-hidden">HARPs of the latest currents maps</caption>
      <thead>
        <tr><th scope="col">HARP</th><th scope="col">NOAA AR</th><th scope="col">Data type</th><th scope="col">Version</th><th scope="col">Time</th><th scope="col"><span class="visually-hidden">Show</span></th></tr>
      </thead>
      <tbody>
        ${this.rows.map((r) => {
          const on = this.selected?.harpnum === r.harpnum && this.selected.dataType === r.dataType;
          return html`<tr>
            <td>${r.harpnum}</td>
            <td>${r.noaaArs.length ? r.noaaArs.join(', ') : '—'}</td>
            <td>${r.dataType}</td>
            <td>${r.version}</td>
            <td>${formatUtc(r.timeMs, 'minutes')}</td>
            <td><button class=${on ? '' : 'secondary'} aria-pressed=${on ? 'true' : 'false'} @click=${() => this.choose(on ? undefined : { harpnum: r.harpnum, dataType: r.dataType })}>
              ${on ? 'Shown' : 'Show'}<span class="visually-hidden"> HARP ${r.harpnum} (${r.dataType})</span>
            </button></td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private choose(key: HarpKey): void {
    this.dispatchEvent(new CustomEvent<HarpKey>('harp-select', { detail: key, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-harp-list': SweHarpList;
  }
}
