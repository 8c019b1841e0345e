'use strict';
// Stands in for es-set-tostringtag (with get-intrinsic and its helpers, ~14 KB), which form-data
// uses once. Those exist for engines without Symbol.toStringTag or Object.defineProperty; Node has
// both, so this is the package's own function without the engine checks.
module.exports = function setToStringTag(object, value, options = {}) {
  if (options.force || !Object.prototype.hasOwnProperty.call(object, Symbol.toStringTag)) {
    Object.defineProperty(object, Symbol.toStringTag, { configurable: !options.nonConfigurable, enumerable: false, value, writable: false });
  }
};
