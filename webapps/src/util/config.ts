/**
 * What the server tells a page: which page and product, the portal texts from configuration, the
 * URLs of the APIs and the server's "now". The server writes it as JSON into
 * `<script type="application/json" id="swe-config">`; nothing else is global.
 *
 * @module
 */
import type { ProductId } from '../../../products/src/definitions/types.ts';

export type PageName = 'index' | 'latest' | 'query' | 'help' | 'related';

/** Portal texts (server/src/config.ts `PortalTexts`). */
export interface PortalTexts {
  centreName: string;
  centreLongName: string;
  centreUrl: string;
  helpdeskEmail: string;
  esaContracts: string[];
  portalUrl: string;
  esaSpaceWeatherUrl: string;
  acknowledgement: string;
  sdoCredit: string;
  networkStatement: string;
}

export interface PageConfig {
  page: PageName;
  /** Absent on the product list. */
  product?: ProductId;
  portal: PortalTexts;
  /** Public base URL of the service (absolute URLs in snippets), without a trailing slash. */
  baseUrl: string;
  /** Root-relative prefixes the page fetches from. */
  apiBase: string;
  hapiBase: string;
  /** The server's clock (frozen in tests), ms since the epoch. */
  nowMs: number;
}

export const CONFIG_ELEMENT_ID = 'swe-config';

/** Thrown when the page was served without (valid) configuration. */
export class PageConfigError extends Error {
  override name = 'PageConfigError';
}

/** Read the configuration blob the server put into the page. */
export function readPageConfig(doc: Document = document): PageConfig {
  const el = doc.getElementById(CONFIG_ELEMENT_ID);
  if (!el?.textContent) throw new PageConfigError(`the page has no #${CONFIG_ELEMENT_ID} configuration`);
  const cfg = JSON.parse(el.textContent) as PageConfig;
  if (!cfg.portal || !cfg.page) throw new PageConfigError('the page configuration lacks portal texts or the page name');
  return cfg;
}

/** Serialise a configuration for embedding in HTML: `<` escaped so no `</script>` can end the block. */
export function embedPageConfig(cfg: PageConfig): string {
  return JSON.stringify(cfg).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
