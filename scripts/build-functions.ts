/**
 * Bundles every cloud function into a self-contained CommonJS file for CloudBase:
 * cloudfunctions/dist/<fn>/index.js (exports.main) + a package.json with no dependencies.
 * `npm run build:functions [-- --json]`; the JSON lists bundle sizes for the benchmark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS } from '../cloudfunctions/functions';

export const FUNCTIONS_DIST = path.resolve(__dirname, '../cloudfunctions/dist');

export async function buildFunctions(names = Object.keys(FUNCTIONS)): Promise<{ name: string; bytes: number; file: string }[]> {
  const out = [];
  for (const name of names) {
    const dir = path.join(FUNCTIONS_DIST, name);
    fs.rmSync(dir, { recursive: true, force: true });
    const file = path.join(dir, 'index.js');
    await build({
      entryPoints: [path.resolve(__dirname, `../cloudfunctions/${name}/index.ts`)],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    // config.json carries the function's cloud-openapi permissions for WeChat DevTools uploads.
    const config = path.resolve(__dirname, `../cloudfunctions/${name}/config.json`);
    if (fs.existsSync(config)) fs.copyFileSync(config, path.join(dir, 'config.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', private: true }, null, 2) + '\n');
    out.push({ name, bytes: fs.statSync(file).size, file });
  }
  return out;
}

if (require.main === module) {
  buildFunctions().then(
    (built) => {
      if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(built) + '\n');
      else for (const b of built) process.stdout.write(`${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1)} KB  ${path.relative(process.cwd(), b.file)}\n`);
    },
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(1);
    },
  );
}
