/**
 * What every `/api` route module shares: the app dependencies, the cached catalogue view, the
 * serialisation context, and lookups that turn path segments into definitions or 404s.
 *
 * @module
 */
import { PRODUCTS, productById, type ProductDefinition } from '../../../products/src/definitions/index.ts';
import type { AppDeps } from '../app.ts';
import type { ProductRecord } from '../catalogue/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { CatalogueView } from './catalogue-view.ts';
import type { ViewContext } from './views.ts';

export interface ApiContext {
  deps: AppDeps;
  view: CatalogueView;
  views: ViewContext;
}

export function createApiContext(deps: AppDeps): ApiContext {
  return {
    deps,
    view: new CatalogueView(deps.catalogue, deps.now),
    views: { baseUrl: deps.config.baseUrl, spaseAuthority: deps.config.spaseAuthority },
  };
}

/** The product named by a path segment, or a 404 listing the known ids. */
export function productOr404(id: string): ProductDefinition {
  const p = productById(id);
  if (!p) throw ApiError.notFound(`unknown product; known products: ${PRODUCTS.map((x) => x.id).join(', ')}`);
  return p;
}

/** A record id from a path segment: a positive integer, or 400. */
export function recordIdOf(text: string): number {
  if (!/^[1-9]\d{0,14}$/.test(text)) throw ApiError.badRequest('a record id is a positive integer, as in the id field of search results');
  return Number(text);
}

/** The record with that id and its product definition, or 404. */
export function recordOr404(api: ApiContext, id: number): { record: ProductRecord; product: ProductDefinition } {
  const record = api.deps.catalogue.getRecord(id);
  const product = record && productById(record.product);
  if (!record || !product) throw ApiError.notFound(`no record ${id}; search with /api/products/{product}/records`);
  return { record, product };
}
