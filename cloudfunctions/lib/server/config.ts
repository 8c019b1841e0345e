import path from 'node:path';
import type { SeedMode } from '../seed/demo';
import { WECHAT_API_BASE, type WechatLoginConfig } from '../platform/wechat-login';
import { readDeploymentFile } from '../seed/deployment';

/** Local server settings, from the environment as the contract names them. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  seed: SeedMode;
  production: boolean;
  /** The URL printed on QR codes and posters; when unset, derived from the address listened on. */
  publicUrl?: string;
  /** Host name to print for a wildcard listen address. */
  shownHost: string;
  /** Built H5 client to serve at `/`, if present. */
  h5Dir: string;
  logLevel: string;
  /** Self-hosted sign-in (`account.login`): WECHAT_APPID, WECHAT_SECRET, WECHAT_API_BASE. */
  wechat: WechatLoginConfig;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const host = env.HOST || '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || path.join(REPO_ROOT, '.data')),
    // DEPLOYMENT=<file>: that 街道 instead of the demo (added beside others on a seeded store).
    seed: env.DEPLOYMENT ? { deployment: readDeploymentFile(path.resolve(env.DEPLOYMENT)), file: env.DEPLOYMENT } : env.SEED === 'none' ? 'none' : 'demo',
    production: env.NODE_ENV === 'production',
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/$/, '') : undefined,
    shownHost,
    h5Dir: path.resolve(env.H5_DIR || path.join(REPO_ROOT, 'client/dist/h5')),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    wechat: { appid: env.WECHAT_APPID || undefined, secret: env.WECHAT_SECRET || undefined, apiBase: env.WECHAT_API_BASE || WECHAT_API_BASE },
  };
}
