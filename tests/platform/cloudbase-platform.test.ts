import tcb from '@cloudbase/node-sdk';
import { cloudbasePlatform, WxOpenApiError } from '../../cloudfunctions/lib/platform/cloudbase';
import { CLOUD_CALL_TOKEN, FAKE_PNG, type FakeCloudbase, startFakeCloudbase } from '../fakes/cloudbase-server';

describe('cloudbasePlatform.sceneCode through the SDK, on the fake server', () => {
  const previous = process.env.TENCENTCLOUD;
  let fake: FakeCloudbase;
  let platform: ReturnType<typeof cloudbasePlatform>;
  const calls: Array<{ apiName: string; args: Record<string, unknown> }> = [];
  const args = { scene: 'm=dibao', page: 'pages/guide/matter/index', link: 'https://h5.example/?m=dibao' };

  beforeAll(async () => {
    process.env.TENCENTCLOUD = 'true'; // skip the SDK's metadata probe, see tests/store/cloudbase.test.ts
    Object.assign(process.env, CLOUD_CALL_TOKEN); // the fake refuses openapi calls without one, as CloudBase does
    fake = await startFakeCloudbase();
    platform = cloudbasePlatform(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }), 'https://h5.example');
  });
  afterAll(async () => {
    await fake.close();
    for (const k of Object.keys(CLOUD_CALL_TOKEN)) delete process.env[k];
    if (previous === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = previous;
  });
  beforeEach(() => {
    calls.length = 0;
    fake.openApi = (apiName, decoded) => {
      calls.push({ apiName, args: decoded });
      return { contentType: 'image/png', body: FAKE_PNG };
    };
  });

  it('asks wxacode.getUnlimited for the scene and page and returns the PNG', async () => {
    const png = await platform.sceneCode(args);
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.equals(FAKE_PNG)).toBe(true);

    const request = fake.requests.at(-1)!;
    expect(request.action).toBe('wx.openApi');
    expect(request.params).toMatchObject({ apiName: 'wxacode.getUnlimited', envName: 'test-env' });
    expect(Buffer.isBuffer(request.params.requestData)).toBe(true); // multipart, protobuf inside
    expect(calls).toEqual([
      { apiName: 'wxacode.getUnlimited', args: { scene: 'm=dibao', page: 'pages/guide/matter/index', check_path: false, env_version: 'release' } },
    ]);
  });

  it('turns WeChat error JSON into an Error carrying the errcode', async () => {
    fake.openApi = () => ({ contentType: 'application/json; charset=UTF-8', body: Buffer.from('{"errcode":41030,"errmsg":"invalid page rid: 1"}') });
    // Another scene: the platform keeps each code it has drawn (qr-cache.ts).
    const error = await platform.sceneCode({ ...args, scene: 'm=error-json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxOpenApiError);
    expect(error).toMatchObject({ errcode: 41030, message: expect.stringContaining('41030') });
  });

  it('turns a cloud openapi system error (e.g. no permission) into an Error', async () => {
    fake.openApi = () => ({ errorCode: -604101 });
    await expect(platform.sceneCode({ ...args, scene: 'm=system-error' })).rejects.toMatchObject({ errcode: -604101 });
  });

  it('asks for the version the environment names in QR_ENV_VERSION (trial/develop before release), release otherwise', async () => {
    const app = tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` });
    await cloudbasePlatform(app, 'https://h5.example', undefined, { QR_ENV_VERSION: 'trial' }).sceneCode(args);
    await cloudbasePlatform(app, 'https://h5.example', undefined, { QR_ENV_VERSION: 'nonsense' }).sceneCode(args);
    expect(calls.map((c) => c.args.env_version)).toEqual(['trial', 'release']);
  });

  it('keeps the public URL and its name', () => {
    expect(platform).toMatchObject({ name: 'cloudbase', publicUrl: 'https://h5.example' });
  });
});
