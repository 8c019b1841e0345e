import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { TEMPLATE_ENV } from '../../cloudfunctions/lib/outbox/cloudbase-sender';
import { ROOT } from './sources';

/**
 * Per-function deployment config (cloudbaserc.json, cloudfunctions/<fn>/config.json) against what
 * each function's bundle actually contains, so a function never ships without a permission or a
 * variable it needs, nor with ones it does not use.
 */
interface FunctionRc {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers?: { name: string; type: string; config: string }[];
}
const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { envId: string; functionRoot: string; functions: FunctionRc[] };
const names = Object.keys(FUNCTIONS);

/**
 * Cloud openapi calls we make, and how a function's bundle shows it makes them. Bundles are
 * tree-shaken, so a module imported for one helper does not count for a call it never makes.
 */
const call = (method: string) => (code: string) => code.includes(`.${method}(`);
const OPENAPI_USES: Record<string, (code: string) => boolean> = {
  'subscribeMessage.send': (code) => code.includes('"subscribeMessage.send"'),
  'wxacode.getUnlimited': call('sceneCode'),
  'security.msgSecCheck': call('checkText'),
  'security.mediaCheckAsync': call('submitImageCheck'),
};

/** Each function's bundle, as CloudBase runs it (unminified, so calls stay readable). */
const bundles = new Map<string, string>();
beforeAll(async () => {
  for (const name of names) {
    const result = await build({
      entryPoints: [path.join(ROOT, 'cloudfunctions', name, 'index.ts')],
      absWorkingDir: ROOT,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    bundles.set(name, result.outputFiles[0].text);
  }
}, 120_000);

const openapiOf = (name: string): string[] => {
  const file = path.join(ROOT, 'cloudfunctions', name, 'config.json');
  return fs.existsSync(file) ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? []) : [];
};

describe('cloudbaserc.json', () => {
  it('lists every function once, bundled without dependencies, on Node 18, in production mode', () => {
    expect(rc.functions.map((f) => f.name).sort()).toEqual([...names].sort());
    expect(rc.functionRoot).toBe('./cloudfunctions/dist');
    expect(rc.envId).toBe('{{env.TCB_ENV}}');
    for (const f of rc.functions) {
      expect(f).toMatchObject({ handler: 'index.main', runtime: 'Nodejs18.15', installDependency: false });
      expect(f.envVariables.NODE_ENV).toBe('production');
      expect(f.timeout).toBeGreaterThanOrEqual(1);
      expect(f.timeout).toBeLessThanOrEqual(60); // the CLI's range
      expect([128, 256, 512, 1024, 2048]).toContain(f.memorySize);
    }
  });

  it('gives only the timer a trigger, in its config.json (so DevTools uploads it with the cloud-call token): every minute, as a 7-field cron, and its entry runs tick for it', () => {
    // A trigger the CLI creates from cloudbaserc.json gets no WX_TRIGGER_API_TOKEN_V0: every openapi call from it fails.
    expect(rc.functions.filter((f) => f.triggers?.length).map((f) => f.name)).toEqual([]);
    const triggersOf = (name: string) => (fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'config.json')) ? JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')).triggers ?? [] : []);
    expect(names.filter((n) => triggersOf(n).length)).toEqual(['timer']);
    expect(triggersOf('timer')).toEqual([{ name: 'tick', type: 'timer', config: '0 * * * * * *' }]);
    expect(fs.readFileSync(path.join(ROOT, 'cloudfunctions/timer/index.ts'), 'utf8')).toMatch(/timerAction:\s*'tick'/);
  });

  it.each(names)('%s: the template ids and message page exactly when it sends subscribe messages, PUBLIC_URL exactly when it builds links', (name) => {
    const env = rc.functions.find((f) => f.name === name)!.envVariables;
    const code = bundles.get(name)!;
    const sends = OPENAPI_USES['subscribeMessage.send'](code);
    for (const v of [...Object.values(TEMPLATE_ENV), 'REQUEST_PAGE']) expect([v, v in env]).toEqual([v, sends]);
    const links = /\.publicUrl\b/.test(code);
    expect(['PUBLIC_URL', 'PUBLIC_URL' in env]).toEqual(['PUBLIC_URL', links]);
  });
});

describe('config.json (cloud openapi permissions)', () => {
  it.each(names)('%s: lists every openapi it calls, and none of ours that it does not', (name) => {
    const listed = openapiOf(name);
    const needed = Object.keys(OPENAPI_USES).filter((api) => OPENAPI_USES[api](bundles.get(name)!));
    expect(needed.filter((api) => !listed.includes(api))).toEqual([]);
    expect(listed.filter((api) => api in OPENAPI_USES && !needed.includes(api))).toEqual([]);
  });

  it('knows what each openapi looks like (the markers still find their callers)', () => {
    expect(OPENAPI_USES['subscribeMessage.send'](bundles.get('requests')!)).toBe(true);
    expect(OPENAPI_USES['wxacode.getUnlimited'](bundles.get('guide')!)).toBe(true);
    expect(OPENAPI_USES['security.msgSecCheck'](bundles.get('requests')!)).toBe(true);
    expect(OPENAPI_USES['security.mediaCheckAsync'](bundles.get('requests')!)).toBe(true);
  });
});
