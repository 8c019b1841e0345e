// Babel for Taro 4 + React + TypeScript (applies to src/ and the shared sources webpack includes).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
