import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Datafile, type SkippedLine } from '../../cloudfunctions/lib/store/embedded/datafile';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import type { Plain } from '../../cloudfunctions/lib/store/embedded/documents';
import type { Doc } from '../../cloudfunctions/lib/store/port';
import { startTestServer } from '../helpers/server';

/**
 * A damaged datafile is never silently thinned out: a torn last line is dropped only after the
 * original is kept as `<file>.corrupt-<time>` and the line is reported; any other unreadable line
 * keeps the file closed (and /api/health says so). Files are private to their owner (0600).
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-corrupt-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const docLines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ _id: `r${i}`, phone: '13900001111' }) + '\n').join('');
const copies = () => fs.readdirSync(dir).filter((f) => /\.corrupt-/.test(f));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

function open(file: string) {
  const skipped: SkippedLine[] = [];
  let docs: Map<string, Plain> = new Map();
  const opened = Datafile.open(file, () => docs.values(), undefined, (s) => skipped.push(s));
  docs = opened.docs;
  return { ...opened, skipped };
}

it.each([
  ['without its newline', '{"_id":"torn","n":'],
  ['that does not parse, newline and all', '{"_id":"torn","n":\n'],
])('drops a torn last line %s, after keeping the original and reporting the line', async (_what, tail) => {
  const file = path.join(dir, 'things.db');
  const original = docLines(20) + tail;
  fs.writeFileSync(file, original);
  const { docs, skipped, file: datafile } = open(file);
  expect(docs.size).toBe(20);
  expect(copies()).toHaveLength(1);
  const copy = path.join(dir, copies()[0]);
  expect(fs.readFileSync(copy, 'utf8')).toBe(original);
  expect(mode(copy)).toBe(0o600);
  expect(skipped).toEqual([{ file, line: 21, bytes: Buffer.byteLength(tail.trimEnd()), reason: 'torn', copy }]);
  // The file itself is rewritten without it, so the next append starts a line of its own.
  expect(fs.readFileSync(file, 'utf8')).toBe(docLines(20));
  await datafile.close();
});

it('refuses a file with one damaged line in the middle (even 1 in 21), dropping and rewriting nothing', async () => {
  const file = path.join(dir, 'requests.db');
  const damaged = docLines(10) + 'not json at all\n' + docLines(10).replace(/r(\d)/g, 's$1');
  fs.writeFileSync(file, damaged);
  expect(() => open(file)).toThrow(/line 11 .*corrupt/);
  expect(fs.readFileSync(file, 'utf8')).toBe(damaged);

  const store = openEmbeddedStore(dir);
  await expect(store.collection('requests').find()).rejects.toThrow(/cannot open .*requests\.db.*line 11/);
  await expect(store.collection<Doc>('requests').insert({ _id: 'new' })).rejects.toThrow(/cannot open/);
  expect(store.unavailable!()).toEqual([{ collection: 'requests', reason: expect.stringContaining('line 11') }]);
  await store.close();
  expect(fs.readFileSync(file, 'utf8')).toBe(damaged);
});

it('creates datafiles 0600 and tightens older 0644 ones', async () => {
  const old = path.join(dir, 'users.db');
  fs.writeFileSync(old, docLines(2), { mode: 0o644 });
  fs.chmodSync(old, 0o644);
  const store = openEmbeddedStore(dir);
  await store.collection<any>('requests').insert({ _id: 'a', phone: '13900001111' });
  await store.collection('users').get('r0');
  // A rewrite (here on close, with superseded lines) keeps the file private too.
  await store.collection<any>('requests').put({ _id: 'a', phone: '13900002222' });
  await store.close();
  expect(mode(path.join(dir, 'requests.db'))).toBe(0o600);
  expect(mode(old)).toBe(0o600);
});

it('/api/health answers 503 naming a collection that cannot be opened', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-health-'));
  const healthy = await startTestServer({ DATA_DIR: dataDir });
  expect((await healthy.get('/api/health')).body).toEqual({ ok: true });
  await healthy.close();
  fs.writeFileSync(path.join(dataDir, 'followups.db'), docLines(3) + '{broken\n' + docLines(3));
  const server = await startTestServer({ DATA_DIR: dataDir });
  try {
    const res = await server.get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ok: false, unavailable: [{ collection: 'followups', reason: expect.stringMatching(/followups\.db: line 4 .*corrupt/) }] });
    expect(JSON.stringify(res.body)).not.toContain(dataDir);
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 30_000);
