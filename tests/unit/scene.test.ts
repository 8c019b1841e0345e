import { matterScene, parseScene, SCENE_MAX } from '@qgt/shared/guide/scene';

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
