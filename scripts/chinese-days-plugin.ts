import fs from 'node:fs';
import type { Plugin } from 'esbuild';
import { fromFirstYear } from '../shared/src/domain/calendar';

/**
 * Loads chinese-days' data table with only the years shared/src/domain/calendar.ts reads
 * (CHINA_CALENDAR_FIRST_YEAR on), as a JSON string parsed at load: the whole table since 2004
 * was ~43 KB of every function bundle. Checked by tests/functions/bundles.test.ts.
 */
export function chineseDaysPlugin(): Plugin {
  return {
    name: 'chinese-days-years',
    setup(build) {
      build.onLoad({ filter: /[\\/]chinese-days[\\/]dist[\\/]chinese-days\.json$/ }, (args) => {
        const table = JSON.parse(fs.readFileSync(args.path, 'utf8')) as Record<string, Record<string, string>>;
        const kept = Object.fromEntries(Object.entries(table).map(([name, days]) => [name, fromFirstYear(days)]));
        return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(kept))});`, loader: 'js' };
      });
    },
  };
}
