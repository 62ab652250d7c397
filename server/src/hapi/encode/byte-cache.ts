/**
 * A byte-budgeted LRU of encoded chunks: the CSV/binary/JSON bytes of every record of one stored
 * chunk, for one parameter selection, with the byte offset of each record so any time range inside
 * the chunk is a slice. Keys carry the chunk id, which is also its version (a rewritten chunk gets
 * a new id), so a changed chunk can never be served from old bytes; storing a newer version of a
 * chunk drops the older version's entries at once.
 *
 * @module
 */

/** The encoded records of a whole chunk, in parts as they were produced. */
export interface EncodedChunk {
  parts: Buffer[];
  /** Byte offset (within the concatenation of parts) of each record start; last = total bytes. */
  offsets: Uint32Array;
}

interface Slot {
  entry: EncodedChunk;
  bytes: number;
  group: string;
  version: number;
}

export class ByteCache {
  private readonly slots = new Map<string, Slot>();
  /** Latest version seen per chunk (dataset + chunk start), and the keys stored for it. */
  private readonly groups = new Map<string, { version: number; keys: Set<string> }>();
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(readonly budgetBytes: number) {}

  static key(group: string, version: number, variant: string): string {
    return `${group}\u0000${version}\u0000${variant}`;
  }

  get bytes(): number {
    return this.used;
  }

  get(group: string, version: number, variant: string): EncodedChunk | undefined {
    const key = ByteCache.key(group, version, variant);
    const slot = this.slots.get(key);
    if (!slot) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Move to the most recently used end.
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.entry;
  }

  set(group: string, version: number, variant: string, entry: EncodedChunk): void {
    const bytes = entry.parts.reduce((n, p) => n + p.byteLength, entry.offsets.byteLength);
    if (bytes > this.budgetBytes / 4) return; // one huge chunk must not flush everything else
    const g = this.groups.get(group);
    if (g && g.version > version) return; // an older version finished encoding late
    if (g && g.version < version) {
      for (const k of g.keys) this.drop(k);
      this.groups.delete(group);
    }
    const key = ByteCache.key(group, version, variant);
    this.drop(key);
    this.slots.set(key, { entry, bytes, group, version });
    this.used += bytes;
    let gg = this.groups.get(group);
    if (!gg) this.groups.set(group, (gg = { version, keys: new Set() }));
    gg.keys.add(key);
    for (const [k] of this.slots) {
      if (this.used <= this.budgetBytes) break;
      this.drop(k);
    }
  }

  private drop(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.used -= slot.bytes;
    const g = this.groups.get(slot.group);
    if (g) {
      g.keys.delete(key);
      if (!g.keys.size) this.groups.delete(slot.group);
    }
  }

  clear(): void {
    this.slots.clear();
    this.groups.clear();
    this.used = 0;
  }
}

/** The parts of `entry` covering bytes [from, to), as views (no copies). */
export function sliceParts(entry: EncodedChunk, from: number, to: number): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (const part of entry.parts) {
    const end = start + part.byteLength;
    if (end > from && start < to) out.push(part.subarray(Math.max(0, from - start), Math.min(part.byteLength, to - start)));
    if (end >= to) break;
    start = end;
  }
  return out;
}
