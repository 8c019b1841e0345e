import { MATTER_CODE } from '../catalog/codes';

/**
 * QR scenes. A mini-program code carries `scene` (≤ 32 chars, URL-encoded by WeChat);
 * the H5 link carries the same pairs as query parameters (`/?m=<code>`).
 * `m=<matter code>` opens a matter; `s=<station code>` a community station (综合窗口/受理点).
 */
export type Scene = { type: 'matter'; code: string } | { type: 'station'; code: string };

export const SCENE_MAX = 32;

export function matterScene(code: string): string {
  return `m=${code}`;
}

export function stationScene(code: string): string {
  return `s=${code}`;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * A scanned or typed code as text: a string of at most `max` characters, trimmed, URL-decoded once
 * when WeChat handed it over encoded; null for anything else (the invitation and 扫码登录 parsers).
 */
export function scannedText(raw: unknown, max = 300): string | null {
  if (typeof raw !== 'string' || raw.length > max) return null;
  const s = raw.trim();
  return s.includes('%') ? safeDecode(s) : s;
}

/** Parses a scene string; returns null for anything that is not a well-formed scene. */
export function parseScene(raw: unknown): Scene | null {
  if (typeof raw !== 'string') return null;
  // WeChat hands the scene over URL-encoded (m%3Dxxx); decode at most twice to be forgiving.
  let s = raw.trim();
  for (let i = 0; i < 2 && s.includes('%'); i++) {
    const d = safeDecode(s);
    if (d === null) return null;
    s = d;
  }
  if (!s || s.length > SCENE_MAX * 2) return null;
  const params = new Map<string, string>();
  for (const pair of s.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return null;
    params.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const m = params.get('m');
  if (m !== undefined) return MATTER_CODE.test(m) ? { type: 'matter', code: m } : null;
  const st = params.get('s');
  if (st !== undefined) return MATTER_CODE.test(st) ? { type: 'station', code: st } : null;
  return null;
}
