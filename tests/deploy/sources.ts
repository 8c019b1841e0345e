import fs from 'node:fs';
import path from 'node:path';

/**
 * Which collections the code uses, read from its sources: every `store.collection(X)` with X a
 * string literal or a constant (`export const REQUESTS = 'requests'`) resolved across the sources.
 * The store adapters (lib/store) are skipped: they take names from their callers.
 */
export const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['cloudfunctions'];
const SKIPPED = new Set(['node_modules', 'dist', path.join('cloudfunctions', 'lib', 'store')]);

/**
 * Local helpers that pass a collection name through a parameter (`param`); the names are the
 * constants their calls in the same file start with (`put<Grid>(GRIDS, …)`).
 */
const PASS_THROUGH: Record<string, { helper: string; param: string }> = {
  [path.join('cloudfunctions', 'lib', 'community', 'store.ts')]: { helper: 'put', param: 'name' },
};

export function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (SKIPPED.has(entry.name) || SKIPPED.has(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(child);
    }
  };
  SCANNED.forEach(walk);
  return out.sort();
}

const CONSTANT = /\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*'([^']+)'/g;
const COLLECTION_CALL = /\.collection(?:<[^()]*>)?\(\s*([A-Za-z_$][\w$]*|'[^']*'|"[^"]*")\s*[,)]/g;
const helperCall = (helper: string) => new RegExp(`\\b${helper}(?:<[^()]*>)?\\(\\s*([A-Z][A-Z0-9_]*)\\s*,`, 'g');

export interface CollectionUse {
  name: string;
  file: string;
}

export function collectionsUsed(files = sourceFiles()): { uses: CollectionUse[]; problems: string[] } {
  const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));
  const constants = new Map<string, Set<string>>();
  for (const text of texts.values()) for (const [, name, value] of text.matchAll(CONSTANT)) constants.set(name, (constants.get(name) ?? new Set()).add(value));

  const uses: CollectionUse[] = [];
  const problems: string[] = [];
  const resolve = (arg: string, file: string) => {
    if (/^['"]/.test(arg)) return uses.push({ name: arg.slice(1, -1), file });
    const values = constants.get(arg);
    if (values?.size === 1) return uses.push({ name: [...values][0], file });
    if (values) return problems.push(`${file}: ${arg} has several values (${[...values].join(', ')})`);
    if (PASS_THROUGH[file]?.param === arg) return;
    problems.push(`${file}: collection name ${arg} is not a string constant`);
  };
  for (const [file, text] of texts) {
    for (const [, arg] of text.matchAll(COLLECTION_CALL)) resolve(arg, file);
    const through = PASS_THROUGH[file];
    if (through) for (const [, arg] of text.matchAll(helperCall(through.helper))) resolve(arg, file);
  }
  return { uses, problems };
}
