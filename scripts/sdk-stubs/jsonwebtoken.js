'use strict';
// Stands in for jsonwebtoken (~45 KB with semver and lodash helpers), which the SDK uses only to sign
// custom-login tickets (app.auth().createTicket()): that one call, RS256 over an object payload, as
// jsonwebtoken signs it (header {alg, typ: 'JWT'}, the payload's own iat kept), with node:crypto.
const crypto = require('node:crypto');
const { leftOut } = require('sdk-stubs/left-out');

const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

exports.sign = (payload, privateKey, options = {}) => {
  if (options.algorithm !== 'RS256' || typeof payload !== 'object' || payload === null) return leftOut('jsonwebtoken.sign other than RS256 over an object')();
  const body = { ...payload };
  if (body.iat === undefined) body.iat = Math.floor(Date.now() / 1000);
  const signingInput = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(body)}`;
  return `${signingInput}.${crypto.sign('RSA-SHA256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
};
exports.verify = exports.decode = leftOut('jsonwebtoken.verify/decode');
