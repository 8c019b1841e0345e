// `npm test`: type-check, build what the tests exercise (weapp, H5, function bundles), then run jest.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit api`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function run(label, cmd, cmdArgs, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

run('type-check', 'npm', ['run', 'typecheck']);
run('build weapp', 'npm', ['run', 'build:weapp']);
run('build h5', 'npm', ['run', 'build:h5']);
run('build cloud functions', 'npm', ['run', 'build:functions']);
// CloudBase's exact runtime for the bundles' first calls (tests/functions/node18-runtime.test.ts).
run('fetch Node 18.15', 'node', ['scripts/node18.mjs']);
run('jest', 'npx', ['jest', ...args], { NODE_ENV: 'test' });
