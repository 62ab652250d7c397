/**
 * Input discovery: every FITS file under INPUT_DIR, in any folder layout, is read (headers only),
 * classified and recorded in the catalogue; a file that cannot be read or classified is
 * quarantined there with the reason, and logged.
 *
 * Quarantine is a catalogue state, not a move: the input folder may be an archive we do not own.
 * A quarantined file is looked at again when its size or modification time changes, so a file
 * that was half-written when first seen (truncated FITS) is picked up once complete.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FitsError } from '../../../products/src/fits/errors.ts';
import { readFits, unwrapFitsBytes } from '../../../products/src/fits/reader.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Logger } from '../http/logger.ts';
import { classifyInput, UnclassifiableInput } from './classify.ts';

/** Names that are never inputs: our own and other tools' temporary files, hidden files. */
const SKIP_NAME = /^\.|\.(tmp|part|partial|crdownload)$|~$/i;
const FITS_NAME = /\.(fits|fts|fit)(\.gz)?$/i;

export interface DiscoveryResult {
  /** Files seen for the first time or changed, and now usable. */
  added: number;
  /** Files seen for the first time or changed, and quarantined. */
  quarantined: number;
  /** Files unchanged since the last scan. */
  unchanged: number;
}

/** Every FITS file path under `dir`, relative to it, in a stable order. */
export function listFitsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return; // a folder removed while we walk
    }
    for (const e of entries) {
      if (SKIP_NAME.test(e.name)) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && FITS_NAME.test(e.name)) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/**
 * Scan `inputDir` and record new or changed files in the catalogue. Files whose size and
 * modification time are unchanged are not read again.
 */
export async function discoverInputs(inputDir: string, catalogue: Catalogue, logger: Logger, nowMs: number): Promise<DiscoveryResult> {
  const result: DiscoveryResult = { added: 0, quarantined: 0, unchanged: 0 };
  for (const rel of listFitsFiles(inputDir)) {
    const abs = path.join(inputDir, rel);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      continue; // removed since the listing
    }
    const known = catalogue.inputFileByPath(rel);
    if (known && known.bytes === stat.size && known.mtimeMs === Math.floor(stat.mtimeMs)) {
      result.unchanged++;
      continue;
    }
    const base = { path: rel, bytes: stat.size, mtimeMs: Math.floor(stat.mtimeMs), discoveredMs: nowMs };
    let sha256 = '';
    try {
      // One read: the checksum of the file as stored, the headers of its (inflated) FITS content.
      const raw = await fs.promises.readFile(abs);
      sha256 = createHash('sha256').update(raw).digest('hex');
      const file = readFits(await unwrapFitsBytes(raw, rel), { headersOnly: true, source: rel });
      const c = classifyInput(
        file.hdus.map((h) => h.header),
        path.basename(rel),
      );
      catalogue.upsertInputFile({
        ...base,
        sha256,
        kind: c.kind,
        channel: c.channel,
        dataType: c.dataType,
        timeMs: c.timeMs,
        harpnum: c.harpnum ?? null,
        noaaArs: c.noaaArs,
        status: 'ok',
        reason: null,
        meta: c.meta,
      });
      result.added++;
    } catch (e) {
      if (!(e instanceof FitsError || e instanceof UnclassifiableInput)) throw e;
      const reason = e.message;
      catalogue.upsertInputFile({
        ...base,
        sha256,
        kind: null,
        channel: null,
        dataType: null,
        timeMs: null,
        harpnum: null,
        noaaArs: [],
        status: 'quarantined',
        reason,
        meta: {},
      });
      catalogue.log('warn', 'discovery', `quarantined ${rel}: ${reason}`, nowMs);
      logger.warn({ path: rel, reason }, 'input quarantined');
      result.quarantined++;
    }
  }
  return result;
}
