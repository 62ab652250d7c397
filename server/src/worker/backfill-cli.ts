/**
 * `npm run backfill -- --product dem --start 2026-11-20 --stop 2026-11-25`: discover the inputs,
 * then make every missing map of the chosen products in [start, stop), with a progress bar and an
 * ETA. Idempotent: maps already made from the same inputs are skipped. Other flags are the
 * server's configuration (`--data-dir`, `--input-dir` ...). Exit status 1 when a map failed.
 *
 * @module
 */
import fs from 'node:fs';
import { z } from 'zod';
import { PRODUCT_IDS, type ProductId } from '../../../products/src/definitions/types.ts';
import { Catalogue } from '../catalogue/catalogue.ts';
import { clockOf, ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../http/logger.ts';
import { discoverInputs } from './discovery.ts';
import { sweepProducts } from './output-store.ts';
import { Production } from './production.ts';
import { createProgress } from './progress.ts';

const USAGE = `usage: npm run backfill -- --start ISO --stop ISO [--product ${PRODUCT_IDS.join('|')}[,...]] [server options such as --data-dir DIR]`;

const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(s) && Number.isFinite(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.endsWith('Z') ? s : `${s}Z`)), {
    message: 'expected an ISO date or UTC date-time, e.g. 2026-11-20 or 2026-11-20T06:00Z',
  })
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.endsWith('Z') ? s : `${s}Z`));

const argsSchema = z
  .object({
    start: instant,
    stop: instant,
    product: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(',').map((p) => p.trim()) : [...PRODUCT_IDS]))
      .pipe(z.array(z.enum(PRODUCT_IDS as [ProductId, ...ProductId[]]))),
  })
  .refine((a) => a.start < a.stop, { message: 'start must be before stop' });

/** Split our own flags from the server configuration flags. */
export function splitArgs(argv: string[]): { own: Record<string, string>; rest: string[] } {
  const own: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(start|stop|product)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      rest.push(argv[i]);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`option --${m[1]} needs a value\n${USAGE}`);
    own[m[1]] = value;
  }
  return { own, rest };
}

async function main(): Promise<number> {
  let args: z.output<typeof argsSchema>;
  let config;
  try {
    const { own, rest } = splitArgs(process.argv.slice(2));
    const parsed = argsSchema.safeParse(own);
    if (!parsed.success) throw new ConfigError(`${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n')}\n${USAGE}`);
    args = parsed.data;
    config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, rest);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  for (const dir of [config.dataDir, config.inputDir, config.productsDir]) fs.mkdirSync(dir, { recursive: true });
  const catalogue = Catalogue.open(config.databasePath);
  const now = clockOf(config);
  try {
    sweepProducts({ catalogue, productsDir: config.productsDir }, now());
    const found = await discoverInputs(config.inputDir, catalogue, logger, now());
    console.error(`inputs: ${found.added} new, ${found.quarantined} quarantined, ${found.unchanged} known`);
    const progress = createProgress(process.stderr);
    const summary = await new Production({ config, catalogue, logger, now }).produce(args.start, args.stop, {
      products: args.product,
      onProgress: (done, total, job) => progress(done, total, job?.label ?? ''),
    });
    console.error(`maps: ${summary.made} made, ${summary.existing} already there, ${summary.failed} failed (of ${summary.planned} planned)`);
    if (summary.failed) console.error('failures are in the catalogue log (and quarantined inputs are listed with their reasons)');
    return summary.failed ? 1 : 0;
  } finally {
    catalogue.close();
  }
}

process.exitCode = await main();
