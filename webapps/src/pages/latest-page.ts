/**
 * The Latest page: the most recent map of the chosen channel/parameter, its time and age, the
 * version, a late-feed warning, the map (or the sphere view for synoptic maps, with an optional
 * data-age layer), the colour bar, the hover readout, downloads, and for currents the HARP list.
 *
 * Its state (parameter, plane, version, HARP, view) lives in the URL so a view can be shared.
 * `data-ready="true"` is set on the element when the map of the current state is drawn.
 *
 * @module
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { productById } from '../../../products/src/definitions/index.ts';
import type { DataType, ProductChannel, ProductDefinition, ProductParameter } from '../../../products/src/definitions/types.ts';
import { sunFromEarth } from '../../../products/src/geometry/ephemeris.ts';
import { demQualityClasses } from '../../../products/src/quicklook/dem-quality.ts';
import { resolveScale, type ResolvedScale } from '../../../products/src/quicklook/scale.ts';
import '../components/swe-colour-bar.ts';
import '../components/swe-frame.ts';
import '../components/swe-harp-list.ts';
import type { HarpKey, HarpRow } from '../components/swe-harp-list.ts';
import '../components/swe-map.ts';
import type { MapOverlay } from '../components/swe-map.ts';
import '../components/swe-sphere.ts';
import { baseStyles } from '../styles/shared.ts';
import { getJson, getPlane, isAbort, query, type LatestJson, type Plane, type RecordJson, type SearchJson } from '../util/api.ts';
import { readPageConfig, type PageConfig } from '../util/config.ts';
import { formatBytes } from '../util/format.ts';
import { formatAge, formatDuration, formatUtc } from '../util/time.ts';
import { versionKey, versionValues } from '../util/url-state.ts';
import { fetchFitsHead, firstImageHeader, mapGrid, type MapGrid } from '../util/wcs.ts';

/** DEM planes drawn with the chi2/bands display rules. */
const DEM_RULE_PLANES = new Set(['tc', 'em', 'width']);

interface MapData {
  record: RecordJson;
  plane: Plane;
  planeInfo: ProductParameter;
  grid: MapGrid;
  scale: ResolvedScale;
  quality?: Uint8Array;
}

@customElement('swe-latest-page')
export class SweLatestPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .status {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 1.2rem;
        align-items: baseline;
        margin: 0.4rem 0;
      }
      .status .time {
        font-size: 1.1rem;
        font-weight: 700;
      }
      .below {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: 1rem;
        margin-top: 0.4rem;
      }
      .downloads a {
        display: inline-block;
        margin-right: 0.8rem;
      }
      fieldset {
        border: 1px solid var(--line);
        border-radius: 6px;
        display: flex;
        gap: 0.6rem;
        align-items: flex-end;
        padding: 0.2rem 0.6rem 0.5rem;
        margin: 0;
      }
      legend {
        font-size: 0.85rem;
        color: var(--muted);
      }
      .radio {
        flex-direction: row;
        align-items: center;
        gap: 0.3rem;
        font-size: 0.95rem;
        color: var(--ink);
      }
      input[type='number'] {
        width: 5.5rem;
      }
      .harps {
        margin-top: 0.8rem;
      }
    `,
  ];

  private readonly config: PageConfig = readPageConfig();
  private readonly product: ProductDefinition = productById(this.config.product ?? '')!;

  @state() private channelId = this.product.channels[0].id;
  @state() private planeId = this.product.channels[0].planes[0].id;
  /** map_type or data_type filter; '' = best available. */
  @state() private version = '';
  @state() private harp: HarpKey;
  @state() private view: 'map' | 'sphere' = 'map';
  @state() private ageLayer = false;
  @state() private viewpoint: 'earth' | 'custom' = 'earth';
  @state() private customLon = 0;
  @state() private customLat = 0;

  constructor() {
    super();
    this.readUrl();
    this.addEventListener('swe-map-drawn', () => {
      if (this.mapTask.status === TaskStatus.COMPLETE) this.setAttribute('data-ready', 'true');
    });
  }

  private get channel(): ProductChannel {
    return this.product.channels.find((c) => c.id === this.channelId) ?? this.product.channels[0];
  }

  /** The latest record, once it is the record of the channel chosen now. */
  private get currentRecord(): RecordJson | undefined {
    const r = this.latestTask.value?.record;
    return r && r.parameter === this.channel.id ? r : undefined;
  }

  private readonly latestTask = new Task(this, {
    task: async ([channel, version, harp], { signal }) => {
      const key = versionKey(this.product);
      const params = { parameter: channel, [key]: version || undefined, ...(harp ? { harpnum: harp.harpnum, data_type: harp.dataType } : {}) };
      return getJson<LatestJson>(`${this.config.apiBase}/products/${this.product.id}/latest${query(params)}`, signal);
    },
    args: () => [this.channelId, this.version, this.harp] as const,
  });

  private readonly mapTask = new Task(this, {
    task: async ([record, planeId], { signal }): Promise<MapData | typeof initialState> => {
      if (!record) return initialState;
      const planeInfo = this.channel.planes.find((p) => p.id === planeId) ?? this.channel.planes[0];
      const planeUrl = (id: string) => `${this.config.apiBase}/records/${record.id}/planes/${encodeURIComponent(id)}`;
      const rules = this.product.id === 'dem' && DEM_RULE_PLANES.has(planeInfo.id);
      const fits = record.files.fits;
      const [plane, head, chi2, nbands] = await Promise.all([
        getPlane(planeUrl(planeInfo.id), signal),
        fits ? fetchFitsHead(this.local(fits.url), signal).catch((e) => (isAbort(e) ? Promise.reject(e) : undefined)) : undefined,
        rules ? getPlane(planeUrl('chi2'), signal) : undefined,
        rules ? getPlane(planeUrl('nbands'), signal) : undefined,
      ]);
      return {
        record,
        plane,
        planeInfo,
        grid: mapGrid(head ? firstImageHeader(head) : undefined, plane.width, plane.height),
        scale: resolveScale(plane.values, planeInfo.display),
        quality: chi2 && nbands ? demQualityClasses(chi2.values, nbands.values) : undefined,
      };
    },
    // While the latest record of a newly chosen channel is loading, the previous record is still
    // the task's value: never ask it for a plane of the new channel.
    args: () => [this.currentRecord, this.planeId] as const,
  });

  private readonly ageTask = new Task(this, {
    task: async ([record, on], { signal }): Promise<MapOverlay | typeof initialState> => {
      if (!record || !on) return initialState;
      const info = this.channel.planes.find((p) => p.id === 'data_age');
      if (!info) return initialState;
      const plane = await getPlane(`${this.config.apiBase}/records/${record.id}/planes/data_age`, signal);
      return { plane, table: info.display.colourTable, scale: resolveScale(plane.values, info.display), opacity: 0.55 };
    },
    args: () => [this.latestTask.value?.record, this.ageLayer && this.view === 'map'] as const,
  });

  /** Currents: the HARPs of the newest maps (both data types when close in time). */
  private readonly harpsTask = new Task(this, {
    task: async ([version], { signal }): Promise<HarpRow[] | typeof initialState> => {
      if (this.product.id !== 'currents') return initialState;
      const latest = await getJson<LatestJson>(`${this.config.apiBase}/products/currents/latest${query({ data_type: version || undefined })}`, signal);
      const t = Date.parse(latest.record.time);
      const window = { start: new Date(t - this.product.cadenceSeconds * 1000).toISOString(), stop: new Date(t + 1000).toISOString() };
      const page = await getJson<SearchJson>(`${this.config.apiBase}/products/currents/records${query({ ...window, data_type: version || undefined, limit: 200 })}`, signal);
      const newest = new Map<string, HarpRow>();
      for (const r of page.records) {
        if (r.harpnum === undefined || !r.data_type) continue;
        const row: HarpRow = { harpnum: r.harpnum, dataType: r.data_type as DataType, noaaArs: r.noaa_ars, version: r.version, timeMs: Date.parse(r.time) };
        const key = `${row.dataType}:${row.harpnum}`;
        if ((newest.get(key)?.timeMs ?? -Infinity) < row.timeMs) newest.set(key, row);
      }
      return [...newest.values()].sort((a, b) => a.dataType.localeCompare(b.dataType) || a.harpnum - b.harpnum);
    },
    args: () => [this.version] as const,
  });

  protected override willUpdate(): void {
    if (this.latestTask.status === TaskStatus.PENDING || this.mapTask.status === TaskStatus.PENDING) this.removeAttribute('data-ready');
    if (this.latestTask.status === TaskStatus.ERROR || this.mapTask.status === TaskStatus.ERROR) this.setAttribute('data-ready', 'true');
  }

  override render() {
    return html`<swe-frame .config=${this.config} heading=${this.product.title}>
      ${this.renderControls()}
      ${this.latestTask.render({
        pending: () => html`<p class="muted" role="status">Loading the latest map…</p>`,
        error: (e) => html`<p class="error" role="alert">No map to show: ${(e as Error).message}</p>`,
        complete: (latest) => this.renderLatest(latest),
      })}
      ${this.product.id === 'currents' ? this.renderHarps() : nothing}
    </swe-frame>`;
  }

  private renderControls() {
    const p = this.product;
    const key = versionKey(p);
    const canSphere = p.id === 'synoptic-euv' || p.id === 'synoptic-photosphere';
    return html`<form class="controls" @submit=${(e: Event) => e.preventDefault()}>
      ${p.channels.length > 1
        ? html`<label>Channel
            <select name="parameter" @change=${(e: Event) => this.update$({ channelId: (e.target as HTMLSelectElement).value, planeId: undefined })}>
              ${p.channels.map((c) => html`<option value=${c.id} ?selected=${c.id === this.channelId}>${c.label}</option>`)}
            </select></label
          >`
        : nothing}
      <label>Parameter
        <select name="plane" @change=${(e: Event) => this.update$({ planeId: (e.target as HTMLSelectElement).value })}>
          ${this.channel.planes.map((pl) => html`<option value=${pl.id} ?selected=${pl.id === this.planeId}>${pl.label}</option>`)}
        </select></label
      >
      <label>${key === 'map_type' ? 'Map type' : 'Data type'}
        <select name=${key} @change=${(e: Event) => this.update$({ version: (e.target as HTMLSelectElement).value, harp: undefined })}>
          <option value="" ?selected=${!this.version}>Best available</option>
          ${versionValues(p).map((v) => html`<option value=${v} ?selected=${v === this.version}>${v}</option>`)}
        </select></label
      >
      ${canSphere
        ? html`<fieldset>
              <legend>View</legend>
              <label class="radio"><input type="radio" name="view" value="map" .checked=${this.view === 'map'} @change=${() => this.update$({ view: 'map' })} />Map</label>
              <label class="radio"><input type="radio" name="view" value="sphere" .checked=${this.view === 'sphere'} @change=${() => this.update$({ view: 'sphere' })} />Sphere</label>
            </fieldset>
            ${this.view === 'map'
              ? html`<label class="radio"><input type="checkbox" name="age" .checked=${this.ageLayer} @change=${(e: Event) => (this.ageLayer = (e.target as HTMLInputElement).checked)} />Data-age layer</label>`
              : this.renderViewpoint()}`
        : nothing}
    </form>`;
  }

  private renderViewpoint() {
    return html`<fieldset>
      <legend>Viewpoint</legend>
      <label class="radio"><input type="radio" name="viewpoint" value="earth" .checked=${this.viewpoint === 'earth'} @change=${() => (this.viewpoint = 'earth')} />Earth</label>
      <label class="radio"><input type="radio" name="viewpoint" value="custom" .checked=${this.viewpoint === 'custom'} @change=${() => (this.viewpoint = 'custom')} />Chosen</label>
      <label>Carrington longitude (°)
        <input type="number" name="lon" min="0" max="360" step="5" .value=${String(this.customLon)} ?disabled=${this.viewpoint !== 'custom'}
          @change=${(e: Event) => (this.customLon = clamp(Number((e.target as HTMLInputElement).value), 0, 360))} /></label>
      <label>Latitude (°)
        <input type="number" name="lat" min="-90" max="90" step="5" .value=${String(this.customLat)} ?disabled=${this.viewpoint !== 'custom'}
          @change=${(e: Event) => (this.customLat = clamp(Number((e.target as HTMLInputElement).value), -90, 90))} /></label>
    </fieldset>`;
  }

  private renderLatest(latest: LatestJson) {
    const r = latest.record;
    const t = Date.parse(r.time);
    const versionText = r.map_type ?? r.data_type ?? '';
    const planeFile = r.files[`png:${this.planeId}`] ?? r.files.png;
    const lateAfter = latest.late_after_seconds ?? this.product.cadenceSeconds + latest.expected_latency_seconds;
    return html`
      <div class="status" data-record-id=${r.id}>
        <span class="time" data-time=${r.time}>${formatUtc(t, 'minutes')}</span>
        <span class="age">${formatAge(latest.age_seconds)}</span>
        <span>${versionText} · version ${r.version}${r.harpnum !== undefined ? html` · HARP ${r.harpnum}${r.noaa_ars.length ? html` (NOAA ${r.noaa_ars.join(', ')})` : nothing}` : nothing}</span>
      </div>
      ${latest.late
        ? html`<p class="warning" role="alert" data-late="true">
            Late feed: this map is ${formatDuration(latest.age_seconds)} old; a new map is expected every ${formatDuration(this.product.cadenceSeconds)}
            (late after ${formatDuration(lateAfter)}).
          </p>`
        : nothing}
      ${this.mapTask.render({
        pending: () => html`<p class="muted" role="status">Drawing the map…</p>`,
        error: (e) => html`<p class="error" role="alert">The map cannot be drawn: ${(e as Error).message}</p>`,
        complete: (m) => this.renderMap(m),
      })}
      <p class="downloads">
        ${r.files.fits ? html`<a href=${r.files.fits.url} download>Download FITS (${formatBytes(r.files.fits.bytes)})</a>` : nothing}
        ${planeFile ? html`<a href=${planeFile.url} download>Download PNG (${formatBytes(planeFile.bytes)})</a>` : nothing}
        <a href=${`${this.config.apiBase}/records/${r.id}`}>Record (JSON)</a>
      </p>
    `;
  }

  private renderMap(m: MapData) {
    const info = m.planeInfo;
    const label = `${info.label}`;
    const rules = this.product.id === 'dem' && DEM_RULE_PLANES.has(info.id);
    const age = this.ageTask.value;
    const body =
      this.view === 'sphere' && m.grid.lonLatToPixel
        ? this.renderSphere(m, label)
        : html`<swe-map
            .plane=${m.plane}
            .table=${info.display.colourTable}
            .scale=${m.scale}
            .quality=${m.quality}
            .grid=${m.grid}
            .overlay=${this.ageLayer ? age : undefined}
            label=${label}
            planeId=${info.id}
            pixelUrl=${`${this.config.apiBase}/records/${m.record.id}/pixel`}
          ></swe-map>`;
    return html`${body}
      <div class="below">
        <swe-colour-bar .table=${info.display.colourTable} .scale=${m.scale} units=${info.units} label=${label} ?demRules=${rules}></swe-colour-bar>
        ${this.ageLayer && this.view === 'map' && age
          ? html`<swe-colour-bar .table=${age.table} .scale=${age.scale} units="h" label="Data age (layer)"></swe-colour-bar>`
          : nothing}
      </div>`;
  }

  private renderSphere(m: MapData, label: string) {
    let lon = this.customLon;
    let lat = this.customLat;
    if (this.viewpoint === 'earth') {
      const earth = m.grid.observer ?? (() => {
        const s = sunFromEarth(Date.parse(m.record.time));
        return { lonDeg: s.l0Deg, latDeg: s.b0Deg };
      })();
      lon = earth.lonDeg;
      lat = earth.latDeg;
    }
    return html`<swe-sphere .plane=${m.plane} .grid=${m.grid} .table=${m.planeInfo.display.colourTable} .scale=${m.scale} .lon=${lon} .lat=${lat} label=${label}></swe-sphere>
      <p class="muted">Seen from Carrington longitude ${lon.toFixed(1)}°, latitude ${lat.toFixed(1)}°${this.viewpoint === 'earth' ? ' (Earth at the map time)' : ''}.</p>`;
  }

  private renderHarps() {
    return html`<section class="harps" aria-labelledby="harps-heading">
      <h2 id="harps-heading">Active regions (HARPs) of the latest maps</h2>
      ${this.harpsTask.render({
        pending: () => html`<p class="muted" role="status">Loading HARPs…</p>`,
        error: (e) => html`<p class="error" role="alert">HARP list unavailable: ${(e as Error).message}</p>`,
        complete: (rows) =>
          rows.length
            ? html`<swe-harp-list .rows=${rows} .selected=${this.harp} @harp-select=${(e: CustomEvent<HarpKey>) => this.update$({ harp: e.detail })}></swe-harp-list>`
            : html`<p class="muted">No HARP in the latest maps.</p>`,
      })}
    </section>`;
  }

  // ---------------------------------------------------------------- state and URL

  private update$(change: { channelId?: string; planeId?: string; version?: string; harp?: HarpKey; view?: 'map' | 'sphere' }): void {
    if (change.channelId !== undefined) {
      this.channelId = change.channelId;
      const planes = this.channel.planes;
      if (!planes.some((p) => p.id === this.planeId)) this.planeId = planes[0].id;
    }
    if (change.planeId !== undefined) this.planeId = change.planeId;
    if ('version' in change) this.version = change.version ?? '';
    if ('harp' in change) this.harp = change.harp;
    if (change.view) this.view = change.view;
    this.writeUrl();
  }

  private readUrl(): void {
    const q = new URLSearchParams(location.search);
    const ch = this.product.channels.find((c) => c.id === q.get('parameter'));
    if (ch) this.channelId = ch.id;
    const plane = this.channel.planes.find((p) => p.id === q.get('plane'));
    this.planeId = plane?.id ?? this.channel.planes[0].id;
    const v = q.get(versionKey(this.product));
    if (v && versionValues(this.product).includes(v)) this.version = v;
    const harpnum = Number(q.get('harpnum'));
    const dt = q.get('data_type');
    if (this.product.id === 'currents' && Number.isInteger(harpnum) && harpnum > 0 && (dt === 'nrt' || dt === 'sci')) this.harp = { harpnum, dataType: dt };
    if (q.get('view') === 'sphere') this.view = 'sphere';
  }

  private writeUrl(): void {
    const q = new URLSearchParams();
    if (this.product.channels.length > 1) q.set('parameter', this.channelId);
    if (this.planeId !== this.channel.planes[0].id) q.set('plane', this.planeId);
    if (this.version) q.set(versionKey(this.product), this.version);
    if (this.harp) {
      q.set('harpnum', String(this.harp.harpnum));
      q.set('data_type', this.harp.dataType);
    }
    if (this.view === 'sphere') q.set('view', 'sphere');
    const search = q.toString();
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
  }

  /** Root-relative form of a URL of this service (so fetches stay same-origin behind any BASE_URL). */
  private local(url: string): string {
    return url.startsWith(this.config.baseUrl) ? url.slice(this.config.baseUrl.length) || '/' : url;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-latest-page': SweLatestPage;
  }
}
