/**
 * Run one product's pipeline on given input files and write its outputs to a folder — the
 * algorithms without the service (no catalogue, no server):
 *
 *   npm run product -- currents --out DIR hmi.sharp_cea_720s.377.20110215_020000_TAI.{Br,Bp,Bt,...}.fits
 *   npm run product -- dem --out DIR aia.lev1_euv_12s.*.{94,131,171,193,211,335}.image_lev1.fits
 *
 * Prints the record (times, version, summary indices) as JSON on stdout.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeCurrentsProduct, SHARP_SEGMENTS } from './currents/index.ts';
import { makeDemProductParallel } from './dem/index.ts';
import type { PipelineOutput } from './definitions/types.ts';
import { firstImage, readFitsFile } from './fits/index.ts';

const USAGE = `usage: npm run product -- <currents|dem> --out DIR FILE...
  currents: the eight SHARP CEA segments of one HARP and T_REC, with their JSOC names
            (hmi.sharp_cea_720s[_nrt].HARP.T_REC.{${SHARP_SEGMENTS.join(',')}}.fits)
  dem:      the six AIA images (94, 131, 171, 193, 211, 335 A) of one time`;

class UsageError extends Error {}

type Runner = (files: string[]) => Promise<PipelineOutput>;

const RUNNERS: Record<string, Runner> = {
  async currents(files) {
    const segments: Record<string, Awaited<ReturnType<typeof firstImage>>> = {};
    let series = '';
    for (const f of files) {
      const m = /^(hmi\.sharp_cea_720s(?:_nrt)?)\.\d+\.[^.]+\.([A-Za-z_]+)\.fits(?:\.gz)?$/.exec(path.basename(f));
      if (!m) throw new UsageError(`${f}: not a SHARP CEA segment file name (hmi.sharp_cea_720s[_nrt].HARP.T_REC.SEGMENT.fits)`);
      series = m[1];
      if ((SHARP_SEGMENTS as readonly string[]).includes(m[2])) segments[m[2]] = firstImage(await readFitsFile(f));
    }
    return makeCurrentsProduct(segments, { series });
  },
  async dem(files) {
    const images = [];
    for (const f of files) {
      const image = firstImage(await readFitsFile(f, { float32: true }));
      images.push({ header: image.header, width: image.width, height: image.height, data: image.data });
    }
    const series = /^(aia\.lev1[a-z0-9_]*)\./.exec(path.basename(files[0]))?.[1];
    return makeDemProductParallel(images, series ? { series } : { dataType: 'sci' });
  },
};

async function main(argv: string[]): Promise<number> {
  const [product, ...rest] = argv;
  let out: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out') out = rest[++i];
    else if (rest[i].startsWith('--out=')) out = rest[i].slice(6);
    else files.push(rest[i]);
  }
  const run = product ? RUNNERS[product] : undefined;
  if (!run || !out || files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  try {
    const output = await run(files);
    fs.mkdirSync(out, { recursive: true });
    for (const f of output.files) fs.writeFileSync(path.join(out, f.name), f.bytes);
    console.log(JSON.stringify({ record: output.record, files: output.files.map((f) => ({ kind: f.kind, name: f.name, bytes: f.bytes.length })) }, null, 1));
    return 0;
  } catch (e) {
    // Input problems are the user's to fix: say what, without a stack trace.
    console.error(`${product}: ${(e as Error).message}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
