'use strict';
// Stands in for @cloudbase/node-sdk/dist/functions: app.callFunction() and app.callApis(). Our
// functions never call one another (each reads and writes the database itself).
const { leftOut } = require('sdk-stubs/left-out');

exports.callFunction = leftOut('app.callFunction()');
exports.callApis = leftOut('app.callApis()');
