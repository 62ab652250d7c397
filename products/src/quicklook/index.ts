/**
 * Quicklooks shared by the server (PNG files) and the portal pages (canvas, legends): named colour
 * tables, display scaling, DEM display rules and the PNG renderer.
 *
 * The browser imports `colour-tables.ts`, `scale.ts`, `colourise.ts` and `dem-quality.ts` directly
 * (no PNG encoder in the page bundles).
 *
 * @module
 */
export * from './colour-tables.ts';
export * from './colourise.ts';
export * from './dem-quality.ts';
export * from './scale.ts';
export { renderDemQuicklook, renderQuicklook, renderThumbnail, renderWithLayout, type QuicklookLayout, type QuicklookOptions } from './render.ts';
