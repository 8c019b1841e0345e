import fc from 'fast-check';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { checkAccess } from '../../cloudfunctions/lib/runtime/handler';
import { ERROR_STATUS } from '@qgt/shared/errors';
import type { Role } from '@qgt/shared/roles';
import { hostilePayload, hostileValue } from './hostile';
import { MATRIX } from './matrix';
import type { ProbeContext } from './probe';
import { setUpTargets } from './setup';
import { hostileKeys, watchStore, type StoreWatch } from './snapshot';
import { OPENID, type RoleName } from './world';

/**
 * Property-based fuzzing of every action over HTTP: hostile payloads (operators, prototype keys,
 * huge strings, control characters, long arrays, wrong types) in place of or inside a valid one,
 * sent as a community admin and as a resident. Only envelopes with 200 or 4xx come back; 200 only
 * when the input schema accepts the payload as the server received it; a refused call leaves the
 * store exactly as it was; nothing stored carries an operator or prototype key; Object.prototype
 * stays clean. Bounded (FUZZ_RUNS per action, default 8) and seeded (FUZZ_SEED, printed on failure).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REPLAY = `replay with FUZZ_SEED=${SEED} npx jest tests/security/fuzz.test.ts --selectProjects api`;

const ACTIONS = Object.entries(FUNCTIONS).flatMap(([fn, table]) => Object.keys(table).map((action) => [fn, action] as const));
const REFUSALS = new Set(Object.values(ERROR_STATUS).filter((s) => s >= 400 && s < 500));

/** The fuzzing callers: C1's admin and resident A (a throwaway resident where the action destroys its caller's data). */
interface Caller {
  name: string;
  openid: string;
  role: Role;
  /** Whose valid payload the fuzz starts from. */
  as: RoleName;
}
const ADMIN: Caller = { name: 'admin', openid: OPENID.admin!, role: 'admin', as: 'admin' };
const residentFor = (key: string): Caller =>
  MATRIX[key]?.some((p) => p.runsLast) ? { name: 'throwaway resident', openid: 'fuzz-resident', role: 'resident', as: 'residentB' } : { name: 'resident A', openid: OPENID.residentA!, role: 'resident', as: 'residentA' };

let ctx: ProbeContext;
let watch: StoreWatch;

jest.setTimeout(60_000);

beforeAll(async () => {
  ctx = await setUpTargets();
  watch = await watchStore(ctx.w.server.store, ctx.w.server.dataDir);
}, 60_000);
afterAll(() => ctx?.w.server.close());

const mayCall = (access: Parameters<typeof checkAccess>[0], caller: Caller) => {
  try {
    checkAccess(access, { openid: caller.openid, role: caller.role });
    return true;
  } catch {
    return false;
  }
};

/** Checks one reply and what it did to the store; throws (with the seed) when something is wrong. */
async function judge(label: string, res: { status: number; body: any }, expected: { access: boolean; valid: boolean }): Promise<void> {
  const fail = (why: string) => {
    throw new Error(`${label}: ${why}\n${REPLAY}`);
  };
  if (res.status !== 200 && !REFUSALS.has(res.status as never)) fail(`status ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  if (res.status === 200) {
    if (res.body?.ok !== true) fail(`200 without {ok: true}: ${JSON.stringify(res.body).slice(0, 200)}`);
  } else {
    const err = res.body?.error;
    if (res.body?.ok !== false || 'data' in res.body || ERROR_STATUS[err?.code as keyof typeof ERROR_STATUS] !== res.status || !/[\u4e00-\u9fff]/.test(err?.message ?? ''))
      fail(`a refusal must be {ok: false, error: {code, message in Chinese}} matching its status: ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  if (!expected.access && res.status !== 401 && res.status !== 403) fail(`a caller without access got ${res.status}`);
  if (expected.access && !expected.valid && res.status !== 400) fail(`a payload its schema refuses got ${res.status}, not 400: ${JSON.stringify(res.body).slice(0, 300)}`);
  const changes = await watch.changes();
  if (res.status !== 200 && changes) fail(`refused with ${res.status} but the store changed: ${changes.changed.slice(0, 10).join(', ')}`);
  if (changes) {
    const bad = changes.docs.flatMap((d) => hostileKeys(d));
    if (bad.length) fail(`stored operator or prototype keys: ${bad.slice(0, 5).join(', ')}`);
  }
  const proto = Object.prototype as Record<string, unknown>;
  if (proto.polluted !== undefined || Object.prototype.hasOwnProperty.call(proto, 'role')) fail('Object.prototype was polluted');
}

describe(`fuzzing every action (seed ${SEED}, ${RUNS} runs each)`, () => {
  it.each(ACTIONS.map(([fn, action]) => [`${fn}.${action}`, fn, action] as const))('%s', async (key, fn, action) => {
    const probe = MATRIX[key]?.[0];
    if (!probe) throw new Error(`no valid payload for ${key}: add its row to tests/security/matrix.ts`);
    const act = FUNCTIONS[fn][action];
    const callers = [ADMIN, residentFor(key)];
    const bases = new Map<Caller, unknown>();
    for (const c of callers) bases.set(c, await probe.data(ctx, c.as));
    await watch.changes(); // the payloads' own fixtures are not the fuzz's doing
    const arb = fc.constantFrom(...callers).chain((c) => hostilePayload(bases.get(c)).map((data) => [c, data] as const));
    await fc.assert(
      fc.asyncProperty(arb, async ([caller, data]) => {
        // What the server parses: the JSON round trip drops undefined and turns NaN into null.
        const received = (JSON.parse(JSON.stringify({ data })) as { data?: unknown }).data ?? {};
        const res = await ctx.w.call(caller.openid, fn, action, data);
        await judge(`${key} as ${caller.name}`, res, { access: mayCall(act.access, caller), valid: act.input.safeParse(received).success });
      }),
      // Actions that render a PNG (probe.only) cost seconds a call under jest: a few runs.
      { numRuns: probe.only ? Math.min(RUNS, 2) : RUNS, seed: SEED },
    );
  });

  it('refuses hostile events, function names and raw bodies with 4xx envelopes, leaving the store alone', async () => {
    const fns = Object.keys(FUNCTIONS);
    const event = fc.oneof(
      fc.tuple(fc.constantFrom(...fns), hostileValue).map(([fn, action]) => ({ path: `/api/${fn}`, body: JSON.stringify({ action, data: {} }) })),
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '%2e%2e', 'guide%00'), fc.constantFrom('me', 'list', '__proto__')).map(([fn, action]) => ({
        path: `/api/${fn}`,
        body: JSON.stringify({ action, data: {} }),
      })),
      fc.constantFrom('', 'null', '[]', '"me"', '{"action":', '{"__proto__": {"action": "me"}}', '{"action": "me", "data": {"__proto__": {"polluted": "yes"}}}', '{"action": "constructor"}', `{"action": "${'a'.repeat(100_000)}"}`).map((body) => ({ path: '/api/account', body })),
      fc.string({ unit: 'binary', maxLength: 60 }).map((body) => ({ path: '/api/requests', body })),
    );
    await fc.assert(
      fc.asyncProperty(event, async ({ path, body }) => {
        const res = await ctx.w.server.post(path, body, ctx.w.headers('residentA'));
        // account.me with a stray data key is a fine call; everything else here is refused.
        await judge(`POST ${path} ${body.slice(0, 60)}`, res, { access: true, valid: true });
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });

  it('refuses hostile path parameters and queries of the data routes', async () => {
    const piece = fc.oneof(fc.constantFrom('__proto__', 'constructor', '..%2f..%2fetc%2fpasswd', '%00', 'f_' + 'A'.repeat(21), 'N'.repeat(64), '%ud800', 'x'.repeat(5000)), fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent));
    const route = fc.tuple(fc.constantFrom('/api/files/', '/desk/notice/', '/qr/matter/', '/qr/station/', '/admin/export/requests.csv?from=', '/admin/export/metrics.csv?to=2026-10-31&from='), piece);
    await fc.assert(
      fc.asyncProperty(route, fc.constantFrom<RoleName>('anonymous', 'residentA', 'admin'), async ([prefix, p], role) => {
        const path = prefix.startsWith('/qr/') ? `${prefix}${p}.png` : `${prefix}${p}`;
        const res = await ctx.w.server.get(path, ctx.w.headers(role));
        if (res.status >= 500) throw new Error(`GET ${path} as ${role}: ${res.status}\n${REPLAY}`);
        if (res.status !== 200) await judge(`GET ${path} as ${role}`, { status: res.status, body: res.body }, { access: true, valid: true });
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });
});
