import { startTestServer, type TestServer } from '../helpers/server';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';

/** Shared by the requests-pipeline API tests: a fixed clock and one call per function. */

/** Friday 2026-10-09 08:00 in Shanghai: a working day after National Day. */
export const NOW = '2026-10-09T08:00:00+08:00';
export const P = DEMO_POINTS;

export const as = (openid: string | null, now = NOW): Record<string, string> => ({ ...(openid && { 'x-openid': openid }), 'x-now': now });

export function client(server: TestServer) {
  const fn =
    (name: string) =>
    (action: string, data: unknown, who: string | null, now = NOW) =>
      server.call(name, action, data, as(who, now));
  return { requests: fn('requests'), booking: fn('booking'), work: fn('work'), admin: fn('admin'), timer: fn('timer') };
}

/** The data of a successful call, or a thrown error showing the envelope. */
export function ok<T = any>(res: { status: number; body: any }): T {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data as T;
}

export const report = (over: Record<string, unknown> = {}) => ({ kind: 'report', category: 'shizheng', description: '路灯不亮，晚上很黑', location: P.G1, ...over });

/** One local server for the test file (started before its tests, closed after) and a client for it. */
export function serverPerFile(env: Record<string, string> = {}): { server: TestServer; api: ReturnType<typeof client> } {
  const t = {} as { server: TestServer; api: ReturnType<typeof client> };
  beforeAll(async () => {
    t.server = await startTestServer(env);
    t.api = client(t.server);
  });
  afterAll(() => t.server?.close());
  return t;
}
