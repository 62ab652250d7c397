/**
 * The revision history of our SPASE records (`revisions.json`, kept in git).
 *
 * Why a curated file and not a clock: a registry harvests our records again and again; a
 * ReleaseDate of "now" would make every harvest look like a new release, and a date taken from
 * file times would move with every checkout. The last revision's date is every record's
 * ReleaseDate and the `Last-Modified` of the served XML; it moves only when someone records a
 * revision, which the export CLI asks for when the definition-derived metadata has changed
 * (its fingerprint no longer matches), the moment records are prepared for a registry.
 *
 * @module
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const dateTimeZ = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'YYYY-MM-DDThh:mm:ssZ');

const revisionSchema = z.object({
  date: dateTimeZ,
  note: z.string().trim().min(1),
  fingerprint: z.string().min(1),
});
const fileSchema = z.object({ note: z.string().optional(), revisions: z.array(revisionSchema).min(1) });

export type Revision = z.infer<typeof revisionSchema>;

/** The revision file shipped with the code. */
export const DEFAULT_REVISIONS_PATH = fileURLToPath(new URL('./revisions.json', import.meta.url));

/** Thrown for an unreadable or invalid revision file. */
export class RevisionFileError extends Error {
  override name = 'RevisionFileError';
}

/** Read and check a revision file: dates in order, each `YYYY-MM-DDThh:mm:ssZ`. */
export function loadRevisions(file: string = DEFAULT_REVISIONS_PATH): Revision[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RevisionFileError(`cannot read SPASE revisions from ${file}: ${(e as Error).message}`);
  }
  const r = fileSchema.safeParse(parsed);
  if (!r.success) throw new RevisionFileError(`invalid SPASE revision file ${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const revisions = r.data.revisions;
  for (let i = 1; i < revisions.length; i++) {
    if (Date.parse(revisions[i].date) < Date.parse(revisions[i - 1].date)) throw new RevisionFileError(`SPASE revisions out of date order at entry ${i + 1} in ${file}`);
  }
  return revisions;
}

/** The ReleaseDate of all records: the last revision's date. */
export function releaseDate(revisions: readonly Revision[]): string {
  return revisions[revisions.length - 1].date;
}

/** Append a revision to the file (keeping its other fields), and return the new list. */
export function appendRevision(file: string, revision: Revision): Revision[] {
  const parsed = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const next = { ...parsed, revisions: [...parsed.revisions, revisionSchema.parse(revision)] };
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return loadRevisions(file);
}
