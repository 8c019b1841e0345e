'use strict';
// Stands in for one of bson's type modules (objectid.js, decimal128.js…): see bson-types.js.
module.exports = require('sdk-stubs/bson-types');
