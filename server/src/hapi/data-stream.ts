/**
 * The body of a /hapi/data answer as a pull-driven `ReadableStream`: nothing is produced until the
 * socket asks for more, memory stays at one slice (or one cached chunk's views) whatever the size of
 * the answer, and a client that disconnects cancels the work.
 *
 * Per stored chunk (one dataset day) overlapping [start, stop):
 * - the encoded bytes of the whole chunk for this format and parameter selection are in the byte
 *   cache: the stream sends views of them, sliced to the records inside the range;
 * - otherwise the chunk is decoded and encoded slice by slice (about 256 kB per pull, so the first
 *   byte leaves quickly and other requests interleave); when the range covers the whole chunk the
 *   slices are kept and cached for the next request.
 *
 * No SQLite statement stays open between pulls: each step is a short keyset query (chunk_start >
 * the previous one), so concurrent writers and readers never block on this stream. An exception in
 * a pull errors the stream, which makes the HTTP layer cut the connection: HAPI says a truncated
 * stream means a server error (section 3.7.5).
 *
 * @module
 */
import { ByteCache, sliceParts, type EncodedChunk } from './encode/byte-cache.ts';
import { JSON_RECORD_SEPARATOR_BYTES, type RecordEncoder } from './encode/formats.ts';
import type { DecodedChunk } from './store/chunk-codec.ts';
import { ChunkGoneError, type ChunkMeta, type HapiStore } from './store/store.ts';

export interface DataStreamOptions {
  store: HapiStore;
  cache: ByteCache;
  dataset: string;
  encoder: RecordEncoder;
  /** Identifies the encoding (format and parameter selection) in the byte cache. */
  variant: string;
  /** Records with startMs <= time < stopMs (whole milliseconds). */
  startMs: number;
  stopMs: number;
  /** Bytes before the records (CSV/binary header, JSON head) and after them (JSON tail). */
  head?: Uint8Array;
  tail?: Uint8Array;
  /** Bytes per encoded slice (default 256 kB). */
  sliceBytes?: number;
  /** Told about an error before the stream is cut. */
  onError?: (e: unknown) => void;
  /** Told when the stream ended normally (records, bytes). */
  onDone?: (stats: { records: number; bytes: number }) => void;
}

/** First index i with times[i] >= t (times ascending). */
export function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Records [a, b) of one chunk to send. */
interface ChunkRange {
  meta: ChunkMeta;
  a: number;
  b: number;
}

/** The first stored chunk at or after `from` with records in [startMs, stopMs), and their index range. */
export function nextChunkRange(store: HapiStore, dataset: string, from: number, startMs: number, stopMs: number): ChunkRange | undefined {
  for (let retries = 0; ; ) {
    const meta = store.nextChunk(dataset, from, stopMs);
    if (!meta) return undefined;
    if (meta.lastMs < startMs || meta.firstMs >= stopMs) {
      from = meta.chunkStart + 1;
      continue;
    }
    if (meta.firstMs >= startMs && meta.lastMs < stopMs) return { meta, a: 0, b: meta.count };
    const times = store.chunkTimes(meta.id);
    if (!times) {
      // Rewritten between the two reads: look at the same day again (a few times at most).
      if (++retries > 3) throw new ChunkGoneError();
      continue;
    }
    const a = lowerBound(times, startMs);
    const b = lowerBound(times, stopMs);
    if (a < b) return { meta, a, b };
    from = meta.chunkStart + 1;
  }
}

/** True when the dataset has at least one record in [startMs, stopMs). */
export function hasRecords(store: HapiStore, dataset: string, startMs: number, stopMs: number): boolean {
  return nextChunkRange(store, dataset, Number.MIN_SAFE_INTEGER, startMs, stopMs) !== undefined;
}

export function dataStream(opts: DataStreamOptions): ReadableStream<Uint8Array> {
  const { store, cache, dataset, encoder, variant, startMs, stopMs } = opts;
  const sliceRecords = Math.max(1, Math.floor((opts.sliceBytes ?? 262_144) / encoder.estimatedRecordBytes()));
  const trimFirst = encoder.format === 'json';
  const queue: Uint8Array[] = [];
  let from = Number.MIN_SAFE_INTEGER;
  let tailQueued = false;
  let firstRecord = true;
  let records = 0;
  let bytes = 0;
  let encoding: { range: ChunkRange; chunk: DecodedChunk; pos: number; parts: Buffer[]; offsets: number[] } | undefined;

  if (opts.head?.byteLength) queue.push(opts.head);

  /** Queue the bytes of whole records, dropping the JSON separator before the very first one. */
  function pushRecords(parts: Buffer[], count: number): void {
    for (let part of parts) {
      if (firstRecord && trimFirst) part = part.subarray(JSON_RECORD_SEPARATOR_BYTES);
      firstRecord = false;
      if (part.byteLength) queue.push(part);
    }
    records += count;
  }

  /** Find the next chunk and either queue its cached bytes or start encoding it. */
  function advance(): boolean {
    const range = nextChunkRange(store, dataset, from, startMs, stopMs);
    if (!range) return false;
    from = range.meta.chunkStart + 1;
    const group = `${dataset}\u0000${range.meta.chunkStart}`;
    const cached = cache.get(group, range.meta.id, variant);
    if (cached) {
      pushRecords(sliceParts(cached, cached.offsets[range.a], cached.offsets[range.b]), range.b - range.a);
      return true;
    }
    let chunk: DecodedChunk;
    try {
      chunk = store.chunkData(range.meta.id);
    } catch (e) {
      if (!(e instanceof ChunkGoneError)) throw e;
      from = range.meta.chunkStart; // rewritten meanwhile: read the new version of the same day
      return true;
    }
    encoding = { range, chunk, pos: range.a, parts: [], offsets: [] };
    return true;
  }

  /** Encode the next slice of the current chunk; cache the chunk when it was encoded whole. */
  function encodeSlice(): void {
    const e = encoding!;
    const { meta, a, b } = e.range;
    const end = Math.min(b, e.pos + sliceRecords);
    const slice = encoder.encode(e.chunk, e.pos, end);
    const whole = a === 0 && b === meta.count;
    if (whole) {
      const base = e.offsets.length ? e.offsets[e.offsets.length - 1] : 0;
      if (e.offsets.length) e.offsets.pop();
      for (const o of slice.offsets) e.offsets.push(base + o);
      e.parts.push(slice.bytes);
    }
    pushRecords([slice.bytes], end - e.pos);
    e.pos = end;
    if (end === b) {
      if (whole) {
        const entry: EncodedChunk = { parts: e.parts, offsets: Uint32Array.from(e.offsets) };
        cache.set(`${dataset}\u0000${meta.chunkStart}`, meta.id, variant, entry);
      }
      encoding = undefined;
    }
  }

  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          for (;;) {
            const next = queue.shift();
            if (next) {
              bytes += next.byteLength;
              controller.enqueue(next);
              return;
            }
            if (encoding) encodeSlice();
            else if (!tailQueued && !advance()) {
              tailQueued = true;
              if (opts.tail?.byteLength) queue.push(opts.tail);
              else {
                controller.close();
                opts.onDone?.({ records, bytes });
                return;
              }
            } else if (tailQueued) {
              controller.close();
              opts.onDone?.({ records, bytes });
              return;
            }
          }
        } catch (e) {
          opts.onError?.(e);
          controller.error(e);
        }
      },
      cancel() {
        queue.length = 0;
        encoding = undefined;
      },
    },
    { highWaterMark: 0 },
  );
}
