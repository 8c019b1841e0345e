import tcb from '@cloudbase/node-sdk';
import { cloudbasePlatform, TEXT_CHECK_API } from '../../cloudfunctions/lib/platform/cloudbase';
import { CLOUD_CALL_TOKEN, type FakeCloudbase, startFakeCloudbase } from '../fakes/cloudbase-server';

/** security.msgSecCheck through the SDK's cloud openapi path, on the fake server. */
describe('cloudbasePlatform.checkText', () => {
  const previous = process.env.TENCENTCLOUD;
  let fake: FakeCloudbase;
  let platform: ReturnType<typeof cloudbasePlatform>;
  const warnings: object[] = [];
  const calls: Array<{ apiName: string; args: Record<string, unknown> }> = [];
  const json = (body: object) => ({ contentType: 'application/json; charset=UTF-8', body: Buffer.from(JSON.stringify(body)) });

  beforeAll(async () => {
    process.env.TENCENTCLOUD = 'true'; // skip the SDK's metadata probe, see tests/store/cloudbase.test.ts
    Object.assign(process.env, CLOUD_CALL_TOKEN); // the fake refuses openapi calls without one, as CloudBase does
    fake = await startFakeCloudbase();
    const log = { info() {}, error() {}, warn: (o: object) => warnings.push(o) };
    platform = cloudbasePlatform(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }), 'https://h5.example', log);
  });
  afterAll(async () => {
    await fake.close();
    for (const k of Object.keys(CLOUD_CALL_TOKEN)) delete process.env[k];
    if (previous === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = previous;
  });
  beforeEach(() => {
    calls.length = 0;
    warnings.length = 0;
  });

  const answer = (suggest: string) => {
    fake.openApi = (apiName, args) => {
      calls.push({ apiName, args });
      return json({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 }, trace_id: 't1' });
    };
  };

  it('sends version 2 with the OPENID and the scene, and maps suggest to the verdict', async () => {
    answer('pass');
    await expect(platform.checkText({ text: '路灯不亮', openid: 'o-1', scene: 'report' })).resolves.toBe('pass');
    expect(calls).toEqual([{ apiName: TEXT_CHECK_API, args: { content: '路灯不亮', version: 2, scene: 3, openid: 'o-1' } }]);
    answer('risky');
    await expect(platform.checkText({ text: '某些内容', openid: 'o-1', scene: 'comment' })).resolves.toBe('risky');
    expect(calls.at(-1)!.args.scene).toBe(2);
    answer('review');
    await expect(platform.checkText({ text: '某些内容', openid: 'o-1', scene: 'report' })).resolves.toBe('review');
  });

  it('refuses on the keyword list without calling WeChat, and skips WeChat for system text', async () => {
    answer('pass');
    await expect(platform.checkText({ text: '代开发票', openid: 'o-1', scene: 'report' })).resolves.toBe('risky');
    await expect(platform.checkText({ text: '路灯不亮', openid: 'system:timer', scene: 'report' })).resolves.toBe('pass');
    expect(calls).toEqual([]);
  });

  it('treats the old 87014 answer as risky', async () => {
    fake.openApi = () => json({ errcode: 87014, errmsg: 'risky content' });
    await expect(platform.checkText({ text: '某些内容', openid: 'o-1', scene: 'report' })).resolves.toBe('risky');
  });

  it('accepts for review, with a warning, when WeChat cannot answer (no permission, quota)', async () => {
    fake.openApi = () => ({ errorCode: -604101 });
    await expect(platform.checkText({ text: '路灯不亮', openid: 'o-1', scene: 'report' })).resolves.toBe('review');
    fake.openApi = () => json({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
    await expect(platform.checkText({ text: '路灯不亮', openid: 'o-1', scene: 'report' })).resolves.toBe('review');
    expect(warnings).toHaveLength(2);
    expect(JSON.stringify(warnings)).not.toContain('路灯');
  });
});
