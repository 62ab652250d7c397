/**
 * A map plane on canvas: colour-mapped in the browser with the shared tables (same rules as the
 * PNG quicklooks), d3 axes from the file's WCS, an optional translucent overlay (data age), and a
 * readout of the pixel under the pointer or the keyboard cursor: its value from the plane, its
 * coordinates from the API's pixel endpoint.
 *
 * Keyboard: focus the map, move with the arrow keys (Shift: 10 × faster), Home to the centre.
 *
 * @module
 */
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { colourTable } from '../../../products/src/quicklook/colour-tables.ts';
import { colouriseRgba } from '../../../products/src/quicklook/colourise.ts';
import type { ResolvedScale } from '../../../products/src/quicklook/scale.ts';
import type { ColourTableName } from '../../../products/src/definitions/types.ts';
import { baseStyles } from '../styles/shared.ts';
import { getJson, isAbort, query as qs, type PixelJson, type Plane } from '../util/api.ts';
import { formatValue } from '../util/format.ts';
import { axisValueAt, type AxisSpec, type MapGrid } from '../util/wcs.ts';

const MARGIN = { left: 58, right: 14, top: 8, bottom: 44 };
const MAX_W = 880;
const MAX_H = 520;

/** A layer drawn over the map with partial opacity. */
export interface MapOverlay {
  plane: Plane;
  table: ColourTableName;
  scale: ResolvedScale;
  opacity: number;
}

interface Cursor {
  x: number;
  y: number;
}

@customElement('swe-map')
export class SweMap extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .stage {
        position: relative;
      }
      canvas,
      svg {
        position: absolute;
      }
      canvas.map {
        cursor: crosshair;
        background: repeating-conic-gradient(#e8e8e8 0% 25%, #f8f8f8 0% 50%) 50% / 16px 16px;
      }
      canvas.overlay,
      svg {
        pointer-events: none;
      }
      .axis text {
        font: 11px system-ui, sans-serif;
        fill: #1a1a1a;
      }
      .axis-label {
        font: 12px system-ui, sans-serif;
        fill: #1a1a1a;
      }
      .readout {
        min-height: 1.5em;
        font-variant-numeric: tabular-nums;
        margin-top: 0.2rem;
      }
    `,
  ];

  /** Values to draw (FITS order, row 0 at the bottom). */
  @property({ attribute: false }) plane?: Plane;
  /** Colour table and settled range. */
  @property({ attribute: false }) table: ColourTableName = 'grey';
  @property({ attribute: false }) scale?: ResolvedScale;
  /** Per-pixel display classes (DEM rules). */
  @property({ attribute: false }) quality?: Uint8Array;
  @property({ attribute: false }) grid?: MapGrid;
  @property({ attribute: false }) overlay?: MapOverlay;
  /** What the map shows, for the accessible name and the readout ("Br", "Peak temperature Tc"). */
  @property() label = '';
  /** `/api/records/{id}/pixel` of the record, for exact coordinates. */
  @property() pixelUrl = '';
  /** Plane id sent to the pixel endpoint. */
  @property() planeId = '';

  @state() private cursor?: Cursor;
  @state() private coords?: PixelJson;

  @query('canvas.map') private canvas!: HTMLCanvasElement;
  @query('canvas.overlay') private overlayCanvas!: HTMLCanvasElement;
  @query('svg') private svg!: SVGSVGElement;

  private coordsAbort?: AbortController;
  private coordsTimer?: ReturnType<typeof setTimeout>;

  /** CSS size of the picture. */
  private get size(): { w: number; h: number } {
    const p = this.plane;
    if (!p) return { w: 0, h: 0 };
    const s = Math.min(MAX_W / p.width, MAX_H / p.height);
    return { w: Math.max(1, Math.round(p.width * s)), h: Math.max(1, Math.round(p.height * s)) };
  }

  override render() {
    if (!this.plane || !this.scale) return nothing;
    const { w, h } = this.size;
    const W = MARGIN.left + w + MARGIN.right;
    const H = MARGIN.top + h + MARGIN.bottom;
    return html`
      <div class="stage" style="width:${W}px;height:${H}px">
        <canvas
          class="map"
          tabindex="0"
          role="img"
          aria-label="${this.label} map; use the arrow keys to read values"
          aria-describedby="readout"
          style="left:${MARGIN.left}px;top:${MARGIN.top}px;width:${w}px;height:${h}px"
          @pointermove=${this.onPointer}
          @pointerleave=${() => this.setCursor(undefined)}
          @keydown=${this.onKey}
          @focus=${() => this.cursor ?? this.setCursor({ x: Math.floor(this.plane!.width / 2), y: Math.floor(this.plane!.height / 2) })}
        ></canvas>
        <canvas class="overlay" aria-hidden="true" style="left:${MARGIN.left}px;top:${MARGIN.top}px;width:${w}px;height:${h}px" ?hidden=${!this.overlay}></canvas>
        <svg width=${W} height=${H} aria-hidden="true"></svg>
      </div>
      <div id="readout" class="readout" aria-live="polite" data-x=${this.cursor?.x ?? ''} data-y=${this.cursor?.y ?? ''} data-value=${this.cursorValue() ?? ''}>
        ${this.readoutText()}
      </div>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('plane') || changed.has('scale') || changed.has('table') || changed.has('quality')) {
      if (changed.has('plane') && changed.get('plane') !== undefined) this.cursor = undefined;
      this.draw();
    }
    if (changed.has('plane') || changed.has('grid') || changed.has('cursor')) this.drawAxes();
    if (changed.has('overlay') || changed.has('plane')) this.drawOverlay();
  }

  private draw(): void {
    const p = this.plane;
    if (!p || !this.scale || !this.canvas) return;
    this.removeAttribute('data-ready');
    const { w, h } = this.size;
    paint(this.canvas, w, h, p, colouriseRgba(p.values, p.width, p.height, colourTable(this.table), this.scale, { quality: this.quality }));
    this.setAttribute('data-ready', 'true');
    this.dispatchEvent(new CustomEvent('swe-map-drawn', { bubbles: true, composed: true }));
  }

  private drawOverlay(): void {
    const o = this.overlay;
    if (!o || !this.overlayCanvas) return;
    const { w, h } = this.size;
    paint(this.overlayCanvas, w, h, o.plane, colouriseRgba(o.plane.values, o.plane.width, o.plane.height, colourTable(o.table), o.scale));
    this.overlayCanvas.style.opacity = String(o.opacity);
  }

  private drawAxes(): void {
    const p = this.plane;
    if (!p || !this.svg) return;
    const { w, h } = this.size;
    const grid = this.grid;
    const svg = select(this.svg);
    svg.selectAll('*').remove();
    const xSpec: AxisSpec = grid?.x ?? { label: 'x (pixel)', transform: 'linear', edges: [-0.5, p.width - 0.5] };
    const ySpec: AxisSpec = grid?.y ?? { label: 'y (pixel)', transform: 'linear', edges: [-0.5, p.height - 0.5] };
    const x = scaleLinear().domain(xSpec.edges).range([0, w]);
    const y = scaleLinear().domain(ySpec.edges).range([h, 0]);
    const xAxis = axisBottom(x).ticks(Math.max(2, Math.floor(w / 90)));
    const yAxis = axisLeft(y).ticks(Math.max(2, Math.floor(h / 60)));
    if (ySpec.transform === 'sine') {
      const lats = [-90, -60, -30, 0, 30, 60, 90].map((d) => Math.sin((d * Math.PI) / 180));
      yAxis.tickValues(lats.filter((v) => v >= Math.min(...ySpec.edges) - 1e-9 && v <= Math.max(...ySpec.edges) + 1e-9)).tickFormat((v) => `${Math.round((Math.asin(Math.max(-1, Math.min(1, +v))) * 180) / Math.PI)}`);
    }
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},${MARGIN.top + h})`).call(xAxis);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`).call(yAxis);
    svg.append('text').attr('class', 'axis-label').attr('x', MARGIN.left + w / 2).attr('y', MARGIN.top + h + 36).attr('text-anchor', 'middle').text(xSpec.label);
    svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(14,${MARGIN.top + h / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(ySpec.label);
    const c = this.cursor;
    if (c) {
      // Crosshair at the cursor pixel centre (y flipped: row 0 at the bottom).
      const cx = MARGIN.left + ((c.x + 0.5) / p.width) * w;
      const cy = MARGIN.top + h - ((c.y + 0.5) / p.height) * h;
      const g = svg.append('g').attr('stroke', '#ffffff').attr('stroke-width', 1);
      g.append('line').attr('x1', cx - 8).attr('x2', cx + 8).attr('y1', cy).attr('y2', cy);
      g.append('line').attr('x1', cx).attr('x2', cx).attr('y1', cy - 8).attr('y2', cy + 8);
      g.clone(true).lower().attr('stroke', '#000000').attr('stroke-width', 3);
    }
  }

  private onPointer = (e: PointerEvent): void => {
    const p = this.plane;
    if (!p) return;
    const r = this.canvas.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width;
    const fy = (e.clientY - r.top) / r.height;
    if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return;
    this.setCursor({ x: Math.floor(fx * p.width), y: p.height - 1 - Math.floor(fy * p.height) });
  };

  private onKey = (e: KeyboardEvent): void => {
    const p = this.plane;
    if (!p) return;
    const step = Math.max(1, Math.round(p.width / this.size.w) * 4) * (e.shiftKey ? 10 : 1);
    const c = this.cursor ?? { x: Math.floor(p.width / 2), y: Math.floor(p.height / 2) };
    const moves: Record<string, Cursor> = {
      ArrowLeft: { x: c.x - step, y: c.y },
      ArrowRight: { x: c.x + step, y: c.y },
      ArrowUp: { x: c.x, y: c.y + step },
      ArrowDown: { x: c.x, y: c.y - step },
      Home: { x: Math.floor(p.width / 2), y: Math.floor(p.height / 2) },
    };
    const next = moves[e.key];
    if (!next) return;
    e.preventDefault();
    this.setCursor({ x: Math.min(p.width - 1, Math.max(0, next.x)), y: Math.min(p.height - 1, Math.max(0, next.y)) });
  };

  private setCursor(c: Cursor | undefined): void {
    if (c && this.cursor && c.x === this.cursor.x && c.y === this.cursor.y) return;
    this.cursor = c;
    this.coords = undefined;
    clearTimeout(this.coordsTimer);
    this.coordsAbort?.abort();
    if (!c || !this.pixelUrl) return;
    // Coordinates come from the server; wait until the pointer rests a moment.
    this.coordsTimer = setTimeout(() => void this.fetchCoords(c), 60);
  }

  private async fetchCoords(c: Cursor): Promise<void> {
    const ctrl = new AbortController();
    this.coordsAbort = ctrl;
    try {
      const coords = await getJson<PixelJson>(`${this.pixelUrl}${qs({ plane: this.planeId, x: c.x, y: c.y })}`, ctrl.signal);
      if (this.cursor === c) this.coords = coords;
    } catch (e) {
      if (!isAbort(e) && this.cursor === c) this.coords = { value: null, x: c.x, y: c.y, coordinate_system: 'pixel' };
    }
  }

  private cursorValue(): number | undefined {
    const p = this.plane;
    const c = this.cursor;
    return p && c ? p.values[c.y * p.width + c.x] : undefined;
  }

  private readoutText() {
    const c = this.cursor;
    if (!c) return html`<span class="muted">Point at the map (or focus it and use the arrow keys) to read values.</span>`;
    const v = this.cursorValue();
    const units = this.plane?.units ?? '';
    const k = this.coords;
    let where = html`<span class="muted">…</span>`;
    if (k?.coordinate_system === 'carrington' && k.carrington_longitude !== undefined) {
      where = html`Carrington lon ${k.carrington_longitude.toFixed(2)}°, lat ${k.carrington_latitude!.toFixed(2)}°`;
    } else if (k?.coordinate_system === 'helioprojective' && k.helioprojective_x !== undefined) {
      where = html`helioprojective x ${k.helioprojective_x.toFixed(1)}″, y ${k.helioprojective_y!.toFixed(1)}″`;
    } else if (k && this.grid?.kind === 'helioprojective' && this.plane) {
      // The API gives no helioprojective coordinates (yet): the header's linear axes (unrotated
      // maps only) match the TAN projection within 0.02" over the disk.
      const g = this.grid;
      where = html`helioprojective x ${axisValueAt(g.x, g.width, c.x).toFixed(1)}″, y ${axisValueAt(g.y, g.height, c.y).toFixed(1)}″`;
    } else if (k) where = html`no solar coordinates here`;
    return html`<strong>${this.label}</strong> ${v === undefined || Number.isNaN(v) ? 'no data' : `${formatValue(v)} ${units}`} · pixel (${c.x}, ${c.y}) · ${where}`;
  }
}

/** Draw RGBA pixels of a plane scaled onto a canvas of CSS size w × h (device pixels). */
function paint(canvas: HTMLCanvasElement, w: number, h: number, plane: Plane, rgba: Uint8ClampedArray): void {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const off = document.createElement('canvas');
  off.width = plane.width;
  off.height = plane.height;
  off.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, plane.width, plane.height), 0, 0);
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  // Smooth when shrinking (averages neighbours), sharp pixels when enlarging small patches.
  ctx.imageSmoothingEnabled = canvas.width < plane.width;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-map': SweMap;
  }
}
