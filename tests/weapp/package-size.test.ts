import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_DIST } from './harness';

/** The built weapp: app.json lists real pages, and the main package stays within WeChat's limit. */

const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024;
/** Our own budget for the main package, well under the limit. */
const MAIN_PACKAGE_BUDGET = 700 * 1024;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

beforeAll(() => {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.json'))) {
    execSync('npm run build:weapp', { cwd: path.resolve(__dirname, '../..'), stdio: 'inherit' });
  }
}, 240_000);

describe('built weapp package', () => {
  let app: AppJson;
  let subRoots: string[];

  beforeAll(() => {
    app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson;
    subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  });

  it('lists the guide pages in the main package and the resident and staff pages in subpackages', () => {
    // The station page is part of the guide: a poster's QR opens it for anyone (issue 16).
    expect(app.pages).toEqual(['pages/index/index', 'pages/category/index', 'pages/matter/index', 'pages/station/index']);
    expect(subRoots.sort()).toEqual(['admin', 'resident', 'signin', 'worker']);
  });

  it('has every page file that app.json names', () => {
    const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    for (const page of pages) {
      for (const ext of ['js', 'json', 'wxml']) {
        expect(fs.existsSync(path.join(WEAPP_DIST, `${page}.${ext}`))).toBe(true);
      }
    }
    expect(fs.existsSync(path.join(WEAPP_DIST, 'app.js'))).toBe(true);
  });

  it('keeps the main package under 2 MB (WeChat limit) and within our budget', () => {
    const files = filesUnder(WEAPP_DIST).filter((f) => {
      const rel = path.relative(WEAPP_DIST, f).split(path.sep).join('/');
      // Not uploaded: subpackages are counted on their own; licence notes and the tool config are not code.
      return !subRoots.some((r) => rel.startsWith(`${r}/`)) && !rel.endsWith('.LICENSE.txt') && rel !== 'project.config.json';
    });
    const total = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    const largest = files
      .map((f) => ({ file: path.relative(WEAPP_DIST, f), size: fs.statSync(f).size }))
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.file} ${kb(f.size)}`);
    console.log(`weapp main package: ${kb(total)} in ${files.length} files (largest: ${largest.join(', ')})`);
    expect(total).toBeLessThan(WECHAT_PACKAGE_LIMIT);
    expect(total).toBeLessThan(MAIN_PACKAGE_BUDGET);
  });

  it('ships no pinyin dictionary to the device', () => {
    const js = filesUnder(WEAPP_DIST).filter((f) => f.endsWith('.js'));
    for (const f of js) expect(fs.readFileSync(f, 'utf8')).not.toMatch(/pinyin-pro|zhuyin/i);
  });
});
