/**
 * The live dataset registry of the HAPI server and its metadata cache.
 *
 * The dataset list is dynamic (currents publishes one dataset per HARP), and every /info depends
 * on the stored records (dates, sample window). A snapshot holds the list and memoises the JSON
 * bodies built from it; it is rebuilt when the store's generation counter moved (any new record or
 * HARP, written by any connection: SQL triggers maintain it) or the UTC day changed (stopDate of
 * ongoing datasets). Checking costs one tiny query per request, so a stale list is never served.
 *
 * @module
 */
import type { HapiDatasetDefinition, ProductDefinition } from '../../../products/src/definitions/types.ts';
import { productById } from '../../../products/src/definitions/index.ts';
import type { HarpEntry } from '../catalogue/catalogue.ts';
import type { Config } from '../config.ts';
import { HAPI_VERSION, okStatus } from './errors.ts';
import { aboutBody, availability, infoBody, maxSpanOf, sampleRecordCount, sampleWindow, type DatasetState, type InfoBody } from './metadata.ts';
import type { DatasetSummary, HapiStore } from './store/store.ts';
import { dayOf, formatHapiTime, MS_PER_DAY } from './time.ts';

/** Where the dataset definitions come from: the products' registry, or a test's own list. */
export type DatasetSource = (harps: HarpEntry[]) => HapiDatasetDefinition[];

/** One dataset as the routes need it. */
export interface DatasetEntry {
  def: HapiDatasetDefinition;
  product: ProductDefinition | undefined;
  summary: DatasetSummary | undefined;
}

export interface RegistryDeps {
  config: Config;
  store: HapiStore;
  harps: () => HarpEntry[];
  now: () => number;
  source: DatasetSource;
  /** Called once per duplicate dataset id (the later one is ignored). */
  onDuplicate?: (id: string) => void;
}

/** The datasets and memoised metadata of one catalogue generation and UTC day. */
export class RegistrySnapshot {
  readonly datasets: readonly DatasetEntry[];
  readonly byId: ReadonlyMap<string, DatasetEntry>;
  /** For Last-Modified of metadata answers. */
  readonly lastModifiedMs: number;
  private readonly infos = new Map<string, InfoBody>();
  private readonly bodies = new Map<string, string>();

  constructor(
    private readonly registry: HapiRegistry,
    readonly generation: number,
    readonly day: number,
    modifiedMs: number,
    defs: readonly HapiDatasetDefinition[],
    summaries: ReadonlyMap<string, DatasetSummary>,
    onDuplicate?: (id: string) => void,
  ) {
    const byId = new Map<string, DatasetEntry>();
    for (const def of defs) {
      if (byId.has(def.id)) {
        onDuplicate?.(def.id);
        continue;
      }
      byId.set(def.id, { def, product: productById(def.product), summary: summaries.get(def.id) });
    }
    this.byId = byId;
    this.datasets = [...byId.values()];
    this.lastModifiedMs = Math.floor(Math.max(modifiedMs, registry.startedMs, day * MS_PER_DAY) / 1000) * 1000;
  }

  /** The /info body of a dataset (all parameters), memoised. */
  info(entry: DatasetEntry, resolveReferences: boolean): InfoBody {
    const key = `${entry.def.id}\u0000${resolveReferences}`;
    let info = this.infos.get(key);
    if (!info) {
      info = infoBody(this.registry.datasetState(entry), this.registry.deps.config, this.registry.deps.now(), { resolveReferences });
      this.infos.set(key, info);
    }
    return info;
  }

  /** Availability interval [startMs, stopMs) of a dataset (what 1405 enforces). */
  availability(entry: DatasetEntry): { startMs: number; stopMs: number } {
    return availability({ def: entry.def, product: entry.product, summary: entry.summary, lastTimes: [] }, this.registry.deps.now());
  }

  /** A JSON body memoised under `key` for this snapshot. */
  memo(key: string, build: () => unknown): string {
    return this.memoText(key, () => `${JSON.stringify(build())}\n`);
  }

  /** A text body memoised under `key` for this snapshot. */
  memoText(key: string, build: () => string): string {
    let body = this.bodies.get(key);
    if (body === undefined) {
      body = build();
      this.bodies.set(key, body);
    }
    return body;
  }

  /**
   * The datasets /hapi/catalog lists: those with records (a dataset without any cannot give a
   * client, or the verifier, a single record), or all of them while none has records yet (the
   * schema wants at least one entry). /info and /data answer for every defined dataset.
   */
  get listed(): readonly DatasetEntry[] {
    const withData = this.datasets.filter((e) => e.summary && e.summary.count > 0);
    return withData.length ? withData : this.datasets;
  }

  /** /hapi/catalog, with every info for depth=all. */
  catalogJson(depth: 'dataset' | 'all', resolveReferences: boolean): string {
    return this.memo(`catalog\u0000${depth}\u0000${resolveReferences}`, () => ({
      HAPI: HAPI_VERSION,
      status: okStatus(),
      catalog: this.listed.map((e) => ({
        id: e.def.id,
        title: e.def.title,
        ...(depth === 'all' ? { info: this.info(e, resolveReferences) } : {}),
      })),
    }));
  }

  /** /hapi/about, with a dataTest on the first dataset (without arrays, if possible) that has data. */
  aboutJson(): string {
    return this.memo('about', () => {
      const withData = this.datasets.filter((e) => e.summary && e.summary.count > 0);
      const pick = withData.find((e) => e.def.parameters.every((p) => !p.size)) ?? withData[0];
      const window = pick ? sampleWindow(this.registry.datasetState(pick).lastTimes, maxSpanOf(pick.def)) : undefined;
      const test = pick && window ? { dataset: pick.def.id, start: formatHapiTime(window.startMs), stop: formatHapiTime(window.stopMs) } : undefined;
      return aboutBody(this.registry.deps.config, test);
    });
  }
}

export class HapiRegistry {
  readonly startedMs: number;
  private snapshot?: RegistrySnapshot;
  /** Last record times per dataset, kept across snapshots while the dataset's version stays. */
  private readonly lastTimesCache = new Map<string, { version: number; times: number[] }>();

  constructor(readonly deps: RegistryDeps) {
    this.startedMs = deps.now();
  }

  /** The current snapshot: rebuilt when records/HARPs changed or the UTC day turned. */
  current(): RegistrySnapshot {
    const { generation, modifiedMs } = this.deps.store.state();
    const day = dayOf(this.deps.now());
    const s = this.snapshot;
    if (s && s.generation === generation && s.day === day) return s;
    const defs = this.deps.source(this.deps.harps());
    this.snapshot = new RegistrySnapshot(this, generation, day, modifiedMs, defs, this.deps.store.summaries(), this.deps.onDuplicate);
    return this.snapshot;
  }

  /** What the metadata of a dataset is built from, with the last record times for its sample window. */
  datasetState(entry: DatasetEntry): DatasetState {
    const { def, product, summary } = entry;
    if (!summary || summary.count === 0) return { def, product, summary, lastTimes: [] };
    const n = sampleRecordCount(def);
    const cached = this.lastTimesCache.get(def.id);
    if (cached && cached.version === summary.version && cached.times.length >= Math.min(n, summary.count)) {
      return { def, product, summary, lastTimes: cached.times.slice(-n) };
    }
    const times = this.deps.store.lastTimes(def.id, n);
    this.lastTimesCache.set(def.id, { version: summary.version, times });
    return { def, product, summary, lastTimes: times };
  }
}
