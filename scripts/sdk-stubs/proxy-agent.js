'use strict';
// Stands in for http-proxy-agent and https-proxy-agent (with agent-base and debug, ~20 KB): the SDK
// builds them only when tcb.init() is given a `proxy` (a debugging aid), which we never do.
const { leftOut } = require('sdk-stubs/left-out');

const proxy = leftOut('tcb.init({ proxy }) (http(s)-proxy-agent)');

exports.HttpProxyAgent = exports.HttpsProxyAgent = class ProxyAgent {
  constructor() {
    proxy();
  }
};
