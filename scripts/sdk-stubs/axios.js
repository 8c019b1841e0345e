'use strict';
// Stands in for axios (with follow-redirects and debug, ~45 KB). The SDK calls it for two things:
// probing Tencent Cloud's metadata server when it does not know where it runs — never on
// CloudBase, where TENCENTCLOUD_RUNENV=SCF answers first, and elsewhere the probe's error is
// caught and means "not Tencent Cloud" — and the legacy `app.requestClient` shim.
const { leftOut } = require('sdk-stubs/left-out');

const fail = leftOut('axios (metadata probe outside CloudBase, app.requestClient)');

module.exports = new Proxy(function axios() {}, {
  apply: fail,
  // The SDK's import helper asks for `__esModule` at require time; everything else is a use.
  get: (_, key) => (key === '__esModule' ? undefined : fail()),
});
