/**
 * The simulator's only module with side effects: writes the synthetic archive into an input folder,
 * for a past interval (`fillInterval`) or as a live feed (`liveStep`: the files whose observation
 * time plus the series' latency has passed and that are not on disk yet).
 *
 * Every file is written atomically (temporary hidden name in the same folder, optionally fsync, rename), so the
 * worker never sees a partial file, and is never rewritten once present (unless `overwrite`).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { writeFits } from '../fits/writer.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { AIA_WAVELENGTHS, type AiaWavelength, type RenderedImage, renderAiaSet } from './aia.ts';
import { renderHmiPair } from './hmi.ts';
import { SHARP_SEGMENT_NAMES, type SharpSeries, hasSharp, renderSharpPatches } from './sharp.ts';
import { type Cadences, aiaFilePath, aiaSeries, aiaSlots, hmiFilePath, resolveCadences, sharpFilePath, tRecSlots } from './schedule.ts';
import type { SyntheticSun } from './sun.ts';

export type SeriesChoice = 'nrt' | 'definitive' | 'both';
export type SimulatedInstrument = 'aia' | 'hmi' | 'sharp';

/** A file the simulator wrote. */
export interface WrittenFile {
  path: string;
  kind: SimulatedInstrument;
  /** AIA wavelength ('171'), 'magnetogram' / 'continuum', or the SHARP segment ('Br'). */
  channel: string;
  /** JSOC series name, e.g. 'aia.lev1_euv_12s', 'hmi.m_720s_nrt', 'hmi.sharp_cea_720s'. */
  series: string;
  /** Observation time (AIA T_OBS, HMI/SHARP T_REC), UTC ms. */
  timeMs: number;
  harpnum?: number;
  bytes: number;
}

export interface ArchiveOptions {
  inputDir: string;
  sun: SyntheticSun;
  cadences?: Partial<Cadences>;
  /** Full-disk image sizes [pixels] (default 1024; 4096 is the real detector). */
  aiaSize?: number;
  hmiSize?: number;
  /** HMI and SHARP series to write (AIA has one level-1 series). Default 'both'. */
  series?: SeriesChoice;
  /** Instruments to simulate (default all three). */
  instruments?: readonly SimulatedInstrument[];
  aiaWavelengths?: readonly AiaWavelength[];
  /** Photon/read noise in AIA and HMI images (default true). */
  noise?: boolean;
  /** Noise on the SHARP vector segments (default false: the analytic ropes, see sharp.ts). */
  sharpNoise?: boolean;
  /** fsync each file before the rename (default false: the rename alone makes the file appear whole). */
  fsync?: boolean;
  /** Rewrite files that already exist (default false). */
  overwrite?: boolean;
}

export interface FillOptions extends ArchiveOptions {
  startMs: number;
  stopMs: number;
  /** Only the slots whose index in each stream is ≡ index (mod count): one share of a parallel fill. */
  shard?: { index: number; count: number };
}

/** Delay between observation and availability, per stream [s] (not established; plausible JSOC values). */
export interface Latencies {
  aiaS: number;
  hmiNrtS: number;
  hmiDefinitiveS: number;
  sharpNrtS: number;
  sharpDefinitiveS: number;
}

export const DEFAULT_LATENCIES: Readonly<Latencies> = Object.freeze({
  aiaS: 15 * 60,
  hmiNrtS: 30 * 60,
  hmiDefinitiveS: 3 * 86_400,
  sharpNrtS: 90 * 60,
  sharpDefinitiveS: 5 * 86_400,
});

/** Memory of a live feed between steps (optional: existing files are never rewritten anyway). */
export interface LiveState {
  /** `nowMs` of the previous step: the next step looks back at least to there. */
  lastNowMs?: number;
}

export interface LiveOptions extends ArchiveOptions {
  nowMs: number;
  latencies?: Partial<Latencies>;
  /** How far before now − latency slots are still considered (default 6 h, or back to the last step). */
  lookbackMs?: number;
  state?: LiveState;
}

/** Slots to write, per stream. */
interface Plan {
  aia: number[];
  hmi: Record<SharpSeries, number[]>;
  sharp: Record<SharpSeries, number[]>;
}

function seriesList(choice: SeriesChoice | undefined): SharpSeries[] {
  const c = choice ?? 'both';
  if (c !== 'nrt' && c !== 'definitive' && c !== 'both') throw new RangeError(`series must be nrt, definitive or both, got ${String(c)}`);
  return c === 'both' ? ['definitive', 'nrt'] : [c];
}

/** Writes every file of [startMs, stopMs] at the given cadences; returns the files written. */
export async function fillInterval(o: FillOptions): Promise<WrittenFile[]> {
  if (!(o.stopMs >= o.startMs)) throw new RangeError('stopMs must not be before startMs');
  const c = resolveCadences(o.cadences);
  const want = new Set(o.instruments ?? ['aia', 'hmi', 'sharp']);
  const series = seriesList(o.series);
  const plan: Plan = { aia: [], hmi: { nrt: [], definitive: [] }, sharp: { nrt: [], definitive: [] } };
  if (want.has('aia')) plan.aia = aiaSlots(o.startMs, o.stopMs, c.aiaCadenceS);
  for (const s of series) {
    if (want.has('hmi')) plan.hmi[s] = tRecSlots(o.startMs, o.stopMs, c.hmiCadenceS);
    if (want.has('sharp')) plan.sharp[s] = tRecSlots(o.startMs, o.stopMs, c.sharpCadenceS);
  }
  const shard = o.shard;
  if (shard) {
    if (!(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count)) {
      throw new RangeError(`invalid shard ${shard.index} of ${shard.count}`);
    }
    const mine = (slots: number[]): number[] => slots.filter((_, i) => i % shard.count === shard.index);
    plan.aia = mine(plan.aia);
    for (const s of series) {
      plan.hmi[s] = mine(plan.hmi[s]);
      plan.sharp[s] = mine(plan.sharp[s]);
    }
  }
  return writePlan(o, plan);
}

/**
 * One step of the live feed: writes the files whose observation time + latency ≤ nowMs, looking
 * back `lookbackMs` (or to the previous step), skipping files already on disk.
 */
export async function liveStep(o: LiveOptions): Promise<WrittenFile[]> {
  const c = resolveCadences(o.cadences);
  const lat = { ...DEFAULT_LATENCIES, ...o.latencies };
  const want = new Set(o.instruments ?? ['aia', 'hmi', 'sharp']);
  const series = seriesList(o.series);
  const lookback = o.lookbackMs ?? 6 * 3_600_000;
  const from = Math.min(o.nowMs - lookback, o.state?.lastNowMs ?? Infinity);
  // Observation times t with from − latency ≤ t ≤ now − latency.
  const window = (latencyS: number): [number, number] => [from - latencyS * 1000, o.nowMs - latencyS * 1000];
  const plan: Plan = { aia: [], hmi: { nrt: [], definitive: [] }, sharp: { nrt: [], definitive: [] } };
  if (want.has('aia')) {
    // An AIA channel's T_OBS is a few seconds after its slot: keep only channels already due.
    const [a, b] = window(lat.aiaS);
    plan.aia = aiaSlots(a - 60_000, b, c.aiaCadenceS);
  }
  for (const s of series) {
    if (want.has('hmi')) plan.hmi[s] = tRecSlots(...window(s === 'nrt' ? lat.hmiNrtS : lat.hmiDefinitiveS), c.hmiCadenceS);
    if (want.has('sharp')) plan.sharp[s] = tRecSlots(...window(s === 'nrt' ? lat.sharpNrtS : lat.sharpDefinitiveS), c.sharpCadenceS);
  }
  const written = await writePlan(o, plan, (wave, tObsMs) => tObsMs + lat.aiaS * 1000 <= o.nowMs);
  if (o.state) o.state.lastNowMs = o.nowMs;
  return written;
}

/** FITS bytes of a full-disk image: empty primary HDU + RICE_1 image extension, as JSOC exports. */
export function fullDiskFitsBytes(image: RenderedImage): Uint8Array {
  return writeFits(
    [{}, { data: image.pixels, shape: [image.width, image.height], cards: image.cards, compress: 'RICE_1' }],
    { date: new Date(Math.floor(image.timeMs / 1000) * 1000) },
  );
}

async function writePlan(o: ArchiveOptions, plan: Plan, aiaDue?: (wave: AiaWavelength, tObsMs: number) => boolean): Promise<WrittenFile[]> {
  const out: WrittenFile[] = [];
  const fsync = o.fsync ?? false;
  const noise = o.noise ?? true;
  const needed = (path: string): boolean => o.overwrite === true || !existsSync(path);
  const put = async (file: Omit<WrittenFile, 'bytes'>, bytes: Uint8Array): Promise<void> => {
    writeFileAtomic(file.path, bytes, { fsync });
    out.push({ ...file, bytes: bytes.length });
  };

  const waves = o.aiaWavelengths ?? AIA_WAVELENGTHS;
  for (const slot of plan.aia) {
    const missing = waves.filter((w) => needed(aiaFilePath(o.inputDir, slot, w)));
    if (missing.length === 0) continue;
    const images = renderAiaSet(o.sun, slot, { size: o.aiaSize ?? 1024, wavelengths: missing, noise });
    for (const im of images) {
      const wave = Number(im.channel) as AiaWavelength;
      if (aiaDue && !aiaDue(wave, im.timeMs)) continue;
      const path = aiaFilePath(o.inputDir, slot, wave);
      await put({ path, kind: 'aia', channel: im.channel, series: aiaSeries(wave), timeMs: im.timeMs }, fullDiskFitsBytes(im));
    }
  }

  // HMI: the two series of one T_REC show the same Sun: render once, write each series' files.
  for (const [t, seriesAtT] of byTime(plan.hmi)) {
    const wanted = seriesAtT.flatMap((series) =>
      (['magnetogram', 'continuum'] as const)
        .map((observable) => ({ series, observable, path: hmiFilePath(o.inputDir, t, observable, series === 'nrt') }))
        .filter((w) => needed(w.path)),
    );
    if (wanted.length === 0) continue;
    const pair = renderHmiPair(o.sun, t, { size: o.hmiSize ?? 1024, magnetogramNoiseG: noise ? undefined : 0, continuumNoise: noise ? undefined : 0 });
    // Same header and pixels in both series (the series is in the file name): encode once.
    const bytes = pair.map((image) => fullDiskFitsBytes(image));
    for (const w of wanted) {
      const family = w.observable === 'magnetogram' ? 'hmi.m_720s' : 'hmi.ic_720s';
      const b = bytes[w.observable === 'magnetogram' ? 0 : 1];
      await put({ path: w.path, kind: 'hmi', channel: w.observable, series: `${family}${w.series === 'nrt' ? '_nrt' : ''}`, timeMs: t }, b);
    }
  }

  // SHARP: per region and T_REC, the field is computed once for both series (sharp.ts).
  for (const [t, seriesAtT] of byTime(plan.sharp)) {
    for (const region of o.sun.sceneAt(t).regions) {
      if (!hasSharp(region, t)) continue;
      const todo = seriesAtT.filter((series) => {
        const harpnum = series === 'nrt' ? region.harpnumNrt : region.harpnum;
        return SHARP_SEGMENT_NAMES.some((s) => needed(sharpFilePath(o.inputDir, t, harpnum, s, series)));
      });
      if (todo.length === 0) continue;
      for (const patch of renderSharpPatches(o.sun, region, t, todo, { noise: o.sharpNoise ?? false })) {
        const nrt = patch.series === 'nrt';
        for (const seg of patch.segments) {
          const path = sharpFilePath(o.inputDir, t, patch.harpnum, seg.segment, patch.series);
          if (!needed(path)) continue;
          const hdus = seg.compressed
            ? [{}, { data: seg.pixels, shape: [seg.width, seg.height], cards: seg.cards, compress: 'RICE_1' as const }]
            : [{ data: seg.pixels, shape: [seg.width, seg.height], cards: seg.cards }];
          const bytes = writeFits(hdus, { date: new Date(Math.floor(t / 1000) * 1000) });
          await put({ path, kind: 'sharp', channel: seg.segment, series: `hmi.sharp_cea_720s${nrt ? '_nrt' : ''}`, timeMs: t, harpnum: patch.harpnum }, bytes);
        }
      }
    }
  }
  return out;
}

/** Slot times of both series merged, each with the series that want it, in time order. */
function byTime(slots: Record<SharpSeries, number[]>): [number, SharpSeries[]][] {
  const m = new Map<number, SharpSeries[]>();
  for (const series of ['definitive', 'nrt'] as const) for (const t of slots[series]) m.set(t, [...(m.get(t) ?? []), series]);
  return [...m].sort((a, b) => a[0] - b[0]);
}
