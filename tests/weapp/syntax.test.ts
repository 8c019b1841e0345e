import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { WEAPP_DIST } from './harness';

/**
 * project.config.json ships the weapp JS as is (es6/enhance off), and WeChat's older iOS WebViews
 * parse ES2017 at most: `?.`, `??`, `catch {}`, object spread or a `\p{}` regex anywhere in the
 * output and the mini-program does not start there. Every built JS file must parse as ES2017
 * (client/babel.config.js sets the weapp targets).
 */
const project = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../project.config.json'), 'utf8')) as { setting: { es6: boolean; enhance: boolean } };

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsFiles(p) : e.name.endsWith('.js') ? [p] : [];
  });
}

describe('the built weapp JS', () => {
  it('exists (npm run build:weapp)', () => {
    expect(fs.existsSync(path.join(WEAPP_DIST, 'app.js'))).toBe(true);
  });

  it('parses as ES2017 wherever WeChat ships it untouched', () => {
    // With es6 or enhance on, WeChat compiles to ES5 itself; off (ours), the build must already fit.
    if (project.setting.es6 && project.setting.enhance) return;
    const files = jsFiles(WEAPP_DIST);
    expect(files.length).toBeGreaterThan(10);
    const failures = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      try {
        parse(text, { ecmaVersion: 2017, sourceType: 'script' });
        return [];
      } catch (e) {
        const pos = (e as { pos?: number }).pos ?? 0;
        return [`${path.relative(WEAPP_DIST, file)}: ${(e as Error).message} near ${JSON.stringify(text.slice(Math.max(0, pos - 40), pos + 20))}`];
      }
    });
    expect(failures).toEqual([]);
  });
});
