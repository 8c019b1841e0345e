import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Modules of @cloudbase/node-sdk (and of its dependencies) that the function bundles replace by a
 * small stand-in beside this file: parts no cloud function of ours calls, which throw a clear error
 * if they ever are; bson narrowed to EJSON and the types our documents hold; one engine shim Node
 * does not need. Sizes are minified bytes from esbuild's metafile (`npm run build:functions -- --analyze`).
 * What stays whole: database, cloud openapi (wx.openApi), storage (uploadFile's XML error reply
 * stays unparsed, see xml2js.js) and auth (custom-login tickets: RS256 by node:crypto, see jsonwebtoken.js).
 * Checked by tests/functions/sdk-stubs.test.ts and bundles.test.ts.
 */
export const SDK_STUBS: { module: RegExp; stub: string }[] = [
  // app.ai(): @cloudbase/ai, @cloudbase/app and its adapters, a web-streams polyfill (~300 KB).
  { module: /@cloudbase[\\/]node-sdk[\\/]dist[\\/]ai[\\/]index\.js$/, stub: 'ai.js' },
  // app.models, app.mysql(), app.rdb() (~64 KB).
  { module: /[\\/]node_modules[\\/]@cloudbase[\\/]wx-cloud-client-sdk[\\/]/, stub: 'wx-cloud-client-sdk.js' },
  // db.collection().watch() (~30 KB).
  { module: /@cloudbase[\\/]database[\\/]dist[\\/]commonjs[\\/]realtime[\\/]websocket-client\.js$/, stub: 'realtime.js' },
  // Custom-login tickets; jsonwebtoken brings semver and lodash helpers (~45 KB).
  { module: /[\\/]node_modules[\\/]jsonwebtoken[\\/]index\.js$/, stub: 'jsonwebtoken.js' },
  // File-name lookups in form-data parts, which the SDK never makes; mime-db (~135 KB).
  { module: /[\\/]node_modules[\\/]mime-types[\\/]index\.js$/, stub: 'mime-types.js' },
  // Parsing COS's XML error reply to uploadFile; xmlbuilder and sax (~95 KB).
  { module: /[\\/]node_modules[\\/]xml2js[\\/]lib[\\/]xml2js\.js$/, stub: 'xml2js.js' },
  // Proxy agents, built only for tcb.init({ proxy }) (~20 KB with agent-base and debug).
  { module: /[\\/]node_modules[\\/]https?-proxy-agent[\\/]dist[\\/]index\.js$/, stub: 'proxy-agent.js' },
  // Engine checks for Symbol.toStringTag under form-data; get-intrinsic and friends (~14 KB).
  { module: /[\\/]node_modules[\\/]es-set-tostringtag[\\/]index\.js$/, stub: 'set-tostringtag.js' },
  // Narrowed: the database uses only bson's EJSON, not its binary serializer (~35 KB).
  { module: /@cloudbase[\\/]database[\\/]node_modules[\\/]bson[\\/]lib[\\/]bson\.js$/, stub: 'bson-ejson.js' },
  // app.callFunction(), callApis(), callContainer() and analytics(): no function of ours calls
  // another or Cloud Run (~10 KB with the open-API requester only callContainer uses).
  { module: /@cloudbase[\\/]node-sdk[\\/]dist[\\/]functions[\\/]index\.js$/, stub: 'functions.js' },
  { module: /@cloudbase[\\/]node-sdk[\\/]dist[\\/]cloudrun[\\/]index\.js$/, stub: 'cloudrun.js' },
  { module: /@cloudbase[\\/]node-sdk[\\/]dist[\\/]analytics[\\/]index\.js$/, stub: 'analytics.js' },
  // bson's types that our documents never hold, all standing in as one module (~25 KB).
  { module: /@cloudbase[\\/]database[\\/]node_modules[\\/]bson[\\/]lib[\\/](objectid|decimal128|binary|timestamp|regexp|code|symbol|min_key|max_key|db_ref)\.js$/, stub: 'bson-type.js' },
  // axios: a metadata probe that never runs on CloudBase, and a legacy shim (~45 KB).
  { module: /[\\/]node_modules[\\/]axios[\\/]index\.js$/, stub: 'axios.js' },
];

/** How stand-ins import their own helpers (`sdk-stubs/<file>`); their other imports resolve beside the module they replace. */
const OWN = /^sdk-stubs\/([\w-]+)$/;

/**
 * Loads each module of SDK_STUBS as its stand-in. A stand-in that replaced nothing (the SDK moved a
 * file) is reported on stderr: the bundle still works, only bigger.
 */
export function sdkStubsPlugin(): Plugin {
  return {
    name: 'sdk-stubs',
    setup(build) {
      const unused = new Set(SDK_STUBS);
      build.onResolve({ filter: OWN }, (args) => ({ path: path.join(__dirname, `${OWN.exec(args.path)![1]}.js`) }));
      for (const entry of SDK_STUBS) {
        build.onLoad({ filter: entry.module }, (args) => {
          unused.delete(entry);
          return { contents: fs.readFileSync(path.join(__dirname, entry.stub), 'utf8'), resolveDir: path.dirname(args.path), loader: 'js' };
        });
      }
      build.onEnd(() => {
        for (const { module, stub } of unused) process.stderr.write(`sdk-stubs: no module matched ${module} (stand-in ${stub}); update scripts/sdk-stubs/plugin.ts\n`);
      });
    },
  };
}
