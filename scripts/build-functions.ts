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
import { analyzeMetafile, build, type Metafile } from 'esbuild';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { sdkStubsPlugin } from './sdk-stubs/plugin';

export const FUNCTIONS_DIST = path.resolve(__dirname, '../cloudfunctions/dist');

export interface BuiltFunction {
  name: string;
  /** Bytes of index.js, what is uploaded besides a tiny package.json and config.json. */
  bytes: number;
  file: string;
  metafile: Metafile;
}

/** Where a function's metafile and source map go: the dist root, outside the uploaded folder. */
export const metafilePath = (name: string) => path.join(FUNCTIONS_DIST, `${name}.meta.json`);
const sourceMapPath = (name: string) => path.join(FUNCTIONS_DIST, `${name}.js.map`);

export async function buildFunctions(names = Object.keys(FUNCTIONS)): Promise<BuiltFunction[]> {
  const out: BuiltFunction[] = [];
  for (const name of names) {
    const dir = path.join(FUNCTIONS_DIST, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'index.js');
    const result = await build({
      entryPoints: [path.resolve(__dirname, `../cloudfunctions/${name}/index.ts`)],
      outfile: file,
      write: false,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      // Function and class names survive minifying, so CloudBase's logged stack traces stay readable.
      keepNames: true,
      // The map lives one folder up; its sources are relative to the bundle's folder.
      sourcemap: 'external',
      sourceRoot: `${name}/`,
      metafile: true,
      plugins: [sdkStubsPlugin()],
      legalComments: 'none',
      logLevel: 'warning',
    });
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
    out.push({ name, bytes: fs.statSync(file).size, file, metafile: result.metafile });
  }
  return out;
}

if (require.main === module) {
  buildFunctions().then(
    async (built) => {
      if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(built.map(({ name, bytes, file }) => ({ name, bytes, file }))) + '\n');
      else for (const b of built) process.stdout.write(`${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1)} KB  ${path.relative(process.cwd(), b.file)}\n`);
      if (process.argv.includes('--analyze')) for (const b of built) process.stdout.write(`\n${b.name}:${await analyzeMetafile(b.metafile)}`);
    },
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(1);
    },
  );
}
