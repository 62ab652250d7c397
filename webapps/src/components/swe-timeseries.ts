/**
 * A time-series plot (uPlot) of HAPI columns: x in epoch seconds, one y series per parameter, null
 * for fill (drawn as gaps). uPlot's stylesheet is adopted inside the shadow root.
 *
 * @module
 */
import { css, html, LitElement, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { baseStyles } from '../styles/shared.ts';
import type { HapiColumns } from '../util/hapi.ts';

const COLOURS = ['#00507a', '#b35900', '#2e7d32', '#8e24aa'];

@customElement('swe-timeseries')
export class SweTimeseries extends LitElement {
  static override styles = [
    baseStyles,
    unsafeCSS(uplotCss),
    css`
      :host {
        display: block;
      }
      .plot {
        min-height: 300px;
      }
      .u-legend {
        font-size: 0.85rem;
      }
    `,
  ];

  /** The data to plot (public so tests can compare it with the HAPI answer). */
  @property({ attribute: false }) columns?: HapiColumns;
  /** Accessible description, e.g. "median_tc of dem_indices". */
  @property() label = '';
  @property({ type: Number }) width = 940;

  @query('.plot') private container?: HTMLDivElement;
  private plot?: uPlot;

  override render() {
    const c = this.columns;
    if (!c) return nothing;
    const points = c.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
    return html`<div class="plot" role="img" aria-label="Time series of ${this.label}: ${points} values"></div>
      ${points === 0 ? html`<p class="muted">No values in this time range.</p>` : nothing}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('columns') && !changed.has('width')) return;
    this.plot?.destroy();
    this.plot = undefined;
    const c = this.columns;
    if (!c || !this.container) return;
    const opts: uPlot.Options = {
      width: this.width,
      height: 300,
      scales: { x: { time: true } },
      // Axes and legend in UTC, never the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      series: [
        { label: 'Time (UTC)' },
        ...c.series.map((s, i) => ({
          label: s.units ? `${s.name} [${s.units}]` : s.name,
          stroke: COLOURS[i % COLOURS.length],
          width: 1.5,
          points: { show: true, size: 5 },
          spanGaps: false,
        })),
      ],
      axes: [{}, { label: c.series[0]?.units ?? '', size: 70 }],
    };
    this.plot = new uPlot(opts, [c.times, ...c.series.map((s) => s.values)] as uPlot.AlignedData, this.container);
    this.setAttribute('data-ready', 'true');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.plot?.destroy();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-timeseries': SweTimeseries;
  }
}
