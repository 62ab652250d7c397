/**
 * The ESA SWE federated-product layout around every page: header ("Federated products from ..."),
 * product title, navigation (Help • Related products • Latest • Query), the page body (slot) and
 * the footer with the network statement, contracts, helpdesk, acknowledgement and SDO credit.
 * All texts come from the server configuration.
 *
 * @module
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '../styles/shared.ts';
import type { PageConfig, PageName } from '../util/config.ts';

const NAV: { page: PageName; label: string }[] = [
  { page: 'help', label: 'Help' },
  { page: 'related', label: 'Related products' },
  { page: 'latest', label: 'Latest' },
  { page: 'query', label: 'Query' },
];

/** Frame of a portal page; the page body goes in the default slot. */
@customElement('swe-frame')
export class SweFrame extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 1000px;
        margin: 0 auto;
      }
      header {
        background: #003247;
        color: #fff;
        padding: 0.5rem 1rem;
        font-size: 0.9rem;
      }
      header a {
        color: #fff;
        font-weight: 600;
      }
      .title {
        padding: 0.6rem 1rem 0;
      }
      h1 {
        font-size: 1.45rem;
        margin: 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        gap: 0.4rem;
        padding: 0.4rem 1rem;
        margin: 0;
        border-bottom: 2px solid var(--accent);
      }
      nav li + li::before {
        content: '•';
        margin-right: 0.4rem;
        color: var(--muted);
      }
      nav a[aria-current='page'] {
        font-weight: 700;
        color: var(--ink);
        text-decoration: none;
      }
      main {
        padding: 0.5rem 1rem 1rem;
        min-height: 300px;
      }
      footer {
        border-top: 1px solid var(--line);
        background: var(--panel);
        font-size: 0.8rem;
        padding: 0.6rem 1rem;
        color: var(--muted);
      }
      footer p {
        margin: 0.25rem 0;
      }
    `,
  ];

  /** The page configuration from the server. */
  @property({ attribute: false }) config?: PageConfig;
  /** Product title shown as the page heading (absent on the product list). */
  @property() heading = '';

  override render() {
    const cfg = this.config;
    if (!cfg) return nothing;
    const t = cfg.portal;
    return html`
      <header>Federated products from <a href=${t.centreUrl} rel="noopener">${t.centreName}</a></header>
      <div class="title"><h1>${this.heading || `Products of ${t.centreName}`}</h1></div>
      ${cfg.product
        ? html`<nav aria-label="Product pages">
            <ul>
              ${NAV.map(
                (n) =>
                  html`<li><a href="/portal/${cfg.product}/${n.page}" aria-current=${n.page === cfg.page ? 'page' : 'false'}>${n.label}</a></li>`,
              )}
            </ul>
          </nav>`
        : html`<nav aria-label="Service"><ul><li><a href="/" aria-current="page">All products</a></li></ul></nav>`}
      <main><slot></slot></main>
      <footer>
        <p>${t.networkStatement}</p>
        <p>
          Helpdesk: <a href="mailto:${t.helpdeskEmail}">${t.helpdeskEmail}</a> ·
          <a href=${t.esaSpaceWeatherUrl} rel="noopener">ESA Space Weather</a> ·
          <a href=${t.portalUrl} rel="noopener">ESA SWE portal</a>
        </p>
        <p>Please acknowledge ${t.acknowledgement} when you use these products.</p>
        <p>SDO data ${t.sdoCredit}. Value-added product of ${t.centreLongName}.</p>
      </footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-frame': SweFrame;
  }
}
