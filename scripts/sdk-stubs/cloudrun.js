'use strict';
// Stands in for @cloudbase/node-sdk/dist/cloudrun: app.callContainer() and its open-API requester.
const { leftOut } = require('sdk-stubs/left-out');

exports.callContainer = leftOut('app.callContainer() (CloudBase Run)');
