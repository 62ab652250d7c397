/**
 * A full-Sun Carrington map drawn on the sphere as seen from a viewpoint (Carrington longitude and
 * latitude of the observer: Earth, or any chosen point), with d3-geo's orthographic projection and
 * a 10-degree graticule. Each canvas pixel is inverted to (lon, lat) and sampled from the map.
 *
 * @module
 */
import { geoGraticule10, geoOrthographic, geoPath } from 'd3';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ColourTableName } from '../../../products/src/definitions/types.ts';
import { colourTable } from '../../../products/src/quicklook/colour-tables.ts';
import { levelOf, normalise, type ResolvedScale } from '../../../products/src/quicklook/scale.ts';
import { baseStyles } from '../styles/shared.ts';
import type { Plane } from '../util/api.ts';
import type { MapGrid } from '../util/wcs.ts';

const SIZE = 460;
const RADIUS = SIZE / 2 - 8;

@customElement('swe-sphere')
export class SweSphere extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .stage {
        position: relative;
        width: ${SIZE}px;
        height: ${SIZE}px;
      }
      canvas,
      svg {
        position: absolute;
        left: 0;
        top: 0;
      }
      svg {
        pointer-events: none;
      }
    `,
  ];

  @property({ attribute: false }) plane?: Plane;
  @property({ attribute: false }) grid?: MapGrid;
  @property({ attribute: false }) table: ColourTableName = 'grey';
  @property({ attribute: false }) scale?: ResolvedScale;
  /** Observer's Carrington longitude and latitude, degrees. */
  @property({ type: Number }) lon = 0;
  @property({ type: Number }) lat = 0;
  @property() label = '';

  @query('canvas') private canvas?: HTMLCanvasElement;
  @query('svg') private svg?: SVGSVGElement;

  override render() {
    if (!this.plane || !this.grid?.lonLatToPixel) return nothing;
    return html`<div class="stage">
      <canvas
        width=${SIZE}
        height=${SIZE}
        role="img"
        aria-label="${this.label} on the solar sphere seen from Carrington longitude ${this.lon.toFixed(1)}°, latitude ${this.lat.toFixed(1)}°"
      ></canvas>
      <svg width=${SIZE} height=${SIZE} aria-hidden="true"></svg>
    </div>`;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const p = this.plane;
    const toPixel = this.grid?.lonLatToPixel;
    if (!p || !toPixel || !this.scale || !this.canvas || !this.svg) return;
    this.removeAttribute('data-ready');
    const projection = geoOrthographic()
      .scale(RADIUS)
      .translate([SIZE / 2, SIZE / 2])
      .rotate([-this.lon, -this.lat])
      .clipAngle(90);
    const ctx = this.canvas.getContext('2d')!;
    const img = ctx.createImageData(SIZE, SIZE);
    const rgb = colourTable(this.table).rgb;
    const r2 = RADIUS * RADIUS;
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        const dx = px + 0.5 - SIZE / 2;
        const dy = py + 0.5 - SIZE / 2;
        if (dx * dx + dy * dy > r2) continue;
        const ll = projection.invert!([px + 0.5, py + 0.5]);
        if (!ll) continue;
        const [fi, fj] = toPixel(ll[0], ll[1]);
        const i = Math.min(p.width - 1, Math.max(0, Math.round(fi)));
        const j = Math.min(p.height - 1, Math.max(0, Math.round(fj)));
        const t = normalise(p.values[j * p.width + i], this.scale);
        const o = 4 * (py * SIZE + px);
        if (Number.isNaN(t)) {
          img.data.set([200, 200, 200, 255], o);
          continue;
        }
        const k = 3 * levelOf(t, 256);
        img.data.set([rgb[k], rgb[k + 1], rgb[k + 2], 255], o);
      }
    }
    ctx.putImageData(img, 0, 0);
    const path = geoPath(projection);
    this.svg.innerHTML = '';
    const ns = 'http://www.w3.org/2000/svg';
    const grat = document.createElementNS(ns, 'path');
    grat.setAttribute('d', path(geoGraticule10()) ?? '');
    grat.setAttribute('fill', 'none');
    grat.setAttribute('stroke', 'rgba(255,255,255,0.45)');
    grat.setAttribute('stroke-width', '0.7');
    const limb = document.createElementNS(ns, 'circle');
    limb.setAttribute('cx', String(SIZE / 2));
    limb.setAttribute('cy', String(SIZE / 2));
    limb.setAttribute('r', String(RADIUS));
    limb.setAttribute('fill', 'none');
    limb.setAttribute('stroke', '#1a1a1a');
    this.svg.append(grat, limb);
    this.setAttribute('data-ready', 'true');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-sphere': SweSphere;
  }
}
