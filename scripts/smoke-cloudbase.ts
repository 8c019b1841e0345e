/**
 * `npm run smoke:cloudbase`: after a deploy, checks what only the real platform can show, and
 * prints a table. Needs the API key (TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY) and a tester's OPENID
 * (SMOKE_TESTER_OPENID) who has tapped 签收 or submitted once in the mini-program (a one-time grant).
 *
 *  1. calls every function once (a read as nobody: an answer, even 请先登录, proves it runs);
 *  2. queues one 新工单-style subscribe message to the tester and waits for the timer's sweep
 *     to send it (this checks the timer trigger ticks AND has its cloud-call token);
 *  3. looks for a photo-check verdict pushed in the last day (消息推送 to `requests`);
 *  4. requests one route per HTTP access service prefix (SMOKE_HTTP_URL, default
 *     `https://<env>.service.tcloudbase.com`): each function must answer it itself.
 */
import tcb from '@cloudbase/node-sdk';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { HTTP_ROUTES } from '../cloudfunctions/lib/http/mounts';

export interface SmokeRow {
  check: string;
  ok: boolean;
  detail: string;
}

/** A call each function answers for anyone (or refuses with a contract code, which still proves it runs). */
export const SMOKE_CALLS: Record<string, { action: string; data?: unknown }> = {
  account: { action: 'me' },
  guide: { action: 'list' },
  requests: { action: 'options' },
  booking: { action: 'slots', data: { from: new Date().toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) } },
  work: { action: 'inbox' },
  admin: { action: 'grids.list' },
  timer: { action: 'tick' },
  visits: { action: 'mine' },
  desk: { action: 'today' },
};

/** An answer in our envelope, ok or with a contract error code, means the function runs. */
export function envelopeRow(fn: string, result: unknown, ms: number): SmokeRow {
  const body = result as { ok?: boolean; error?: { code?: string } } | undefined;
  if (body?.ok === true) return { check: `function ${fn}`, ok: true, detail: `ok in ${ms} ms` };
  if (body?.ok === false && body.error?.code) return { check: `function ${fn}`, ok: true, detail: `answers (${body.error.code}) in ${ms} ms` };
  return { check: `function ${fn}`, ok: false, detail: `no envelope: ${JSON.stringify(result).slice(0, 120)}` };
}

/** One request per HTTP access prefix, answered without sign-in, and what the function says back. */
export const HTTP_PROBES: { prefix: string; path: string; status: number; type: RegExp; says: string }[] = [
  { prefix: '/open311', path: '/open311/v2/discovery.json', status: 200, type: /application\/json/, says: '"endpoints"' },
  { prefix: '/admin/export', path: '/admin/export/requests.csv?from=2026-01-01&to=2026-01-31', status: 401, type: /application\/json/, says: '"UNAUTHENTICATED"' },
  { prefix: '/qr', path: '/qr/posters', status: 200, type: /text\/html/, says: '<!doctype html>' },
  { prefix: '/desk/notice', path: '/desk/notice/NOPE', status: 404, type: /application\/json/, says: '"NOT_FOUND"' },
];

/** The function answered the probe (its status and content type), not the platform's own error page. */
export function httpRow(probe: (typeof HTTP_PROBES)[number], status: number, type: string, body: string, ms: number): SmokeRow {
  const fn = HTTP_ROUTES.find((r) => r.path === probe.prefix)?.function ?? '?';
  const ok = status === probe.status && probe.type.test(type) && body.includes(probe.says);
  return { check: `HTTP ${probe.path.split('?')[0]} → ${fn}`, ok, detail: ok ? `${status} in ${ms} ms` : `${status} ${type || '(no type)'}: expected ${probe.status} from the function (route created? path passthrough?)` };
}

export function formatTable(rows: readonly SmokeRow[]): string {
  const width = Math.max(...rows.map((r) => r.check.length), 5);
  return [`${'check'.padEnd(width)}  result  detail`, ...rows.map((r) => `${r.check.padEnd(width)}  ${r.ok ? 'OK  ' : 'FAIL'}    ${r.detail}`)].join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY, SMOKE_TESTER_OPENID } = process.env;
  if (!TCB_ENV || !TCB_SECRET_ID || !TCB_SECRET_KEY) throw new Error('set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY');
  const app = tcb.init({ env: TCB_ENV, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY });
  const db = app.database();
  const rows: SmokeRow[] = [];

  for (const fn of Object.keys(FUNCTIONS)) {
    const started = Date.now();
    try {
      const { result } = await app.callFunction({ name: fn, data: SMOKE_CALLS[fn] ?? { action: 'none' } });
      rows.push(envelopeRow(fn, result, Date.now() - started));
    } catch (e) {
      rows.push({ check: `function ${fn}`, ok: false, detail: e instanceof Error ? e.message : String(e) });
    }
  }

  if (!SMOKE_TESTER_OPENID) rows.push({ check: 'subscribe message + timer tick', ok: false, detail: 'set SMOKE_TESTER_OPENID (a tester who accepted a subscription)' });
  else {
    const id = `smoke:${Date.now()}:${SMOKE_TESTER_OPENID}`;
    const now = new Date().toISOString();
    await db.collection('outbox').add({
      _id: id,
      to: SMOKE_TESTER_OPENID,
      template: 'taskNotice',
      data: { requestId: 'smoke', title: '上线检查', message: '这是一条上线检查消息', at: now },
      notBefore: now,
      status: 'pending',
      attempts: 0,
      createdAt: now,
    });
    let entry: { status?: string; lastError?: string } | undefined;
    for (let waited = 0; waited < 150_000; waited += 10_000) {
      await sleep(10_000);
      entry = (await db.collection('outbox').doc(id).get()).data[0] as typeof entry;
      if (entry && entry.status !== 'pending' && entry.status !== 'sending') break;
    }
    const status = entry?.status ?? 'missing';
    rows.push({ check: 'timer tick (sweeps the outbox)', ok: status !== 'pending' && status !== 'missing', detail: status === 'pending' ? `not swept in 150 s: is the trigger uploaded from DevTools? ${entry?.lastError ?? ''}` : `swept: ${status}` });
    rows.push({
      check: 'subscribe message to the tester',
      ok: status === 'sent',
      detail: status === 'sent' ? 'sent (check the phone)' : status === 'held' ? 'held: no grant left (tap 签收 in the mini-program first)' : `${status}: ${entry?.lastError ?? ''}`,
    });
  }

  const since = new Date(Date.now() - 86_400_000).toISOString();
  const checks = (await db.collection('media_checks').where({ decidedAt: db.command.gte(since) }).limit(1).get()).data;
  const waiting = (await db.collection('media_checks').where({ verdict: db.command.exists(false), submittedAt: db.command.lt(new Date(Date.now() - 600_000).toISOString()) }).limit(5).get()).data;
  rows.push({
    check: 'photo verdict push (wxa_media_check)',
    ok: checks.length > 0 && waiting.length === 0,
    detail: checks.length ? (waiting.length ? `${waiting.length} photo(s) waiting over 10 min for a verdict` : 'a verdict arrived in the last day') : 'no verdict in the last day: file a report with a photo, then run again (is 消息推送 set to the requests function?)',
  });

  const base = (process.env.SMOKE_HTTP_URL ?? `https://${TCB_ENV}.service.tcloudbase.com`).replace(/\/$/, '');
  for (const probe of HTTP_PROBES) {
    const started = Date.now();
    try {
      const res = await fetch(base + probe.path);
      rows.push(httpRow(probe, res.status, res.headers.get('content-type') ?? '', await res.text(), Date.now() - started));
    } catch (e) {
      rows.push({ check: `HTTP ${probe.path.split('?')[0]}`, ok: false, detail: `${base}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  console.log(formatTable(rows));
  return rows.every((r) => r.ok) ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
