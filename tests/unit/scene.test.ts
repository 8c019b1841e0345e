import { matterScene, parseScene, SCENE_MAX } from '@qgt/shared/guide/scene';
import { parseWebLoginScene, webLoginScene } from '@qgt/shared/account/api';

describe('parseScene', () => {
  it.each([
    ['m=dibao', { type: 'matter', code: 'dibao' }],
    ['m%3Ddibao', { type: 'matter', code: 'dibao' }],
    ['m%253Ddibao', { type: 'matter', code: 'dibao' }],
    ['?m=pension-certification', { type: 'matter', code: 'pension-certification' }],
    ['s=station-1', { type: 'station', code: 'station-1' }],
    ['m=dibao&x=1', { type: 'matter', code: 'dibao' }],
  ])('%s', (raw, expected) => {
    expect(parseScene(raw)).toEqual(expected);
  });

  it.each(['', 'dibao', 'm=', 'm=DIBAO', 'm=../etc', 'x=1', '=a', '%E0%A4%A', 'm=a b', 'm=' + 'a'.repeat(40)])('rejects %p', (raw) => {
    expect(parseScene(raw)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(parseScene(undefined)).toBeNull();
    expect(parseScene(42)).toBeNull();
  });

  it('round-trips matterScene within the WeChat scene limit', () => {
    const code = 'a'.repeat(30);
    expect(matterScene(code).length).toBeLessThanOrEqual(SCENE_MAX);
    expect(parseScene(matterScene(code))).toEqual({ type: 'matter', code });
  });
});

describe('扫码登录 scenes', () => {
  const session = '0123456789abcdef0123456789ab';
  it.each([
    [`w=${session}`, session],
    [`w%3D${session}`, session],
    [`http://127.0.0.1:3000/#/signin/pages/confirm/index?session=${session}`, session],
    [`https://gov.example.cn/qgt/#/signin/pages/confirm/index?x=1&session=${session}`, session],
    ['w=short', null],
    [`m=${session}`, null],
    [`w=${session}&m=dibao`, null],
    [`javascript:alert(1)?session=${session}`, null],
    [42, null],
  ])('%s → %s', (raw, expected) => {
    expect(parseWebLoginScene(raw)).toBe(expected);
  });

  it('a scene fits WeChat’s 32 characters', () => {
    expect(webLoginScene(session).length).toBeLessThanOrEqual(32);
  });
});
