import { FUNCTIONS } from '../../cloudfunctions/functions';
import { routesOf } from '../../cloudfunctions/lib/server/app';
import { MATRIX } from './matrix';
import type { ProbeContext, Row } from './probe';
import { ROUTE_MATRIX, UNPROBED_ROUTES } from './routes';
import { setUpTargets } from './setup';
import { ROLES, type RoleName } from './world';

/**
 * The authorization matrix over HTTP (the path acceptance tests use): every function × action ×
 * role with its exact status, no foreign secret in any 200 reply, and every refusal an envelope
 * without data and with a Chinese message.
 */

const ACTIONS = Object.entries(FUNCTIONS).flatMap(([fn, table]) => Object.keys(table).map((action) => `${fn}.${action}`));
const runsLast = (key: string) => (MATRIX[key] ?? []).some((p) => p.runsLast);

jest.setTimeout(30_000);

let ctx: ProbeContext;
/** Secrets planted before the matrix runs; each must show up for someone, or the scan proves nothing. */
let planted = 0;
const seen = new Set<string>();

beforeAll(async () => {
  ctx = await setUpTargets();
  planted = ctx.fx.secrets.length;
}, 60_000);
afterAll(() => ctx?.w.server.close());

/** What is wrong with one reply (empty when it is what the row says). */
function verdict(
  label: string,
  role: RoleName,
  expected: number,
  res: { status: number; text: string; body?: any },
  probe: { check?(body: any, role: RoleName, ctx: ProbeContext): void; publicBecause?: string; publishes?: string },
): string[] {
  const problems: string[] = [];
  const at = `${label} as ${role}`;
  if (res.status !== expected) problems.push(`${at}: expected ${expected}, got ${res.status} ${res.text.slice(0, 200)}`);
  if (res.status !== 200) {
    // Open311 answers refusals as the spec's error list [{code, description}] instead of the envelope.
    const open311Error = Array.isArray(res.body) && res.body.length === 1 && res.body[0].code === res.status && /[\u4e00-\u9fff]/.test(res.body[0].description ?? '');
    if (res.body && typeof res.body === 'object' && !open311Error && (res.body.ok !== false || 'data' in res.body || !/[\u4e00-\u9fff]/.test(res.body.error?.message ?? '')))
      problems.push(`${at}: a refusal must be {ok: false, error} with a Chinese message, got ${res.text.slice(0, 200)}`);
    return problems;
  }
  if (!probe.publicBecause) for (const s of ctx.fx.leaksIn(res.text, role, { published: !!probe.publishes })) problems.push(`${at}: leaks ${s.what} (${s.token})`);
  for (const s of ctx.fx.secrets) if (res.text.includes(s.token)) seen.add(s.token);
  try {
    probe.check?.(res.body ?? res.text, role, ctx);
  } catch (e) {
    problems.push(`${at}: ${(e as Error).message}`);
  }
  return problems;
}

const rowOf = (row: Row, role: RoleName) => row[ROLES.indexOf(role)];
const callers = (probe: { only?: { roles: readonly RoleName[] } }) => probe.only?.roles ?? ROLES;

async function runAction(key: string): Promise<void> {
  const probes = MATRIX[key];
  if (!probes) throw new Error(`no expected outcome for ${key}: add its row to tests/security/matrix.ts`);
  const dot = key.indexOf('.');
  const [fn, action] = [key.slice(0, dot), key.slice(dot + 1)];
  const problems: string[] = [];
  for (const probe of probes)
    for (const role of callers(probe)) {
      const res = await ctx.w.call(role, fn, action, await probe.data(ctx, role));
      const check = probe.check && ((_body: unknown, r: RoleName, c: ProbeContext) => probe.check!(res.body.data, r, c));
      problems.push(...verdict(`${key} on ${probe.target}`, role, rowOf(probe.expect, role), { ...res, text: JSON.stringify(res.body) }, { ...probe, check }));
    }
  expect(problems).toEqual([]);
}

describe('authorization matrix', () => {
  it('names every action of the handler tables, and only those', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(ACTIONS.filter((key) => !runsLast(key)))('%s', runAction);

  it.each(ROUTE_MATRIX.map((r) => [r.route, r] as const))('%s', async (_route, probe) => {
    const problems: string[] = [];
    for (const role of callers(probe)) {
      const res = await probe.send(ctx, role);
      let body: unknown;
      try {
        body = JSON.parse(res.text);
      } catch {
        body = undefined;
      }
      problems.push(
        ...verdict(probe.route, role, rowOf(probe.expect, role), { ...res, body }, { publicBecause: probe.publicBecause, publishes: probe.publishes, check: probe.check && ((_b, r) => probe.check!(res.text, r)) }),
      );
    }
    expect(problems).toEqual([]);
  });

  it('has a row for every route the server answers beside the function calls', () => {
    const routes = routesOf(ctx.w.server.app);
    const probed = new Set([...ROUTE_MATRIX.map((r) => r.route.split(' (')[0]), ...UNPROBED_ROUTES]);
    expect(routes.filter((r) => !probed.has(r))).toEqual([]);
    expect(routes.length).toBeGreaterThan(UNPROBED_ROUTES.length);
  });

  it('saw every planted secret in some reply to a role allowed to see it (the scan is not vacuous)', () => {
    const unseen = ctx.fx.secrets.slice(0, planted).filter((s) => !seen.has(s.token));
    expect(unseen.map((s) => `${s.what} (${s.token})`)).toEqual([]);
  });

  it.each(ACTIONS.filter(runsLast))('%s (last: it destroys what the others aim at)', runAction);
});
