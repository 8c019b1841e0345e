import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/lib/store/collections';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { CLI, DENY_ALL, deployFiles } from '../../scripts/deploy-plan';
import { createCollections, parseArgs, renderConfig, ROOT, staleDeployFiles } from '../../scripts/deploy';

/** `npm run deploy`: the dry run shows every step, the deploy/ files follow collections.ts. */
describe('npm run deploy -- --dry-run', () => {
  const env = `dryrun-${process.pid}`;
  const secret = { id: 'AKIDdryrunSecretId', key: 'dryrunSecretKey123' };
  let out: string;
  beforeAll(() => {
    out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/deploy.ts', '--dry-run'], {
      cwd: ROOT,
      env: { ...process.env, TCB_ENV: env, TCB_SECRET_ID: secret.id, TCB_SECRET_KEY: secret.key },
      encoding: 'utf8',
    });
  }, 60_000);

  it('deploys every function with the CLI, with its config file', () => {
    const cli = CLI.join(' ');
    for (const name of Object.keys(FUNCTIONS)) expect(out).toContain(`$ ${cli} fn deploy ${name} --force -e ${env} --config-file .tmp/cloudbaserc.${env}.json`);
    // The timer's trigger comes from its config.json through DevTools, which gives it the cloud-call token.
    expect(out).toMatch(/Upload timer's trigger from WeChat DevTools \(timer trigger "tick" 0 \* \* \* \* \* \*\)/);
    expect(out).toContain('cloudfunctions/dist/timer/config.json → right-click → 上传触发器');
    expect(out).not.toMatch(/Deploy function timer \([^)]*trigger/);
  });

  it('creates every collection, denies clients every one, and lists every index', () => {
    const created = /Create the \d+ collections[^:]*: (.*)/.exec(out)![1].split(', ');
    expect(created.sort()).toEqual(Object.keys(COLLECTIONS).sort());
    for (const [name, spec] of Object.entries(COLLECTIONS)) {
      expect(out).toContain(`  ${name}: ${JSON.stringify(DENY_ALL)}`);
      expect(out.split('\n').filter((l) => l.startsWith(`     ${name}: `) && l.includes(' = '))).toHaveLength(spec.indexes.length);
    }
  });

  it('builds first, publishes the catalog and the mini-program for this environment, and never prints the key', () => {
    expect(out.indexOf('npm run build:functions')).toBeLessThan(out.indexOf(' fn deploy '));
    expect(out).toContain(`$ TCB_ENV=${env} TCB_SECRET_ID=*** TCB_SECRET_KEY=*** npm run seed:cloudbase`);
    expect(out).toContain(`$ TARO_APP_CLOUD_ENV=${env} npm run build:weapp`);
    expect(out).toContain('login --apiKeyId *** --apiKey ***');
    expect(out).not.toContain(secret.id);
    expect(out).not.toContain(secret.key);
  });

  it('runs nothing', () => {
    expect(fs.existsSync(path.join(ROOT, '.tmp', `cloudbaserc.${env}.json`))).toBe(false);
  });
});

describe('deploy/ files', () => {
  it('match cloudfunctions/lib/store/collections.ts (npm run deploy -- --write-files)', () => {
    expect(staleDeployFiles()).toEqual([]);
  });

  it('deny clients every collection and keep photos to their uploader', () => {
    const rules = JSON.parse(deployFiles()['database-rules.json']);
    expect(Object.keys(rules).sort()).toEqual(Object.keys(COLLECTIONS).sort());
    for (const rule of Object.values(rules)) expect(rule).toEqual({ read: false, write: false });
    expect(JSON.parse(deployFiles()['storage-rules.json'])).toEqual({ read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' });
  });
});

describe('renderConfig', () => {
  const rc = { envId: '{{env.TCB_ENV}}', functions: [{ name: 'f', envVariables: { A: '{{env.A}}', B: '{{ env.B }}', URL: 'https://{{env.HOST}}/x', FIXED: 'production' } }] };

  it('fills placeholders and leaves unset ones out rather than empty', () => {
    const { config, missing } = renderConfig(rc, { TCB_ENV: 'prod-1', A: 'tmpl"1', B: '' });
    expect(config).toEqual({ envId: 'prod-1', functions: [{ name: 'f', envVariables: { A: 'tmpl"1', URL: 'https:///x', FIXED: 'production' } }] });
    expect(missing).toEqual(['B', 'HOST']);
  });
});

describe('createCollections', () => {
  it('creates the missing ones, keeps existing ones, and stops on any other error', async () => {
    const made: string[] = [];
    const db = {
      async createCollection(name: string) {
        if (name === 'users') throw Object.assign(new Error('collection already exists'), { code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
        if (name === 'broken') throw Object.assign(new Error('permission denied'), { code: 'PERMISSION_DENIED' });
        made.push(name);
      },
    };
    await expect(createCollections(db, ['requests', 'users', 'meta'])).resolves.toEqual({ created: ['requests', 'meta'], existing: ['users'] });
    await expect(createCollections(db, ['broken'])).rejects.toThrow('permission denied');
    expect(made).toEqual(['requests', 'meta']);
  });
});

test('parseArgs', () => {
  expect(parseArgs(['--dry-run', '--no-weapp', '--env', 'e-1'])).toEqual({ dryRun: true, writeFiles: false, weapp: false, env: 'e-1' });
  expect(parseArgs([])).toEqual({ dryRun: false, writeFiles: false, weapp: true });
});
