// The client's Babel setup (Taro preset for React + TypeScript).
module.exports = require('../../client/babel.config.js');
