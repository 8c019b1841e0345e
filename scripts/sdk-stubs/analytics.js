'use strict';
// Stands in for @cloudbase/node-sdk/dist/analytics: app.analytics() (mini-program analytics reports).
const { leftOut } = require('sdk-stubs/left-out');

exports.analytics = leftOut('app.analytics()');
