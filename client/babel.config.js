// Babel for Taro 4 + React + TypeScript (applies to src/ and the shared sources webpack includes).
// weapp: project.config.json ships the JS as is (es6/enhance off), and WeChat's older iOS
// WebViews cannot parse ES2018+ (`?.`, `??`, `catch {}`, object spread): compile down to what
// iOS 11 parses (ES2017). tests/weapp/syntax.test.ts parses the built output with acorn.
const WEAPP_TARGETS = { ios: '11', chrome: '58' };

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(process.env.TARO_ENV === 'weapp' && { targets: WEAPP_TARGETS }) }]],
};
