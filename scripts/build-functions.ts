/**
 * Bundles every cloud function into a self-contained CommonJS file for CloudBase:
 * cloudfunctions/dist/<fn>/index.js (exports.main) + a package.json with no dependencies.
 * Beside the function folders, never uploaded: <fn>.js.map (source map) and <fn>.meta.json
 * (esbuild's metafile: which module brings how many bytes).
 * `npm run build:functions [-- --json | --analyze]`; --json lists bundle sizes for the benchmark,
 * --analyze prints each bundle's biggest inputs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeMetafile, build, type Metafile, type Plugin } from 'esbuild';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { chineseDaysPlugin } from './chinese-days-plugin';
import { sdkStubsPlugin } from './sdk-stubs/plugin';

export const FUNCTIONS_DIST = path.resolve(__dirname, '../cloudfunctions/dist');

export interface BuiltFunction {
  name: string;
  /** Bytes of index.js, what is uploaded besides a tiny package.json and config.json. */
  bytes: number;
  file: string;
  metafile: Metafile;
  /** Files beside index.js that it loads only on a rare path (LAZY_CHUNKS), uploaded with it. */
  chunks: LazyChunk[];
}

export interface LazyChunk {
  file: string;
  bytes: number;
}

/** Where a function's metafile and source map go: the dist root, outside the uploaded folder. */
export const metafilePath = (name: string) => path.join(FUNCTIONS_DIST, `${name}.meta.json`);
const sourceMapPath = (name: string) => path.join(FUNCTIONS_DIST, `${name}.js.map`);

/**
 * Modules a function loads with `await import()` only on a rare path, built as a file beside
 * index.js instead of inside it, so they cost nothing on a cold start: catalog.publish's pinyin
 * dictionary (~450 KB) is needed by one admin action, not by every admin call.
 */
export const LAZY_CHUNKS: { module: string; file: string; /** It reaches the SDK: trimmed by the same stubs as index.js. */ sdk?: boolean }[] = [
  { module: '@qgt/shared/search/build', file: 'search-build.js' },
  // Turf's polygon clipping and gcoord: only a grid import or a community boundary change needs them.
  { module: '@qgt/shared/domain/geometryChecks', file: 'geometry-checks.js' },
  // The law table behind catalog.review (the guide reads it statically: every matter shows its review).
  { module: '@qgt/shared/catalog/checks', file: 'catalog-checks.js' },
  // gcoord alone: only a location reported in another datum than the stored GCJ-02 (the weapp's own).
  { module: '@qgt/shared/domain/datum', file: 'datum.js' },
  // The metrics groupings and their combining: only admin's metrics action (requests store their facts statically).
  { module: '@qgt/shared/domain/metrics', file: 'metrics.js' },
  // Our own rare admin paths (an AppError thrown there is still one here: see shared/src/errors.ts).
  // Rosters from Excel: the template, preview and import of workers, buildings and households.
  { module: 'cloudfunctions/lib/rosters/rosters', file: 'rosters.js' },
  // The metrics action (its groupings come from metrics.js above, loaded by this chunk in turn).
  { module: 'cloudfunctions/lib/metrics/metrics', file: 'metrics-action.js' },
  // The catalog console: draft, publish, review, reports and versions of the 办事指南.
  { module: 'cloudfunctions/lib/catalog/console', file: 'catalog-console.js' },
  // 邀请加入: making and accepting a staff invitation (the account function stays free of the community model).
  { module: 'cloudfunctions/lib/community/invites', file: 'invites.js' },
  // 楼栋 and 站点 in the console (listed and edited now and then, not on every admin call).
  { module: 'cloudfunctions/lib/community/places', file: 'places.js' },
  // WeChat's image-check verdicts: one push per photo, against every call a resident makes.
  { module: 'cloudfunctions/lib/moderation/verdicts', file: 'image-verdicts.js' },
  // Issuing or rotating an Open311 partner's key (a few times a year).
  { module: 'cloudfunctions/lib/partners/partners', file: 'partners.js' },
  // The HTTP access service's routes, each in the function owning its prefix: never a function call.
  // Open311 files requests, which notify: it reaches the SDK.
  { module: 'cloudfunctions/lib/http/open311-access', file: 'http-open311.js', sdk: true },
  { module: 'cloudfunctions/lib/http/export-access', file: 'http-exports.js' },
  { module: 'cloudfunctions/lib/http/qr-access', file: 'http-qr.js' },
  { module: 'cloudfunctions/lib/http/notice-access', file: 'http-notices.js' },
  // exceljs (~1 MB): only the rosters' template, preview and import read or write a workbook.
  { module: 'exceljs', file: 'exceljs.js' },
];

function chunkEntry(module: string): string {
  if (module.startsWith('@qgt/shared/')) return path.resolve(__dirname, `../shared/src/${module.replace('@qgt/shared/', '')}.ts`);
  if (module.startsWith('cloudfunctions/')) return path.resolve(__dirname, '..', `${module}.ts`);
  return require.resolve(module);
}

/** Resolves each lazy module's dynamic import to its chunk beside the bundle (static imports stay bundled). */
function lazyChunksPlugin(used: Set<(typeof LAZY_CHUNKS)[number]>): Plugin {
  return {
    name: 'lazy-chunks',
    setup(build) {
      for (const chunk of LAZY_CHUNKS) {
        const own = chunk.module.startsWith('cloudfunctions/');
        // Our own modules are imported by a relative path: matched by its ending, then by where it leads.
        const filter = own ? new RegExp(`/${path.basename(chunk.module)}$`) : new RegExp(`^${chunk.module.replace(/[/.@]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) => {
          if (args.kind !== 'dynamic-import') return undefined;
          if (own && path.resolve(args.resolveDir, args.path) !== path.resolve(__dirname, '..', chunk.module)) return undefined;
          used.add(chunk);
          return { path: `./${chunk.file}`, external: true };
        });
      }
    },
  };
}

/**
 * point-in-polygon-hao (under Turf's point-in-polygon, every function's grid lookup) takes only
 * orient2d from robust-predicates, whose index also re-exports orient3d, incircle and insphere:
 * their top-level table allocations keep them from being tree-shaken (~2 KB a function).
 */
function orient2dOnlyPlugin(): Plugin {
  return {
    name: 'orient2d-only',
    setup(build) {
      build.onResolve({ filter: /^robust-predicates$/ }, (args) =>
        args.importer.includes('point-in-polygon-hao') ? { path: path.join(path.dirname(require.resolve('robust-predicates')), 'esm/orient2d.js') } : undefined,
      );
    },
  };
}

/** esbuild options every function bundle is built with (also the benchmark's SDK-only floor). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // Minified names only: a stack trace from CloudBase's log is read back through the source map
  // (scripts/trace-function.ts); keeping every name cost ~15 KB and a call per function at load.
  minify: true,
  legalComments: 'none',
  // Chinese text as UTF-8 (3 bytes a character) rather than \u escapes (6): ~8 KB less a function, same load time.
  charset: 'utf8',
  logLevel: 'warning',
} as const;

export async function buildFunctions(names = Object.keys(FUNCTIONS)): Promise<BuiltFunction[]> {
  const out: BuiltFunction[] = [];
  for (const name of names) {
    const dir = path.join(FUNCTIONS_DIST, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'index.js');
    const lazy = new Set<(typeof LAZY_CHUNKS)[number]>();
    const result = await build({
      ...BUNDLE_OPTIONS,
      entryPoints: [path.resolve(__dirname, `../cloudfunctions/${name}/index.ts`)],
      outfile: file,
      write: false,
      // The map lives one folder up; its sources are relative to the bundle's folder.
      sourcemap: 'external',
      sourceRoot: `${name}/`,
      metafile: true,
      plugins: [sdkStubsPlugin(), chineseDaysPlugin(), orient2dOnlyPlugin(), lazyChunksPlugin(lazy)],
      // A lazy chunk is loaded with require(), which every CommonJS host (and jest) runs; an ESM import() is not.
      supported: { 'dynamic-import': false },
    });
    const chunks: LazyChunk[] = [];
    for (const chunk of lazy) {
      const chunkFile = path.join(dir, chunk.file);
      const stubs = chunk.sdk ? [sdkStubsPlugin()] : [];
      await build({ ...BUNDLE_OPTIONS, entryPoints: [chunkEntry(chunk.module)], outfile: chunkFile, plugins: [...stubs, chineseDaysPlugin(), orient2dOnlyPlugin(), lazyChunksPlugin(lazy)], supported: { 'dynamic-import': false } });
      chunks.push({ file: chunk.file, bytes: fs.statSync(chunkFile).size });
    }
    for (const output of result.outputFiles) {
      if (output.path.endsWith('.map')) fs.writeFileSync(sourceMapPath(name), output.contents);
      // Found by `node --enable-source-maps` where the map exists (locally); absent once uploaded.
      else fs.writeFileSync(file, `${output.text}//# sourceMappingURL=../${name}.js.map\n`);
    }
    fs.writeFileSync(metafilePath(name), JSON.stringify(result.metafile));
    // config.json carries the function's cloud-openapi permissions for WeChat DevTools uploads.
    const config = path.resolve(__dirname, `../cloudfunctions/${name}/config.json`);
    if (fs.existsSync(config)) fs.copyFileSync(config, path.join(dir, 'config.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', private: true }, null, 2) + '\n');
    out.push({ name, bytes: fs.statSync(file).size, file, metafile: result.metafile, chunks });
  }
  return out;
}

if (require.main === module) {
  buildFunctions().then(
    async (built) => {
      if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(built.map(({ name, bytes, file, chunks }) => ({ name, bytes, file, chunks }))) + '\n');
      else
        for (const b of built) {
          const lazy = b.chunks.map((c) => ` + ${c.file} ${(c.bytes / 1024).toFixed(1)} KB (lazy)`).join('');
          process.stdout.write(`${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1)} KB  ${path.relative(process.cwd(), b.file)}${lazy}\n`);
        }
      if (process.argv.includes('--analyze')) for (const b of built) process.stdout.write(`\n${b.name}:${await analyzeMetafile(b.metafile)}`);
    },
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(1);
    },
  );
}
