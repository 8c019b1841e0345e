import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { buildFunctions } from '../scripts/build-functions';
import { biggestPackages, coldStarts, typicalCallName } from './function-cold-start';
import { buildSdkFloor } from './sdk-floor/build';
import { kb, type Row } from './stats';

const ROOT = path.resolve(__dirname, '..');
const WEAPP = path.join(ROOT, 'client/dist/weapp');
const H5 = path.join(ROOT, 'client/dist/h5');

function ensureBuilt(dir: string, script: string) {
  if (!fs.existsSync(dir)) execFileSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Bytes of the weapp main package: everything outside the subpackage roots listed in app.json. */
export function weappMainPackageBytes(dir = WEAPP): { main: number; total: number } {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(dir, s.root));
  let main = 0;
  let total = 0;
  for (const f of filesUnder(dir)) {
    const size = fs.statSync(f).size;
    total += size;
    if (!roots.some((r) => f.startsWith(r + path.sep) || f.startsWith(r))) main += size;
  }
  return { main, total };
}

/** Gzipped bytes of the JS (and CSS) the H5 entry page loads before anything else. */
export function h5FirstLoad(dir = H5): { js: number; css: number } {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const gz = (rel: string) => zlib.gzipSync(fs.readFileSync(path.join(dir, rel.replace(/^\//, '').split('?')[0])), { level: 9 }).length;
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]);
  return { js: scripts.reduce((s, f) => s + gz(f), 0), css: styles.reduce((s, f) => s + gz(f), 0) };
}

export async function benchSizes(): Promise<Row[]> {
  ensureBuilt(WEAPP, 'build:weapp');
  ensureBuilt(H5, 'build:h5');
  const weapp = weappMainPackageBytes();
  const h5 = h5FirstLoad();
  const rows: Row[] = [
    { metric: 'weapp main package', value: kb(weapp.main), goal: '≤ 700 KB', note: `WeChat limit 2 MB; all packages ${kb(weapp.total)}` },
    { metric: 'H5 first-load JS (gzip)', value: kb(h5.js), goal: '≤ 200 KB', note: `CSS ${kb(h5.css)} gzip` },
  ];
  const built = await buildFunctions();
  const floor = await buildSdkFloor();
  const starts = await coldStarts([...built, { name: 'sdk-floor', file: floor.file, call: { event: {} } }]);
  const floorStart = starts[built.length];
  rows.push({
    metric: 'function floor: @cloudbase/node-sdk alone',
    value: kb(floor.bytes),
    note: `cold require ${floorStart.require.toFixed(1)} ms (CPU ${floorStart.requireCpu.toFixed(1)}); + 1st read ${floorStart.requireAndFirstCall.toFixed(1)} ms; same build and stand-ins as the functions`,
  });
  for (const [i, b] of built.entries()) {
    const start = starts[i];
    const biggest = biggestPackages(b.metafile).map((p) => `${p.name} ${kb(p.bytes)}`).join(', ');
    // Lazy chunks are uploaded beside index.js but loaded only by their rare action: shown, not hidden.
    const lazy = b.chunks.map((c) => `; + lazy ${c.file} ${kb(c.bytes)}`).join('');
    const aboveFloor = `${kb(b.bytes - floor.bytes)} above the SDK floor`;
    rows.push({ metric: `function ${b.name}: bundle`, value: kb(b.bytes), goal: '≤ 300 KB', note: `${aboveFloor}; gzip ${kb(zlib.gzipSync(fs.readFileSync(b.file)).length)}; biggest: ${biggest}${lazy}` });
    rows.push({
      metric: `function ${b.name}: cold require`,
      value: `${start.require.toFixed(1)} ms`,
      goal: '≤ 60 ms',
      note: `median of ${start.runs} fresh node processes; CPU ${start.requireCpu.toFixed(1)} ms; SDK floor ${floorStart.require.toFixed(1)} ms`,
    });
    rows.push({
      metric: `function ${b.name}: require + 1st call`,
      value: `${start.requireAndFirstCall.toFixed(1)} ms`,
      note: `${typicalCallName(b.name)} against the local fake CloudBase, same processes${start.error ? `; FAILED: ${start.error}` : ''}`,
    });
  }
  return rows;
}
