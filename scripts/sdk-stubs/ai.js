'use strict';
// Stands in for @cloudbase/node-sdk/dist/ai: app.ai() alone pulls in @cloudbase/ai, @cloudbase/app
// and a web-streams polyfill (~300 KB minified).
const { leftOut } = require('sdk-stubs/left-out');

exports.createAI = leftOut('app.ai() (@cloudbase/ai)');
