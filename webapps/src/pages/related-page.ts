/**
 * The Related products page: the other products of this service, and related external products
 * (archives, viewers, portals) chosen per product.
 *
 * @module
 */
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { productById, PRODUCTS } from '../../../products/src/definitions/index.ts';
import type { ProductDefinition, ProductId } from '../../../products/src/definitions/types.ts';
import '../components/swe-frame.ts';
import { baseStyles } from '../styles/shared.ts';
import { readPageConfig, type PageConfig } from '../util/config.ts';

interface External {
  title: string;
  url: string;
  text: string;
}

/** External products and tools worth knowing next to each product. */
const EXTERNAL: Record<ProductId | 'all', External[]> = {
  all: [
    { title: 'JSOC (Joint Science Operations Center)', url: 'http://jsoc.stanford.edu/', text: 'The SDO/HMI and AIA archive and its data series, the inputs of these products.' },
    { title: 'Helioviewer.org', url: 'https://helioviewer.org/', text: 'Browse and compare solar images from SDO and other missions in the browser.' },
    { title: 'JHelioviewer', url: 'https://www.jhelioviewer.org/', text: 'Desktop viewer; loads synoptic maps from this service and HAPI time series.' },
    { title: 'ESA Space Weather Service Network', url: 'https://swe.ssa.esa.int/', text: 'The portal of the federated space-weather products.' },
  ],
  'synoptic-photosphere': [
    { title: 'JSOC HMI synoptic maps', url: 'http://jsoc.stanford.edu/jsocwiki/SynopticMaps', text: 'Carrington-rotation and daily-updated synoptic maps from HMI.' },
  ],
  'synoptic-euv': [
    { title: 'IDOC synchronous synoptic maps', url: 'https://idoc-ssa-prod.ias.u-psud.fr/synopticmaps/s050a/portal/help/product', text: 'The reference UV/EUV synchronous synoptic maps (s050a).' },
  ],
  dem: [
    { title: 'GAIA-DEM at MEDOC', url: 'http://idoc-dachs.ias.u-psud.fr/medoc/gaia_dem/q/dl/info', text: 'Gaussian AIA DEM maps since 2010, the model of this product.' },
  ],
  currents: [
    { title: 'SHARP data series', url: 'http://jsoc.stanford.edu/doc/data/hmi/sharp/sharp.htm', text: 'Space-weather HMI Active Region Patches, the input of the current maps.' },
    { title: 'SWPC active regions', url: 'https://www.swpc.noaa.gov/products/solar-region-summary', text: 'NOAA solar region summaries (the NOAA AR numbers).' },
  ],
};

@customElement('swe-related-page')
export class SweRelatedPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      dt {
        font-weight: 600;
        margin-top: 0.6rem;
      }
      dd {
        margin: 0.1rem 0 0 1rem;
      }
    `,
  ];

  private readonly config: PageConfig = readPageConfig();
  private readonly product: ProductDefinition = productById(this.config.product ?? '')!;

  override firstUpdated(): void {
    this.setAttribute('data-ready', 'true');
  }

  override render() {
    const cfg = this.config;
    const others = PRODUCTS.filter((p) => p.id !== this.product.id);
    const external = [...EXTERNAL[this.product.id], ...EXTERNAL.all, { title: cfg.portal.centreName, url: cfg.portal.centreUrl, text: `${cfg.portal.centreLongName}, the data centre that makes these products.` }];
    return html`<swe-frame .config=${cfg} heading=${this.product.title}>
      <h2>Other products from ${cfg.portal.centreName}</h2>
      <dl>
        ${others.map(
          (p) => html`<dt><a href="/portal/${p.id}/latest">${p.title}</a></dt>
            <dd>${p.description} <a href="/portal/${p.id}/help">Help<span class="visually-hidden"> on ${p.title}</span></a></dd>`,
        )}
      </dl>
      <h2>Related external products</h2>
      <dl>
        ${external.map((e) => html`<dt><a href=${e.url} rel="noopener">${e.title}</a></dt><dd>${e.text}</dd>`)}
      </dl>
    </swe-frame>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-related-page': SweRelatedPage;
  }
}
