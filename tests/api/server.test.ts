import { BODY_LIMIT } from '../../cloudfunctions/lib/server/app';
import { startTestServer, type TestServer } from '../helpers/server';
import { DEMO_USERS } from '../../cloudfunctions/lib/seed/demo';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('local server contract', () => {
  it('answers health', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('seeds the demo identities on an empty DATA_DIR', async () => {
    const users = await server.store.collection(USERS).find({});
    expect(users.map((u) => u._id).sort()).toEqual(DEMO_USERS.map((u) => u._id).sort());
  });

  it('wraps success in the envelope', async () => {
    const { status, body } = await server.call('guide', 'list', {});
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.data.matters.length).toBeGreaterThan(0);
  });

  it('ignores unknown fields such as a self-declared role', async () => {
    const res = await server.post('/api/guide', JSON.stringify({ action: 'list', data: { role: 'admin' } }), { 'x-openid': 'demo-resident' });
    expect(res.status).toBe(200);
  });

  it('treats a missing data object as empty', async () => {
    const { status } = await server.post('/api/guide', JSON.stringify({ action: 'list' }));
    expect(status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"action": "list",', undefined],
    ['an array body', '[1,2]', 'action'],
    ['an empty body', '', 'action'],
    ['a missing action', '{"data": {}}', 'action'],
    ['an action of the wrong type', '{"action": 5}', 'action'],
    ['an unknown action', '{"action": "nope"}', 'action'],
    ['a prototype key as action', '{"action": "__proto__"}', 'action'],
    ['data of the wrong type', '{"action": "search", "data": {"q": 5}}', 'data.q'],
    ['an oversized query', JSON.stringify({ action: 'search', data: { q: '低'.repeat(101) } }), 'data.q'],
  ])('rejects %s with BAD_REQUEST and a Chinese message', async (_label, body, field) => {
    const res = await server.post('/api/guide', body);
    expect(res.status).toBe(400);
    expect(res.body.ok).toBe(false);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    if (field) expect(res.body.error.field).toBe(field);
  });

  it('rejects a body over the size limit with a 4xx, not a crash', async () => {
    const res = await server.post('/api/guide', JSON.stringify({ action: 'search', data: { q: 'x'.repeat(BODY_LIMIT + 1) } }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('answers an unknown function with NOT_FOUND', async () => {
    const res = await server.call('nosuchfn', 'list');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers an unknown route with the envelope', async () => {
    const res = await fetch(`${server.url}/api/health/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('validates the dev identity and clock headers', async () => {
    expect((await server.call('guide', 'list', {}, { 'x-openid': 'bad id!' })).body.error.field).toBe('x-openid');
    expect((await server.call('guide', 'list', {}, { 'x-now': 'yesterday' })).body.error.field).toBe('x-now');
    expect((await server.call('guide', 'list', {}, { 'x-openid': 'demo-resident', 'x-now': '2026-10-01T09:00:00+08:00' })).status).toBe(200);
  });
});

describe('production mode', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({ NODE_ENV: 'production' });
  });
  afterAll(() => prod.close());

  it('refuses the dev identity header', async () => {
    const res = await prod.call('guide', 'list', {}, { 'x-openid': 'demo-admin' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses the dev clock header', async () => {
    expect((await prod.call('guide', 'list', {}, { 'x-now': '2026-01-01' })).status).toBe(403);
  });

  it('still serves anonymous guide calls', async () => {
    expect((await prod.call('guide', 'list', {})).status).toBe(200);
  });
});

describe('SEED=none', () => {
  it('seeds the catalog only', async () => {
    const bare = await startTestServer({ SEED: 'none' });
    try {
      expect(await bare.store.collection(USERS).count({})).toBe(0);
      expect((await bare.call('guide', 'list', {})).body.data.matters.length).toBeGreaterThan(0);
    } finally {
      await bare.close();
    }
  });
});

describe('DATA_DIR persistence', () => {
  it('keeps data across restarts and does not seed twice', async () => {
    const first = await startTestServer();
    await first.store.collection(USERS).updateById('demo-resident', { $set: { name: '改过的名字' } });
    await first.close();
    const second = await startTestServer({ DATA_DIR: first.dataDir });
    try {
      expect((await second.store.collection<{ _id: string; name: string }>(USERS).get('demo-resident'))?.name).toBe('改过的名字');
    } finally {
      await second.close();
    }
  });
});

describe('account.me', () => {
  it('reports the caller and the role from the store, never from the request', async () => {
    expect((await server.call('account', 'me', {})).body.data).toEqual({ openid: null, role: null, name: null });
    expect((await server.call('account', 'me', {}, { 'x-openid': 'demo-admin' })).body.data).toEqual({ openid: 'demo-admin', role: 'admin', name: '王主任' });
    const self = await server.call('account', 'me', { role: 'admin' }, { 'x-openid': 'stranger-1' });
    expect(self.body.data).toEqual({ openid: 'stranger-1', role: 'resident', name: null });
  });
});

describe('an action field that is not a string', () => {
  it.each<unknown>([{ toString: 'x' }, { toString: null, valueOf: null }, ['list'], 42])('answers 400, never 500: %j', async (action) => {
    const server = await startTestServer();
    try {
      const res = await server.post('/api/guide', JSON.stringify({ action, data: {} }));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'action' });
    } finally {
      await server.close();
    }
  });
});
