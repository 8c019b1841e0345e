import { startTestServer, type TestServer } from '../helpers/server';
import { pngStripped } from '../fixtures/images';
import { createContext, type Context } from '../../cloudfunctions/lib/runtime/context';
import { dispatch } from '../../cloudfunctions/lib/runtime/handler';
import { localPlatform } from '../../cloudfunctions/lib/platform/local';
import { mediaCheckData, SYSTEM_CALLER } from '../../cloudfunctions/lib/platform/cloudbase-entry';
import { requestsHandlers } from '../../cloudfunctions/requests/handlers';
import { as, client, NOW, ok, report } from './requests-helpers';

/**
 * The asynchronous image check as it runs on CloudBase, with WeChat played by a platform that
 * hands out trace ids and records deletions; the verdict arrives as the push event would deliver it.
 */
let server: TestServer;
let api: ReturnType<typeof client>;
const deleted: string[] = [];
const silent = { info() {}, warn() {}, error() {} };

function ctxFor(openid: string | null, system = false): Context {
  const platform = {
    ...localPlatform(() => server.url),
    submitImageCheck: async ({ fileId }: { fileId: string }) => `trace-${fileId}`,
    deleteFiles: async (ids: string[]) => void deleted.push(...ids),
  };
  const ctx = createContext({ store: server.store, now: new Date(NOW), log: silent, platform, openid });
  return system ? { ...ctx, openid: SYSTEM_CALLER.openid, identify: async () => SYSTEM_CALLER } : ctx;
}
const call = (ctx: Context, action: string, data: unknown) => dispatch(requestsHandlers, 'requests', { action, data }, ctx) as Promise<any>;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
});
afterAll(() => server.close());

describe('photos through the asynchronous image check', () => {
  it('hides and deletes a photo WeChat finds risky, once, and keeps the others', async () => {
    const upload = async () => (await server.postBytes('/api/upload', pngStripped(), as('img-owner'))).body.data.fileId as string;
    const [bad, good] = [await upload(), await upload()];
    const created = await call(ctxFor('img-owner'), 'create', report({ photos: [bad, good] }));
    expect(await server.store.collection('media_checks').count({ requestId: created.id })).toBe(2);

    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${good}`, suggest: 'pass' })).toEqual({ hidden: false });
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${bad}`, suggest: 'risky' })).toEqual({ hidden: true });
    // WeChat may push twice; an unknown trace id changes nothing.
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${bad}`, suggest: 'risky' })).toEqual({ hidden: false });
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: 'trace-unknown', suggest: 'risky' })).toEqual({ hidden: false });

    expect(deleted).toEqual([bad]);
    for (const who of ['img-owner', 'demo-admin']) {
      expect(ok(await api.requests('get', { id: created.id }, who)).photos).toEqual([good]);
      expect(ok(await api.requests('photos', { id: created.id }, who)).photos.map((p: { fileId: string }) => p.fileId)).toEqual([good]);
    }
  });

  it('is open to the system only: not to residents, workers or admins', async () => {
    await expect(call(ctxFor('img-owner'), 'mediaChecked', { traceId: 'x', suggest: 'risky' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(ctxFor('demo-worker-1'), 'mediaChecked', { traceId: 'x', suggest: 'risky' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(ctxFor('demo-admin'), 'mediaChecked', { traceId: 'x', suggest: 'risky' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads WeChat’s push event by its message fields, with the OPENID it arrives with', () => {
    const push = { ToUserName: 'gh_x', FromUserName: 'o-user', MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1', result: { suggest: 'risky', label: 20002 } };
    expect(mediaCheckData(push, undefined)).toEqual({ traceId: 't-1', suggest: 'risky' });
    // The real push carries the checked user's OPENID (WX_OPENID): it is still the push.
    expect(mediaCheckData(push, 'o-user')).toEqual({ traceId: 't-1', suggest: 'risky', openid: 'o-user' });
    expect(mediaCheckData({ action: 'create' }, 'o-user')).toBeNull();
    expect(mediaCheckData({ MsgType: 'text', Event: 'wxa_media_check' }, 'o-user')).toBeNull();
  });

  it('keeps a verdict that arrives before its record and applies it when the record comes (the race)', async () => {
    const upload = async () => (await server.postBytes('/api/upload', pngStripped(), as('img-racer'))).body.data.fileId as string;
    const [bad, good] = [await upload(), await upload()];
    // WeChat answers faster than the create writes its check records.
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${bad}`, suggest: 'risky', openid: 'img-racer' })).toEqual({ hidden: false });
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${good}`, suggest: 'pass', openid: 'img-racer' })).toEqual({ hidden: false });
    const created = await call(ctxFor('img-racer'), 'create', report({ photos: [bad, good] }));
    expect(deleted).toContain(bad);
    expect(deleted).not.toContain(good);
    expect(ok(await api.requests('get', { id: created.id }, 'img-racer')).photos).toEqual([good]);
    // A repeated push after the record changes nothing more.
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${bad}`, suggest: 'risky', openid: 'img-racer' })).toEqual({ hidden: false });
  });

  it('ignores a verdict for someone else’s photo (a user forging the push for a trace not theirs)', async () => {
    const photo = (await server.postBytes('/api/upload', pngStripped(), as('img-victim'))).body.data.fileId as string;
    const created = await call(ctxFor('img-victim'), 'create', report({ photos: [photo] }));
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${photo}`, suggest: 'pass', openid: 'img-forger' })).toEqual({ hidden: false });
    // WeChat's own verdict still decides.
    expect(await call(ctxFor(null, true), 'mediaChecked', { traceId: `trace-${photo}`, suggest: 'risky', openid: 'img-victim' })).toEqual({ hidden: true });
    expect(ok(await api.requests('get', { id: created.id }, 'img-victim')).photos).toEqual([]);
  });
});
