/**
 * The Query page: a UTC date range and filters (channel, map type / data type, HARP and NOAA
 * numbers for currents), a paged table of the maps found (thumbnails, downloads), a uPlot time
 * series of the product's HAPI indices over the range, and the exact API and HAPI requests with
 * curl and Python snippets. The state lives in the URL, so a query can be shared.
 *
 * `data-ready="true"` is set when the results and the plot of the current state are drawn.
 *
 * @module
 */
import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { productById } from '../../../products/src/definitions/index.ts';
import type { DataType, ProductDefinition } from '../../../products/src/definitions/types.ts';
import '../components/swe-copy-field.ts';
import '../components/swe-frame.ts';
import '../components/swe-records-table.ts';
import '../components/swe-timeseries.ts';
import { baseStyles } from '../styles/shared.ts';
import { getJson, type SearchJson } from '../util/api.ts';
import { readPageConfig, type PageConfig } from '../util/config.ts';
import { indicesDataset, plottableParameters } from '../util/datasets.ts';
import { clipToInfo, curlSnippet, hapiDataUrl, hapiInfoUrl, parseHapiJson, pythonSnippet, type HapiColumns, type HapiInfo } from '../util/hapi.ts';
import { formatUtc, parseUtc } from '../util/time.ts';
import { parseQueryState, queryStateToSearch, recordsApiUrl, versionKey, versionValues, type QueryState } from '../util/url-state.ts';

@customElement('swe-query-page')
export class SweQueryPage extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      input[type='number'] {
        width: 7rem;
      }
      .invalid {
        color: var(--error-ink);
        font-size: 0.85rem;
      }
      section {
        margin-top: 0.8rem;
      }
    `,
  ];

  private readonly config: PageConfig = readPageConfig();
  private readonly product: ProductDefinition = productById(this.config.product ?? '')!;

  /** The query being shown (from the URL). */
  @state() private query: QueryState;
  /** Parameters of the URL that were not understood. */
  @state() private ignored: string[];
  @state() private formError = '';
  private readyToken = 0;

  constructor() {
    super();
    const { state, ignored } = parseQueryState(location.search, this.product, this.config.nowMs);
    this.query = state;
    this.ignored = ignored;
    addEventListener('popstate', () => {
      const parsed = parseQueryState(location.search, this.product, this.config.nowMs);
      this.query = parsed.state;
      this.ignored = parsed.ignored;
    });
  }

  private readonly recordsTask = new Task(this, {
    task: async (_args, { signal }) => getJson<SearchJson>(recordsApiUrl(this.config.apiBase, this.product, this.query), signal),
    // Everything but the plotted quantity: choosing another quantity does not search again.
    args: () => {
      const q = this.query;
      return [q.startMs, q.stopMs, q.parameter, q.version, q.harpnum, q.noaa, q.page] as const;
    },
  });

  /** The HAPI dataset and parameter the plot shows for the current query. */
  private get series() {
    const q = this.query;
    const dataType = this.product.versionKind === 'dataType' ? ((q.version as DataType | undefined) ?? 'nrt') : undefined;
    const dataset = indicesDataset(this.product, { parameter: q.parameter, dataType, harpnum: q.harpnum });
    const candidates = dataset ? plottableParameters(dataset) : [];
    const parameter = candidates.find((p) => p.name === q.plot) ?? candidates[0];
    return { dataset, candidates, parameter };
  }

  private readonly infos = new Map<string, Promise<HapiInfo>>();

  /** HAPI /info of a dataset (its time range), fetched once per page. */
  private info(dataset: string, signal: AbortSignal): Promise<HapiInfo> {
    let p = this.infos.get(dataset);
    if (!p) {
      p = getJson<HapiInfo>(hapiInfoUrl(this.config.hapiBase, dataset), signal);
      p.catch(() => this.infos.delete(dataset));
      this.infos.set(dataset, p);
    }
    return p;
  }

  /** The plotted columns and the time range actually requested (clipped to the dataset's). */
  private readonly plotTask = new Task(this, {
    task: async ([datasetId, parameterName, startMs, stopMs], { signal }): Promise<{ cols: HapiColumns; startMs: number; stopMs: number } | undefined> => {
      const { dataset, parameter } = this.series;
      if (!dataset || !parameter || dataset.id !== datasetId || parameter.name !== parameterName) return undefined;
      const range = clipToInfo(await this.info(dataset.id, signal), startMs, stopMs);
      if (!range) return { cols: { times: [], series: [{ name: parameter.name, units: null, values: [] }] }, startMs, stopMs };
      const body = await getJson<unknown>(hapiDataUrl(this.config.hapiBase, dataset.id, [parameter.name], range.startMs, range.stopMs, 'json'), signal);
      return { cols: parseHapiJson(body, [parameter]), ...range };
    },
    args: () => [this.series.dataset?.id, this.series.parameter?.name, this.query.startMs, this.query.stopMs] as const,
  });

  protected override updated(_changed: PropertyValues<this>): void {
    const settled = (s: TaskStatus) => s === TaskStatus.COMPLETE || s === TaskStatus.ERROR;
    if (!settled(this.recordsTask.status) || !settled(this.plotTask.status)) {
      this.removeAttribute('data-ready');
      return;
    }
    const token = ++this.readyToken;
    const plot = this.renderRoot.querySelector('swe-timeseries');
    void Promise.resolve(plot?.updateComplete).then(() => {
      if (token === this.readyToken) this.setAttribute('data-ready', 'true');
    });
  }

  override render() {
    const q = this.query;
    const { dataset, candidates, parameter } = this.series;
    const base = this.config.baseUrl;
    const apiUrl = `${base}${recordsApiUrl(this.config.apiBase, this.product, q)}`;
    // Show the HAPI request as made: clipped to the dataset's time range.
    const range = this.plotTask.value ?? { startMs: q.startMs, stopMs: q.stopMs };
    const hapiCsv = dataset && parameter ? `${base}${hapiDataUrl(this.config.hapiBase, dataset.id, [parameter.name], range.startMs, range.stopMs, 'csv')}` : '';
    const pageUrl = `${base}/portal/${this.product.id}/query${queryStateToSearch(q, this.product)}`;
    return html`<swe-frame .config=${this.config} heading=${this.product.title}>
      ${this.renderForm()}
      ${this.ignored.length ? html`<p class="invalid" role="status">Ignored in the link: ${this.ignored.join(', ')} (not valid here).</p>` : nothing}
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Maps</h2>
        ${this.recordsTask.render({
          pending: () => html`<p class="muted" role="status">Searching…</p>`,
          error: (e) => html`<p class="error" role="alert">Search failed: ${(e as Error).message}</p>`,
          complete: (result) =>
            html`<swe-records-table .product=${this.product} .result=${result} .local=${this.local} @page-change=${(e: CustomEvent<number>) => this.go({ ...this.query, page: e.detail })}></swe-records-table>`,
        })}
      </section>
      <section aria-labelledby="plot-heading">
        <h2 id="plot-heading">Time series${dataset ? html` <span class="muted">(HAPI dataset ${dataset.id})</span>` : nothing}</h2>
        ${dataset && parameter
          ? html`<label>Quantity
                <select name="plot" @change=${(e: Event) => this.go({ ...this.query, plot: (e.target as HTMLSelectElement).value })}>
                  ${candidates.map((c) => html`<option value=${c.name} ?selected=${c.name === parameter.name}>${c.name}${c.units ? ` [${c.units}]` : ''}</option>`)}
                </select></label
              >
              <p class="muted">${parameter.description ?? ''}</p>
              ${this.plotTask.render({
                pending: () => html`<p class="muted" role="status">Loading the time series…</p>`,
                error: (e) => html`<p class="error" role="alert">Time series unavailable: ${(e as Error).message}</p>`,
                complete: (v) => (v ? html`<swe-timeseries .columns=${v.cols} label="${parameter.name} of ${dataset.id}"></swe-timeseries>` : nothing),
              })}`
          : html`<p class="muted">No time series for this selection.</p>`}
      </section>
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests</h2>
        <swe-copy-field label="Link to this query" .text=${pageUrl}></swe-copy-field>
        <swe-copy-field label="Product API search (JSON)" .text=${apiUrl}></swe-copy-field>
        ${hapiCsv
          ? html`<swe-copy-field label="HAPI data request (CSV)" .text=${hapiCsv}></swe-copy-field>
              <swe-copy-field label="curl" .text=${curlSnippet(hapiCsv)}></swe-copy-field>
              <swe-copy-field label="Python (hapiclient)" .text=${pythonSnippet(`${base}${this.config.hapiBase}`, dataset!.id, [parameter!.name], range.startMs, range.stopMs)}></swe-copy-field>`
          : nothing}
      </section>
    </swe-frame>`;
  }

  private renderForm() {
    const p = this.product;
    const q = this.query;
    const key = versionKey(p);
    return html`<form class="controls" aria-label="Query" @submit=${this.submit} novalidate>
        <label>Start (UTC)<input type="text" name="start" required size="16" pattern="\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2})?" placeholder="YYYY-MM-DD HH:MM" aria-describedby="time-hint" .value=${utcField(q.startMs)} /></label>
        <label>Stop (UTC)<input type="text" name="stop" required size="16" pattern="\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2})?" placeholder="YYYY-MM-DD HH:MM" aria-describedby="time-hint" .value=${utcField(q.stopMs)} /></label>
        ${p.channels.length > 1
          ? html`<label>Channel
              <select name="parameter">
                <option value="" ?selected=${!q.parameter}>All channels</option>
                ${p.channels.map((c) => html`<option value=${c.id} ?selected=${c.id === q.parameter}>${c.label}</option>`)}
              </select></label
            >`
          : nothing}
        <label>${key === 'map_type' ? 'Map type' : 'Data type'}
          <select name="version">
            <option value="" ?selected=${!q.version}>All</option>
            ${versionValues(p).map((v) => html`<option value=${v} ?selected=${v === q.version}>${v}</option>`)}
          </select></label
        >
        ${p.id === 'currents'
          ? html`<label>HARP number<input type="number" name="harpnum" min="1" step="1" .value=${q.harpnum === undefined ? '' : String(q.harpnum)} /></label>
              <label>NOAA AR<input type="number" name="noaa" min="1" step="1" .value=${q.noaa === undefined ? '' : String(q.noaa)} /></label>`
          : nothing}
        <button type="submit">Search</button>
      </form>
      <p id="time-hint" class="muted">Times in UTC, as YYYY-MM-DD HH:MM; the stop is excluded.</p>
      ${this.formError ? html`<p class="invalid" role="alert">${this.formError}</p>` : nothing}`;
  }

  private submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const startMs = parseUtc(text('start'));
    const stopMs = parseUtc(text('stop'));
    if (startMs === undefined || stopMs === undefined) return void (this.formError = 'Enter start and stop as dates and times (UTC).');
    if (startMs >= stopMs) return void (this.formError = 'The start must be before the stop.');
    const int = (k: string) => (text(k) && Number.isInteger(Number(text(k))) && Number(text(k)) > 0 ? Number(text(k)) : undefined);
    if ((text('harpnum') && int('harpnum') === undefined) || (text('noaa') && int('noaa') === undefined)) {
      return void (this.formError = 'HARP and NOAA numbers are positive whole numbers.');
    }
    this.formError = '';
    this.go({
      startMs,
      stopMs,
      parameter: this.product.channels.length > 1 ? text('parameter') || undefined : undefined,
      version: text('version') || undefined,
      harpnum: int('harpnum'),
      noaa: int('noaa'),
      page: 0,
      plot: this.query.plot,
    });
  };

  private go(next: QueryState): void {
    this.query = next;
    this.ignored = [];
    history.pushState(null, '', queryStateToSearch(next, this.product));
  }

  private local = (url: string): string => (url.startsWith(this.config.baseUrl) ? url.slice(this.config.baseUrl.length) || '/' : url);
}

/** `2026-03-10 12:00`: the field form of a UTC instant. */
function utcField(ms: number): string {
  return formatUtc(ms, 'minutes').replace(' UTC', '');
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-query-page': SweQueryPage;
  }
}
