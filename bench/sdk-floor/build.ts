import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../../scripts/build-functions';
import { sdkStubsPlugin } from '../../scripts/sdk-stubs/plugin';

/** Bundles bench/sdk-floor/index.ts as a function would be bundled, into a temporary folder. */
export async function buildSdkFloor(): Promise<{ file: string; bytes: number }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-sdk-floor-')), 'index.js');
  await build({ ...BUNDLE_OPTIONS, entryPoints: [path.join(__dirname, 'index.ts')], outfile: file, plugins: [sdkStubsPlugin()] });
  return { file, bytes: fs.statSync(file).size };
}
