/**
 * The pages of the mini-program as client/src/app.config.ts declares them (main package and
 * subpackages, without a leading slash): what WeChat knows of the published version, and so the
 * only `page` a subscribe message or a QR code may open (41030 otherwise).
 */
export function appPages(): Set<string> {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  const previous = g.defineAppConfig;
  g.defineAppConfig = (c) => c; // Taro's build-time global: the config object itself
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require('../../client/src/app.config') as { default: { pages: string[]; subPackages?: { root: string; pages: string[] }[] } }).default;
    return new Set([...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]);
  } finally {
    g.defineAppConfig = previous;
  }
}
