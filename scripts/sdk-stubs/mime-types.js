'use strict';
// Stands in for mime-types (and its 130 KB mime-db) under form-data: form-data looks a type up only
// for parts with a file name or path; the SDK's one multipart call (cloud openapi) sends a Buffer.
const { leftOut } = require('sdk-stubs/left-out');

exports.lookup = exports.contentType = exports.extension = exports.charset = leftOut('mime-types (form-data parts with a file name)');
exports.types = {};
exports.extensions = {};
