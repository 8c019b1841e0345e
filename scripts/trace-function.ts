/**
 * Maps a stack trace copied from a cloud function's CloudBase log back to our sources, with the
 * source map `npm run build:functions` left beside the bundle (cloudfunctions/dist/<fn>.js.map):
 * `npx tsx scripts/trace-function.ts guide < trace.txt`. Use the map of the build that was deployed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { FUNCTIONS_DIST } from './build-functions';

/** Rewrites every `…/index.js:<line>:<column>` in `trace` to the original file (relative to the cwd), line and column. */
export function traceFunction(name: string, trace: string): string {
  const payload = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIST, `${name}.js.map`), 'utf8')) as SourceMapPayload;
  const map = new SourceMap(payload);
  // node:module's SourceMap leaves `sourceRoot` to the caller.
  const root = path.join(FUNCTIONS_DIST, payload.sourceRoot ?? '');
  return trace.replace(/[^\s()]*index\.js:(\d+):(\d+)/g, (frame, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (!entry.originalSource) return frame;
    return `${path.relative(process.cwd(), path.resolve(root, entry.originalSource))}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}

if (require.main === module) {
  const name = process.argv[2];
  if (!name) throw new Error('usage: tsx scripts/trace-function.ts <function> < trace.txt');
  process.stdout.write(traceFunction(name, fs.readFileSync(0, 'utf8')));
}
