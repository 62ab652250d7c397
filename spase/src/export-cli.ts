/**
 * `npm run spase:export -- --out <dir> [--note <text>] [--revisions <file>] [service options]`
 *
 * Writes every SPASE record of the service as files in the hpde.io layout (path = ResourceID
 * minus `spase://`, plus `.xml`, e.g. `ESA/NumericalData/SDO/AIA/GaussianDEM.xml`), ready to be
 * copied into the naming authority's hpde repository. Service options (`--base-url`,
 * `--spase-authority`, `--data-dir`...) are those of the server; the catalogue under the data
 * directory gives the real start dates and the HARP datasets (without one, nominal dates only).
 *
 * Records are checked before anything is written (SPASE.md section 7 offline checks). When the
 * definition-derived metadata no longer matches the last revision's fingerprint, the export asks
 * for `--note` describing the change: the note becomes a new RevisionEvent and its date the new
 * ReleaseDate of every record (see revisions.ts).
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRODUCTS } from '../../products/src/definitions/index.ts';
import { Catalogue } from '../../server/src/catalogue/catalogue.ts';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { checkRecords } from './checks.ts';
import { generateRecords, metadataFingerprint } from './generator.ts';
import { exportPath } from './ids.ts';
import { appendRevision, DEFAULT_REVISIONS_PATH, loadRevisions, RevisionFileError, type Revision } from './revisions.ts';
import { definitionsOnlySource, sourceFromCatalogue } from './source.ts';
import { spaseDateTime } from './vocabulary.ts';

export interface ExportIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => number;
}

const USAGE = 'usage: npm run spase:export -- --out <dir> [--note <what changed>] [--revisions <file>] [--base-url URL --spase-authority NA --data-dir DIR ...]';

/** Split our own options from the service options handed to loadConfig. */
function splitArgs(argv: readonly string[]): { own: Record<string, string>; rest: string[] } {
  const own: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(out|note|revisions)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      rest.push(argv[i]);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`option --${m[1]} needs a value`);
    own[m[1]] = value;
  }
  return { own, rest };
}

/** Write `text` to `file` atomically (temporary file, then rename). */
function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Run the export; returns the process exit code (0 done, 1 invalid records, 2 usage or configuration). */
export function runExport(argv: readonly string[], io: ExportIo): number {
  let own: Record<string, string>;
  let config;
  try {
    const split = splitArgs(argv);
    own = split.own;
    config = loadConfig(io.env, split.rest);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (!own.out) {
    io.err(`missing --out <dir>\n${USAGE}`);
    return 2;
  }
  const outDir = path.resolve(own.out);
  const revisionsFile = own.revisions ? path.resolve(own.revisions) : DEFAULT_REVISIONS_PATH;

  let revisions;
  let newRevision: Revision | undefined;
  try {
    revisions = loadRevisions(revisionsFile);
    const fingerprint = metadataFingerprint(PRODUCTS);
    const last = revisions[revisions.length - 1];
    if (own.note !== undefined) {
      newRevision = { date: spaseDateTime(Math.floor(io.now() / 1000) * 1000), note: own.note, fingerprint };
      revisions = [...revisions, newRevision];
    } else if (last.fingerprint !== fingerprint) {
      io.err(
        `the SPASE metadata derived from the product definitions changed since the revision of ${last.date}.\n` +
          `Describe the change with --note "<what changed>": it becomes a RevisionEvent and the new ReleaseDate of every record.`,
      );
      return 2;
    }
  } catch (e) {
    if (!(e instanceof RevisionFileError)) throw e;
    io.err(e.message);
    return 2;
  }

  const hasCatalogue = fs.existsSync(config.databasePath);
  const catalogue = hasCatalogue ? Catalogue.open(config.databasePath) : undefined;
  try {
    const source = catalogue ? sourceFromCatalogue(config, catalogue) : definitionsOnlySource(config);
    if (!catalogue) io.err(`no catalogue at ${config.databasePath}: nominal start dates, no HARP datasets`);
    const records = generateRecords(source, revisions);
    const problems = checkRecords(records);
    if (problems.length) {
      io.err(`not exported: ${problems.length} problem(s) in the records:\n${problems.map((p) => `  ${p}`).join('\n')}`);
      return 1;
    }
    if (newRevision) {
      appendRevision(revisionsFile, newRevision);
      io.out(`recorded revision ${newRevision.date}: ${newRevision.note} (${revisionsFile})`);
    }
    for (const r of records) {
      const file = path.resolve(outDir, exportPath(r.id));
      // exportPath of a checked ResourceID never leaves outDir; refuse anyway rather than trust it.
      if (!file.startsWith(`${outDir}${path.sep}`)) throw new Error(`export path escapes the output folder: ${r.id}`);
      writeAtomic(file, r.xml);
    }
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.resourceType, (counts.get(r.resourceType) ?? 0) + 1);
    io.out(
      `wrote ${records.length} SPASE records to ${outDir} (${[...counts].map(([t, n]) => `${n} ${t}`).join(', ')}), ReleaseDate ${revisions[revisions.length - 1].date}`,
    );
    return 0;
  } finally {
    catalogue?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runExport(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    now: () => Date.now(),
  });
}
