/**
 * Bundle the portal pages with esbuild: one entry module per page (`src/pages/*.ts`), minified,
 * shared code split into chunks, content-hashed file names, and `dist/manifest.json` that the
 * portal routes read to write the `<script>` and `modulepreload` tags.
 *
 * `node --import tsx webapps/build.ts` (npm run build). Prints the size of each page's JavaScript
 * (entry + every chunk it imports), raw and gzipped.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = path.join(here, 'dist');
const PAGES = ['index', 'latest', 'query', 'help', 'related'] as const;

/** What the portal routes need to know about one page. */
export interface ManifestEntry {
  /** Entry module, relative to dist/ (served under /assets/...). */
  js: string;
  /** Every chunk the entry imports, directly or not (for modulepreload). */
  imports: string[];
  bytes: number;
  gzipBytes: number;
}

export interface Manifest {
  builtAt: string;
  pages: Record<string, ManifestEntry>;
}

export async function build(outDir = DIST_DIR): Promise<Manifest> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: path.resolve(here, '..'),
    entryPoints: Object.fromEntries(PAGES.map((p) => [p, path.join(here, 'src/pages', `${p}.ts`)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    loader: { '.css': 'text' },
    tsconfig: path.join(here, '..', 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  });

  const outputs = result.metafile.outputs;
  const rel = (p: string) => path.relative(outDir, path.resolve(path.resolve(here, '..'), p)).split(path.sep).join('/');
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    for (const imp of outputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || seen.has(imp.path)) continue;
      seen.add(imp.path);
      closure(imp.path, seen);
    }
    return seen;
  };
  const pages: Record<string, ManifestEntry> = {};
  for (const [file, out] of Object.entries(outputs)) {
    if (!out.entryPoint || !file.endsWith('.js')) continue;
    const page = path.basename(out.entryPoint, '.ts');
    const chunks = [...closure(file)];
    const all = [file, ...chunks].map((f) => fs.readFileSync(path.resolve(path.resolve(here, '..'), f)));
    pages[page] = {
      js: rel(file),
      imports: chunks.map(rel),
      bytes: all.reduce((n, b) => n + b.length, 0),
      gzipBytes: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    };
  }
  // Precompressed copies: the portal serves them to clients that accept gzip.
  for (const file of Object.keys(outputs)) {
    if (!/\.(js|map|txt)$/.test(file)) continue;
    const abs = path.resolve(path.resolve(here, '..'), file);
    fs.writeFileSync(`${abs}.gz`, gzipSync(fs.readFileSync(abs), { level: 9 }));
  }
  const manifest: Manifest = { builtAt: new Date().toISOString(), pages };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const manifest = await build();
  console.log(`webapps: built ${Object.keys(manifest.pages).length} pages into ${path.relative(process.cwd(), DIST_DIR)} in ${Math.round(performance.now() - t0)} ms`);
  for (const [page, e] of Object.entries(manifest.pages)) {
    console.log(`  ${page.padEnd(8)} ${(e.bytes / 1024).toFixed(1).padStart(7)} KB  ${(e.gzipBytes / 1024).toFixed(1).padStart(6)} KB gzip  (${e.imports.length} chunks)`);
  }
}
