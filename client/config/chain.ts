import path from 'node:path';

/**
 * Fixes for the workspace layout: most Taro packages are hoisted to the root node_modules, but a
 * few (@tarojs/taro, @tarojs/plugin-framework-react, postcss 8…) live in client/node_modules
 * because of version conflicts at the root.
 * - Hoisted packages must still find those: client/node_modules is a fallback module directory.
 * - postcss-loader (hoisted) would load the root's PostCSS 7 (brought by miniprogram-simulate),
 *   while Taro's postcss plugins need PostCSS 8: point every postcss-loader at the client's.
 * - h5: @tarojs/router is nested under @tarojs/taro-h5; the generated entry imports it directly.
 */
interface ChainUse {
  get(key: 'loader'): string | undefined;
  tap(fn: (options: Record<string, unknown> | undefined) => Record<string, unknown>): unknown;
}
interface ChainRule {
  uses: { values(): ChainUse[] };
  oneOfs: { values(): ChainRule[] };
  rules: { values(): ChainRule[] };
}
interface ChainSet {
  add(value: string): ChainSet;
}
interface Chain {
  module: { rules: { values(): ChainRule[] } };
  resolve: { modules: ChainSet; alias: { set(key: string, value: string): unknown } };
}

const clientModules = path.resolve(__dirname, '../node_modules');
const postcss8 = require.resolve('postcss', { paths: [__dirname] });

function usePostcss8(rule: ChainRule): void {
  for (const use of rule.uses.values()) {
    if (/[\\/]postcss-loader[\\/]/.test(use.get('loader') ?? '')) {
      use.tap((options) => ({ ...(options ?? {}), implementation: postcss8 }));
    }
  }
  rule.oneOfs.values().forEach(usePostcss8);
  rule.rules.values().forEach(usePostcss8);
}

/** Directory of a package as `from` (a package name) sees it, or undefined. */
function packageDir(name: string, from: string): string | undefined {
  try {
    const fromDir = path.dirname(require.resolve(`${from}/package.json`, { paths: [__dirname] }));
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
  } catch {
    return undefined;
  }
}

function resolvable(name: string): boolean {
  try {
    require.resolve(`${name}/package.json`, { paths: [__dirname] });
    return true;
  } catch {
    return false;
  }
}

export function fixWorkspaceLayout(chain: Chain): void {
  chain.resolve.modules.add('node_modules').add(clientModules);
  if (process.env.TARO_ENV === 'h5' && !resolvable('@tarojs/router')) {
    const router = packageDir('@tarojs/router', '@tarojs/taro-h5');
    if (router) chain.resolve.alias.set('@tarojs/router$', router);
  }
  chain.module.rules.values().forEach(usePostcss8);
}
