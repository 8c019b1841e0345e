import Taro from '@tarojs/taro';
import { parseScene } from '@qgt/shared/guide/scene';
import { routeOf, type NoticeKind } from './routes';

export type { NoticeKind };

/**
 * Where a launch from a QR code or an H5 link should take the resident. weapp: the `scene`
 * of a mini-program code (URL-encoded `m=<code>`); h5: `/?m=<code>` before the hash.
 */
export type Entry = { kind: 'none' } | { kind: 'matter'; code: string } | { kind: 'station'; code: string } | { kind: 'notice'; notice: NoticeKind };

export function entryFromScene(raw: unknown): Entry {
  if (raw === undefined || raw === null || raw === '') return { kind: 'none' };
  const scene = parseScene(raw);
  if (!scene) return { kind: 'notice', notice: 'bad-scene' };
  if (scene.type === 'station') return { kind: 'station', code: scene.code };
  return { kind: 'matter', code: scene.code };
}

/** `?m=<code>` (or `?s=<station>`) of an H5 link; other query parameters are ignored. */
export function entryFromSearch(search: string): Entry {
  const pairs = search.replace(/^\?/, '').split('&').filter(Boolean);
  const pair = pairs.find((p) => p.startsWith('m=') || p.startsWith('s='));
  return pair === undefined ? { kind: 'none' } : entryFromScene(pair);
}

interface LaunchOptions {
  path?: string;
  query?: Record<string, string | undefined>;
}

/** The launch options of weapp, or the location of h5, as an Entry. */
export function entryFromLaunch(options: LaunchOptions | undefined): Entry {
  if (process.env.TARO_ENV === 'h5') return entryFromSearch(typeof window === 'undefined' ? '' : window.location.search);
  // A code that opens the matter page hands the scene to that page, which handles it itself.
  if (!options || routeOf(options.path ?? '') === 'matter') return { kind: 'none' };
  return entryFromScene(options.query?.scene);
}

let launchEntry: Entry | undefined;
let taken = false;

export function setLaunchEntry(options: LaunchOptions | undefined): void {
  if (taken) return;
  launchEntry = entryFromLaunch(options);
  if (process.env.TARO_ENV === 'h5' && launchEntry.kind !== 'none') dropSearchFromUrl();
}

/** The launch entry, once per session (the home page consumes it). */
export function takeLaunchEntry(): Entry {
  if (taken) return { kind: 'none' };
  if (!launchEntry) {
    const options = process.env.TARO_ENV === 'weapp' ? Taro.getLaunchOptionsSync?.() : undefined;
    setLaunchEntry(options);
  }
  taken = true;
  return launchEntry ?? { kind: 'none' };
}

/** h5: forget `?m=` so a reload or "back to home" does not reopen the matter. */
function dropSearchFromUrl(): void {
  try {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.hash);
  } catch {
    // old browsers: harmless to keep the query
  }
}

/** What the matter page should show for its query: `code=<code>` (links) or `scene=…` (QR). */
export function matterPageTarget(params: Record<string, string | undefined>): Entry {
  if (params.code) {
    const code = safeDecode(params.code);
    const scene = code === null ? null : parseScene(`m=${code}`);
    return scene?.type === 'matter' ? { kind: 'matter', code: scene.code } : { kind: 'notice', notice: 'not-found' };
  }
  if (params.scene) return entryFromScene(params.scene);
  return { kind: 'notice', notice: 'not-found' };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
