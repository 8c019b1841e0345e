import fs from 'node:fs';
import path from 'node:path';
import { coldStarts } from './bench/function-cold-start';
import { buildSdkFloor } from './bench/sdk-floor/build';
import { FUNCTIONS_DIST } from './scripts/build-functions';
(async () => {
  const floor = await buildSdkFloor();
  const names = ['requests', 'booking', 'admin', 'guide', 'desk', 'account'];
  const targets = names.map((name) => ({ name, file: path.join(FUNCTIONS_DIST, name, 'index.js') }));
  const starts = await coldStarts([...targets, { name: 'sdk-floor', file: floor.file, call: { event: {} } }], 7);
  for (const s of starts) console.log(s.name.padEnd(10), 'bytes', s.name === 'sdk-floor' ? floor.bytes : fs.statSync(path.join(FUNCTIONS_DIST, s.name, 'index.js')).size, 'require', s.require.toFixed(1), 'cpu', s.requireCpu.toFixed(1), '1st', s.requireAndFirstCall.toFixed(1), s.error ?? '');
  process.exit(0);
})();
