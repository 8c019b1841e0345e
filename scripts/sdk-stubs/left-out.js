'use strict';
// The error every stand-in throws when what it stands for is used: says what was left out of the
// bundle and where to put it back. Stand-ins require it as 'sdk-stubs/left-out' (see plugin.ts).
exports.leftOut = (what) => () => {
  throw new Error(`${what} is left out of this cloud function bundle (scripts/sdk-stubs: we never call it); remove its stand-in to use it`);
};
