/**
 * The service configuration: the only module that reads `process.env` and the command line.
 *
 * Every setting has an environment name (DESIGN.md section 8) and an equivalent flag
 * (`PORT` ⇔ `--port 8080`, `DATA_DIR` ⇔ `--data-dir ./var`). Flags win over the environment.
 * A bad value stops the program at once with a readable list of what is wrong.
 *
 * @module
 */
import path from 'node:path';
import { z } from 'zod';

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/, 'an ISO 8601 UTC instant such as 2026-11-25T12:00:00Z');

/** Raw settings as strings, keyed by their environment names. */
const rawSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./var'),
  INPUT_DIR: z.string().min(1).optional(),
  SIMULATOR: onOff.default(true),
  WORKER: onOff.default(true),
  BASE_URL: z.url().optional(),
  SPASE_AUTHORITY: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or dash (a SPASE naming authority)')
    .default('ESA'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days of products made at start-up before the nowcast schedule takes over. */
  BACKFILL_DAYS: z.coerce.number().min(0).max(60).default(3),
  /** Seconds between two passes of the production worker (new inputs, missing maps). */
  WORKER_TICK_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  SIMULATOR_SEED: z.coerce.number().int().default(20110215),
  /** Side of the simulated AIA full-disk images (1024 default; 4096 is the real instrument). */
  SIMULATOR_AIA_SIZE: z.coerce.number().int().min(64).max(4096).default(1024),
  SIMULATOR_HMI_SIZE: z.coerce.number().int().min(64).max(4096).default(1024),
  /** Freeze "now" (tests, demonstrations): an ISO instant. */
  NOW: isoInstant.optional(),
  CENTRE_NAME: z.string().min(1).default('MEDOC'),
  CENTRE_LONG_NAME: z.string().min(1).default('MEDOC (Université Paris-Saclay/CNRS/CNES)'),
  CENTRE_URL: z.url().default('https://idoc.osups.universite-paris-saclay.fr/MEDOC/'),
  HELPDESK_EMAIL: z.email().default('helpdesk.swe@ssa.esa.int'),
  ESA_CONTRACTS: z.string().min(1).default('4000128012/19/D/MRP,4000134036/21/D/MRP'),
  PORTAL_URL: z.url().default('https://swe.ssa.esa.int/'),
  ESA_SWE_URL: z.url().default('https://www.esa.int/spaceweather'),
  ACKNOWLEDGEMENT: z
    .string()
    .min(1)
    .default('MEDOC (Université Paris-Saclay/CNRS/CNES) and the ESA Space Safety Programme'),
  SDO_CREDIT: z.string().min(1).default('courtesy of NASA/SDO and the AIA, EVE, and HMI science teams'),
  /** SPASE Person records to generate, as `Given.Family <email>; ...` (may be empty). */
  SPASE_PERSONS: z.string().default('Eric.Buchlin <eric.buchlin@universite-paris-saclay.fr>'),
  DATA_LICENCE: z.string().min(1).default('CC-BY-4.0'),
});

/** Names accepted on the command line, mapped to their environment names. */
const flagNames: Record<string, keyof z.input<typeof rawSchema>> = Object.fromEntries(
  Object.keys(rawSchema.shape).map((env) => [`--${env.toLowerCase().replaceAll('_', '-')}`, env as keyof z.input<typeof rawSchema>]),
);

export interface PortalTexts {
  centreName: string;
  centreLongName: string;
  centreUrl: string;
  helpdeskEmail: string;
  esaContracts: string[];
  portalUrl: string;
  esaSpaceWeatherUrl: string;
  acknowledgement: string;
  sdoCredit: string;
  networkStatement: string;
}

export interface SpasePerson {
  /** `Given.Family`, the last part of `spase://SMWG/Person/...` style ids. */
  id: string;
  name: string;
  email?: string;
}

/** The validated configuration, with derived paths and URLs. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  inputDir: string;
  /** Where product files live (served under /data/). */
  productsDir: string;
  quarantineDir: string;
  cacheDir: string;
  databasePath: string;
  simulator: boolean;
  worker: boolean;
  baseUrl: string;
  spaseAuthority: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  backfillDays: number;
  workerTickSeconds: number;
  simulatorSeed: number;
  simulatorAiaSize: number;
  simulatorHmiSize: number;
  /** Frozen "now" in ms since the epoch, or undefined for the wall clock. */
  nowMs?: number;
  portal: PortalTexts;
  spasePersons: SpasePerson[];
  dataLicence: string;
}

/** Thrown when the settings are invalid; its message lists every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Split `--name value` and `--name=value` flags into a record of environment names. */
export function parseFlags(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const env = flagNames[flag];
    if (!env) throw new ConfigError(`unknown option ${flag}; known options: ${Object.keys(flagNames).join(' ')}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new ConfigError(`option ${flag} needs a value`);
    out[env] = value;
  }
  return out;
}

function parsePersons(text: string): SpasePerson[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([A-Za-z0-9._-]+)\s*(?:<([^>]+)>)?$/.exec(entry);
      if (!m) throw new ConfigError(`SPASE_PERSONS: "${entry}" is not of the form Given.Family <email>`);
      return { id: m[1], name: m[1].replaceAll('.', ' '), ...(m[2] ? { email: m[2] } : {}) };
    });
}

/**
 * Build the configuration from an environment and command-line flags.
 * @example loadConfig({ PORT: '9000' }, ['--data-dir', '/tmp/x'])
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, argv: readonly string[] = []): Config {
  const known = Object.fromEntries(
    Object.keys(rawSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = rawSchema.safeParse({ ...known, ...parseFlags(argv) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const r = parsed.data;
  const dataDir = path.resolve(r.DATA_DIR);
  const baseUrl = (r.BASE_URL ?? `http://${r.HOST.includes(':') ? `[${r.HOST}]` : r.HOST}:${r.PORT}`).replace(/\/+$/, '');
  const contracts = r.ESA_CONTRACTS.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    port: r.PORT,
    host: r.HOST,
    dataDir,
    inputDir: path.resolve(r.INPUT_DIR ?? path.join(dataDir, 'input')),
    productsDir: path.join(dataDir, 'products'),
    quarantineDir: path.join(dataDir, 'quarantine'),
    cacheDir: path.join(dataDir, 'cache'),
    databasePath: path.join(dataDir, 'catalogue.sqlite'),
    simulator: r.SIMULATOR,
    worker: r.WORKER,
    baseUrl,
    spaseAuthority: r.SPASE_AUTHORITY,
    logLevel: r.LOG_LEVEL,
    backfillDays: r.BACKFILL_DAYS,
    workerTickSeconds: r.WORKER_TICK_SECONDS,
    simulatorSeed: r.SIMULATOR_SEED,
    simulatorAiaSize: r.SIMULATOR_AIA_SIZE,
    simulatorHmiSize: r.SIMULATOR_HMI_SIZE,
    ...(r.NOW ? { nowMs: Date.parse(r.NOW) } : {}),
    portal: {
      centreName: r.CENTRE_NAME,
      centreLongName: r.CENTRE_LONG_NAME,
      centreUrl: r.CENTRE_URL,
      helpdeskEmail: r.HELPDESK_EMAIL,
      esaContracts: contracts,
      portalUrl: r.PORTAL_URL,
      esaSpaceWeatherUrl: r.ESA_SWE_URL,
      acknowledgement: r.ACKNOWLEDGEMENT,
      sdoCredit: r.SDO_CREDIT,
      networkStatement: `This product is part of the ESA Space Weather Service Network, developed under ESA contracts ${contracts.join(' and ')}.`,
    },
    spasePersons: parsePersons(r.SPASE_PERSONS),
    dataLicence: r.DATA_LICENCE,
  };
}

/** A clock that honours the frozen NOW setting. */
export function clockOf(config: Pick<Config, 'nowMs'>): () => number {
  const frozen = config.nowMs;
  return frozen === undefined ? () => Date.now() : () => frozen;
}
