/**
 * FITS reader throughput: open + RICE_1 decode to physical values, side by side with astropy
 * (`fits.open(f)[1].data`, timed inside one Python process) on the same files in the same run.
 *
 * Inputs: the nine RICE_1 SHARP segments of HARP 377 (744 x 377, int32/int16 with BSCALE/BLANK:
 * both readers produce float64), and a 4096 x 4096 int32 RICE_1 image, one tile per row, written
 * by astropy's CompImageHDU from a smooth field plus Gaussian noise (so it compresses like real
 * data, ~7 bits per pixel). astropy returns that image as raw int32; we return physical float64
 * by default (twice the memory to write) and float32 with `{ float32: true }` (same memory as
 * astropy's int32): both are reported.
 *
 * Figures are best-of-N wall times, alternating rounds of astropy and ours to share machine noise.
 *
 * Run: node --import tsx bench/fits/index.ts [rounds=3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstImage, readFitsFile, type ReadFitsOptions } from '../../products/src/fits/index.ts';

const PYTHON = '/usr/bin/python3';
const SHARP_DIR = new URL('../../../shared/data/sdo/sharp-377/', import.meta.url).pathname;

interface Target {
  name: string;
  files: string[];
  pixels: number;
}

const GENERATE = `
import sys, numpy as np
from astropy.io import fits
n = 4096
rng = np.random.default_rng(4096)
y, x = np.mgrid[0:n, 0:n].astype(np.float32)
field = 2000 * np.sin(x / 300) * np.cos(y / 250) + 500 * np.sin((x + y) / 77)
data = (field + rng.normal(0, 20, (n, n))).astype(np.int32)
fits.HDUList([fits.PrimaryHDU(), fits.CompImageHDU(data, compression_type='RICE_1')]).writeto(sys.argv[1])
`;

const ASTROPY_TIMER = `
import sys, json, time, warnings
from astropy.io import fits
warnings.simplefilter('ignore')
repeats = int(sys.argv[1])
out = {}
for group in json.loads(sys.argv[2]):
    best = float('inf')
    for _ in range(repeats):
        t0 = time.perf_counter()
        for f in group['files']:
            with fits.open(f) as hl:
                d = hl[1].data
        best = min(best, time.perf_counter() - t0)
    out[group['name']] = best
print(json.dumps(out))
`;

function python(args: string[]): string {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

async function ours(target: Target, repeats: number, opts: ReadFitsOptions): Promise<number> {
  let best = Infinity;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    for (const f of target.files) firstImage(await readFitsFile(f, opts));
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'bench-fits-'));
  try {
    const big = join(dir, 'int32-4096-rice.fits');
    python(['-c', GENERATE, big]);
    const sharp = readdirSync(SHARP_DIR)
      .filter((f) => f.endsWith('.fits') && !f.includes('bitmap'))
      .map((f) => SHARP_DIR + f);
    const targets: Target[] = [
      { name: `SHARP 377: ${sharp.length} RICE_1 segments 744x377`, files: sharp, pixels: sharp.length * 744 * 377 },
      { name: '4096x4096 int32 RICE_1, tile per row', files: [big], pixels: 4096 * 4096 },
    ];
    const repeats = (t: Target) => (t.pixels > 1e7 ? 5 : 20);
    const best = new Map<string, { astropy: number; f64: number; f32: number }>();
    for (let round = 0; round < rounds; round++) {
      for (const t of targets) {
        const py = JSON.parse(python(['-c', ASTROPY_TIMER, String(repeats(t)), JSON.stringify([t])]))[t.name] as number;
        const f64 = await ours(t, repeats(t), {});
        const f32 = await ours(t, repeats(t), { float32: true });
        const prev = best.get(t.name) ?? { astropy: Infinity, f64: Infinity, f32: Infinity };
        best.set(t.name, { astropy: Math.min(prev.astropy, py), f64: Math.min(prev.f64, f64), f32: Math.min(prev.f32, f32) });
      }
    }
    const version = python(['-c', 'import astropy; print(astropy.__version__)']).trim();
    console.log(`FITS open + RICE_1 decode, best of ${rounds} rounds; Node ${process.version}, astropy ${version}`);
    console.log('target'.padEnd(44), 'astropy Mpix/s'.padStart(15), 'ours f64'.padStart(10), 'ratio'.padStart(7), 'ours f32'.padStart(10), 'ratio'.padStart(7));
    for (const t of targets) {
      const b = best.get(t.name)!;
      const rate = (s: number) => t.pixels / s / 1e6;
      console.log(
        t.name.padEnd(44),
        rate(b.astropy).toFixed(1).padStart(15),
        rate(b.f64).toFixed(1).padStart(10),
        (b.astropy / b.f64).toFixed(2).padStart(7),
        rate(b.f32).toFixed(1).padStart(10),
        (b.astropy / b.f32).toFixed(2).padStart(7),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
