'use strict';
// Stands in for @cloudbase/database's realtime/websocket-client (~30 KB), behind db...watch() only,
// which the CloudBase server API we call does not offer anyway (it is a WebSocket service).
const { leftOut } = require('sdk-stubs/left-out');

const watch = leftOut('db.collection().watch() (realtime WebSocket client)');

exports.RealtimeWebSocketClient = class RealtimeWebSocketClient {
  constructor() {
    watch();
  }
};
