/**
 * A horizontal colour bar for a named table and settled range, with a d3 axis in display units
 * and, for DEM maps, the legend of the display rules (grey scale = chi2 > 4, white = fewer than
 * 6 bands).
 *
 * @module
 */
import { axisBottom, scaleLinear, select } from 'd3';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ColourTableName } from '../../../products/src/definitions/types.ts';
import { colourTable, TABLE_SIZE } from '../../../products/src/quicklook/colour-tables.ts';
import { DEM_BANDS_REQUIRED, DEM_CHI2_LIMIT } from '../../../products/src/quicklook/dem-quality.ts';
import { displayUnits, type ResolvedScale } from '../../../products/src/quicklook/scale.ts';
import { baseStyles } from '../styles/shared.ts';

const WIDTH = 420;
const BAR_H = 16;

@customElement('swe-colour-bar')
export class SweColourBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
      }
      .bar {
        position: relative;
        width: ${WIDTH}px;
      }
      canvas {
        display: block;
        width: ${WIDTH}px;
        height: ${BAR_H}px;
        border: 1px solid #1a1a1a;
      }
      svg {
        display: block;
        overflow: visible;
      }
      svg text {
        font: 11px system-ui, sans-serif;
        fill: #1a1a1a;
      }
      .caption {
        margin-top: 0.1rem;
      }
      .legend {
        display: flex;
        gap: 1.2rem;
        margin-top: 0.3rem;
      }
      .swatch {
        display: inline-block;
        width: 2.2rem;
        height: 0.9rem;
        vertical-align: middle;
        border: 1px solid #1a1a1a;
        margin-right: 0.3rem;
      }
      .grey {
        background: linear-gradient(to right, #000, #fff);
      }
      .white {
        background: #fff;
      }
    `,
  ];

  @property({ attribute: false }) table: ColourTableName = 'grey';
  @property({ attribute: false }) scale?: ResolvedScale;
  /** Stored units (shown as display units, e.g. log10(K)). */
  @property() units = '';
  @property() label = '';
  /** Show the DEM display-rule legend. */
  @property({ type: Boolean }) demRules = false;

  @query('canvas') private canvas?: HTMLCanvasElement;
  @query('svg') private svg?: SVGSVGElement;

  override render() {
    if (!this.scale) return nothing;
    const units = displayUnits(this.units, this.scale.scale);
    return html`
      <div class="bar" role="img" aria-label="Colour bar of ${this.label}: ${this.scale.lo.toPrecision(3)} to ${this.scale.hi.toPrecision(3)} ${units}">
        <canvas width=${TABLE_SIZE} height="1"></canvas>
        <svg width=${WIDTH} height="22" aria-hidden="true"></svg>
      </div>
      <div class="caption">${this.label}${units ? html` [${units}]` : nothing}</div>
      ${this.demRules
        ? html`<div class="legend">
            <span><span class="swatch grey"></span>reduced χ² &gt; ${DEM_CHI2_LIMIT}: grey scale</span>
            <span><span class="swatch white"></span>fewer than ${DEM_BANDS_REQUIRED} valid bands: white</span>
          </div>`
        : nothing}
    `;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const s = this.scale;
    if (!s || !this.canvas || !this.svg) return;
    const ctx = this.canvas.getContext('2d')!;
    const img = ctx.createImageData(TABLE_SIZE, 1);
    const rgb = colourTable(this.table).rgb;
    for (let i = 0; i < TABLE_SIZE; i++) img.data.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255], 4 * i);
    ctx.putImageData(img, 0, 0);
    const svg = select(this.svg);
    svg.selectAll('*').remove();
    svg.append('g').call(axisBottom(scaleLinear().domain([s.lo, s.hi]).range([0.5, WIDTH - 0.5])).ticks(6));
    this.setAttribute('data-ready', 'true');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-colour-bar': SweColourBar;
  }
}
