/**
 * The list of products (`/`): title, description, cadence and links to the four pages of each.
 *
 * @module
 */
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PRODUCTS } from '../../../products/src/definitions/index.ts';
import '../components/swe-frame.ts';
import { baseStyles } from '../styles/shared.ts';
import { readPageConfig, type PageConfig } from '../util/config.ts';
import { formatDuration } from '../util/time.ts';

@customElement('swe-index-page')
export class SweIndexPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul.products {
        list-style: none;
        padding: 0;
      }
      ul.products > li {
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 0.6rem 0.9rem;
        margin: 0.7rem 0;
      }
      h2 {
        margin: 0 0 0.3rem;
      }
      .links a {
        margin-right: 1rem;
      }
    `,
  ];

  private readonly config: PageConfig = readPageConfig();

  override firstUpdated(): void {
    this.setAttribute('data-ready', 'true');
  }

  override render() {
    const cfg = this.config;
    return html`<swe-frame .config=${cfg} heading="Federated products from ${cfg.portal.centreName}">
      <p>Space-weather map products computed from SDO observations by ${cfg.portal.centreLongName}. Data access also through the
        <a href="${cfg.apiBase}/openapi.json">product API</a> and <a href="${cfg.hapiBase}">HAPI</a>.</p>
      <ul class="products">
        ${PRODUCTS.map(
          (p) => html`<li>
            <h2><a href="/portal/${p.id}/latest">${p.title}</a></h2>
            <p>${p.description}</p>
            <p class="muted">SDO/${p.instrument} · one map every ${formatDuration(p.cadenceSeconds)}${p.portalCode ? ` · ESA code ${p.portalCode}` : ''}</p>
            <p class="links">
              <a href="/portal/${p.id}/latest">Latest<span class="visually-hidden"> ${p.title}</span></a>
              <a href="/portal/${p.id}/query">Query<span class="visually-hidden"> ${p.title}</span></a>
              <a href="/portal/${p.id}/help">Help<span class="visually-hidden"> on ${p.title}</span></a>
              <a href="/portal/${p.id}/related">Related products<span class="visually-hidden"> of ${p.title}</span></a>
            </p>
          </li>`,
        )}
      </ul>
    </swe-frame>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-index-page': SweIndexPage;
  }
}
