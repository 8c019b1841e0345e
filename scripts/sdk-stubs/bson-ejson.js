'use strict';
// Stands in for the entry of the bson 4 package under @cloudbase/database, which uses nothing of it
// but EJSON (queries, updates and documents go over the wire as EJSON strings): EJSON and the BSON
// number types it builds, without the binary serializer (~35 KB); the types our documents never
// hold stand in too (bson-types.js). Loaded from bson's own lib directory.
exports.EJSON = require('./extended_json').EJSON;
