/**
 * Demo identities for the h5 build against the local server (dev mode only: the server refuses
 * x-openid in production). The chosen openid lives in localStorage under DEMO_OPENID_KEY as a
 * plain string; it goes into the x-openid header, never into a request body.
 */
export const DEMO_OPENID_KEY = 'qgt.demoOpenid';

export const DEMO_IDENTITIES: { openid: string; label: string }[] = [
  { openid: '', label: '游客' },
  { openid: 'demo-resident', label: 'demo-resident' },
  { openid: 'demo-resident-2', label: 'demo-resident-2' },
  { openid: 'demo-worker-1', label: 'demo-worker-1' },
  { openid: 'demo-worker-2', label: 'demo-worker-2' },
  { openid: 'demo-worker-3', label: 'demo-worker-3' },
  { openid: 'demo-dept-gas', label: 'demo-dept-gas' },
  { openid: 'demo-admin', label: 'demo-admin' },
];

export function demoIdentitiesEnabled(): boolean {
  return process.env.TARO_ENV === 'h5' && process.env.TARO_APP_DEMO_IDENTITIES !== 'off';
}

export function getDemoOpenid(): string {
  if (!demoIdentitiesEnabled()) return '';
  try {
    return window.localStorage.getItem(DEMO_OPENID_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setDemoOpenid(openid: string): void {
  if (!demoIdentitiesEnabled()) return;
  try {
    if (openid) window.localStorage.setItem(DEMO_OPENID_KEY, openid);
    else window.localStorage.removeItem(DEMO_OPENID_KEY);
  } catch {
    // Private mode without storage: the identity lasts for this page only.
  }
}
