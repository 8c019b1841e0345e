'use strict';
// Stands in for the BSON types that EJSON knows but our documents never hold (~25 KB): every
// document we store is JSON values (ids and dates are strings, numbers are JS numbers), so reads
// and writes only meet Int32, Double and Long, which stay. A document carrying `$oid`,
// `$numberDecimal`, `$binary`, `$timestamp`… (written by someone else) fails with a clear error.
// One module for all of them; each replaced bson file re-exports it (bson-type.js).
const { leftOut } = require('sdk-stubs/left-out');

/** A class whose construction, or EJSON decoding (`fromExtendedJSON`), throws the left-out error. */
const type = (name, ejson) => {
  const fail = leftOut(`bson ${name} (${ejson} in a stored document)`);
  return class {
    constructor() {
      fail();
    }
    static fromExtendedJSON() {
      return fail();
    }
    static fromBits() {
      return fail();
    }
  };
};

exports.ObjectId = type('ObjectId', '$oid');
exports.Decimal128 = type('Decimal128', '$numberDecimal');
exports.Binary = type('Binary', '$binary');
exports.UUID = type('UUID', '$uuid');
exports.Timestamp = type('Timestamp', '$timestamp');
exports.BSONRegExp = type('BSONRegExp', '$regularExpression, or a RegExp in a query');
exports.Code = type('Code', '$code');
exports.BSONSymbol = type('BSONSymbol', '$symbol');
exports.MinKey = type('MinKey', '$minKey');
exports.MaxKey = type('MaxKey', '$maxKey');
exports.DBRef = type('DBRef', '$ref with $id');
// EJSON asks this of every object it decodes, so it stays exact (bson 4.7's db_ref.js).
exports.isDBRefLike = (value) =>
  value !== null && typeof value === 'object' && value.$id != null && typeof value.$ref === 'string' && (value.$db == null || typeof value.$db === 'string');
