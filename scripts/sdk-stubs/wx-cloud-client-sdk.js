'use strict';
// Stands in for @cloudbase/wx-cloud-client-sdk, behind app.models (data models) and app.mysql()/rdb().
// tcb.init() builds both eagerly; the stand-ins throw only when they are used.
const { leftOut } = require('sdk-stubs/left-out');

const models = leftOut('app.models (data models, @cloudbase/wx-cloud-client-sdk)');

exports.generateHTTPClient = () =>
  new Proxy({}, {
    // Symbols, `then` and `toJSON` are asked by await, JSON.stringify and inspection, not by a caller.
    get: (_, key) => (typeof key === 'symbol' || key === 'then' || key === 'toJSON' ? undefined : models()),
  });
exports.generateMySQLClient = () => leftOut('app.mysql() / app.rdb() (@cloudbase/wx-cloud-client-sdk)');
