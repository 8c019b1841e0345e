import { createContext } from '../../../cloudfunctions/lib/runtime/context';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import { localPlatform } from '../../../cloudfunctions/lib/platform/local';
import { jscode2session } from '../../../cloudfunctions/lib/platform/wechat-login';
import { login } from '../../../cloudfunctions/lib/account/sessions';

const log = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
const ctxWith = (wechatSession?: (code: string) => Promise<string | null>) =>
  createContext({ store: openEmbeddedStore(null), now: new Date('2026-12-07T08:00:00Z'), log, openid: null, platform: { ...localPlatform(() => 'http://x'), ...(wechatSession && { wechatSession }) } });

describe('account.login when WeChat misbehaves', () => {
  it('WeChat unreachable: 401 saying to try again, logged without the code', async () => {
    await expect(login(ctxWith(async () => Promise.reject(new Error('connect ECONNREFUSED'))), 'the-code')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '微信登录服务暂时不可用，请稍后重试' });
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('the-code');
  });

  it('a platform that supplies the OPENID itself (CloudBase) has nothing to sign in: 403', async () => {
    await expect(login(ctxWith(), 'c')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('no appid/secret configured: every code is refused, WeChat is not asked', async () => {
    const fetchImpl = jest.fn();
    expect(await jscode2session({ apiBase: 'http://x' }, fetchImpl as never)('c')).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('an OPENID of an unexpected shape is refused', async () => {
    const reply = (body: object) => jest.fn(async () => new Response(JSON.stringify(body)));
    expect(await jscode2session({ appid: 'a', secret: 's', apiBase: 'http://x' }, reply({ openid: '../admin', session_key: 'k' }) as never)('c')).toBeNull();
    expect(await jscode2session({ appid: 'a', secret: 's', apiBase: 'http://x' }, reply({ openid: 'oAbc_12-3', session_key: 'k' }) as never)('c')).toBe('oAbc_12-3');
  });
});
