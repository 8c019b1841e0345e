'use strict';
// Stands in for jsonwebtoken, which the SDK uses only to sign custom-login tickets (app.auth().createTicket()).
const { leftOut } = require('sdk-stubs/left-out');

exports.sign = exports.verify = exports.decode = leftOut('app.auth().createTicket() (jsonwebtoken)');
