/**
 * `npm run deploy`: everything that goes into a CloudBase environment, in order — build the
 * function bundles, deploy each function with its config (runtime, memory, timeout, env) through
 * the CloudBase CLI 2.x, create the collections, publish the catalog, build
 * the mini-program — and the console steps the CLI cannot do (security rules, indexes, storage
 * rule, openapi permissions), printed as a checklist.
 *
 *   TCB_ENV=<env id> [TCB_SECRET_ID=… TCB_SECRET_KEY=…] npm run deploy [-- --dry-run] [-- --no-weapp]
 *   npm run deploy -- --write-files     rewrite deploy/*.json from cloudfunctions/lib/store/collections.ts
 *   npm run deploy -- --verify          read every function back (triggers too), after the DevTools steps
 *
 * Values for cloudbaserc.json's {{env.NAME}} come from the environment, then .env.local and .env.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/lib/store/collections';
import { managerReader, verifyFunctions, type WantedFunction } from './deploy-verify';
import { DENY_ALL, deployFiles, deployPlan, describePlan, indexDefinitions, STORAGE_RULE, type FunctionConfig, type Step, type Task, type Trigger } from './deploy-plan';
import { applyRulesAndIndexes, rulesManager } from './deploy-rules';
import { applyHttpRoutes } from './http-routes';

export const ROOT = path.resolve(__dirname, '..');
export const DEPLOY_DIR = path.join(ROOT, 'deploy');
const PLACEHOLDER_ENV = '<TCB_ENV>';

/** KEY=VALUE lines of the .env files the CLI also reads; the process environment wins. */
export function loadVariables(root = ROOT, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const file of ['.env', '.env.local']) {
    const p = path.join(root, file);
    if (!fs.existsSync(p)) continue;
    for (const line of fs.readFileSync(p, 'utf8').split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (m && !line.trim().startsWith('#')) vars[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) vars[k] = v;
  return vars;
}

const PLACEHOLDER = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const DROP = Symbol('drop');

/**
 * cloudbaserc.json with every {{env.NAME}} filled in. A value that is only a placeholder with no
 * value is left out (an unset REQUEST_PAGE must fall back to the code's default, not become ""),
 * and its name is reported.
 */
export function renderConfig<T>(config: T, vars: Record<string, string | undefined>): { config: T; missing: string[] } {
  const missing = new Set<string>();
  const value = (name: string) => {
    const v = vars[name];
    if (v === undefined || v === '') missing.add(name);
    return v || undefined;
  };
  const render = (x: unknown): unknown => {
    if (typeof x === 'string') {
      const whole = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(x);
      if (whole) return value(whole[1]) ?? DROP;
      return x.replace(PLACEHOLDER, (_, name: string) => value(name) ?? '');
    }
    if (Array.isArray(x)) return x.map(render).filter((v) => v !== DROP);
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, render(v)]).filter(([, v]) => v !== DROP));
    return x;
  };
  return { config: render(config) as T, missing: [...missing].sort() };
}

/** deploy/ files that differ from what collections.ts renders. */
export function staleDeployFiles(dir = DEPLOY_DIR): string[] {
  return Object.entries(deployFiles())
    .filter(([name, content]) => !fs.existsSync(path.join(dir, name)) || fs.readFileSync(path.join(dir, name), 'utf8') !== content)
    .map(([name]) => name);
}

/** CloudBase refuses to create a collection twice; a re-run keeps the existing ones. */
export async function createCollections(db: { createCollection(name: string): Promise<unknown> }, names: readonly string[]) {
  const created: string[] = [];
  const existing: string[] = [];
  for (const name of names) {
    try {
      await db.createCollection(name);
      created.push(name);
    } catch (e) {
      const { code, message } = e as { code?: string; message?: string };
      const said = `${code ?? ''} ${message ?? ''}`;
      if (!/exist|已存在/i.test(said) || /not[ _]exist|不存在/i.test(said)) throw e;
      existing.push(name);
    }
  }
  return { created, existing };
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;
}

type FunctionJson = { permissions?: { openapi?: string[] }; triggers?: Trigger[] };
const functionJson = (name: string): FunctionJson => {
  const file = path.join('cloudfunctions', name, 'config.json');
  return fs.existsSync(path.join(ROOT, file)) ? readJson<FunctionJson>(file) : {};
};

function permissionsOf(functions: FunctionConfig[]): Record<string, string[]> {
  return Object.fromEntries(functions.map((f) => [f.name, functionJson(f.name).permissions?.openapi ?? []]));
}

/** Triggers declared in each function's config.json (uploaded by WeChat DevTools, so they get the cloud-call token). */
export function triggersOf(functions: FunctionConfig[]): Record<string, Trigger[]> {
  return Object.fromEntries(functions.map((f) => [f.name, functionJson(f.name).triggers ?? []]).filter(([, t]) => t.length));
}

export interface Options {
  dryRun: boolean;
  writeFiles: boolean;
  weapp: boolean;
  /** Only read every function back (triggers included), after the DevTools steps. */
  verify?: boolean;
  env?: string;
}

export function parseArgs(argv: string[]): Options {
  const envAt = argv.indexOf('--env');
  return {
    dryRun: argv.includes('--dry-run'),
    writeFiles: argv.includes('--write-files'),
    weapp: !argv.includes('--no-weapp'),
    ...(argv.includes('--verify') && { verify: true }),
    ...(envAt >= 0 && { env: argv[envAt + 1] }),
  };
}

/** The plan for these options and variables (the same for a dry run and a real one). */
export function planFor(options: Options, vars: Record<string, string>): { steps: Step[]; env: string; configFile: string } {
  const env = options.env || vars.TCB_ENV || PLACEHOLDER_ENV;
  const configFile = path.join('.tmp', `cloudbaserc.${env.replace(/[^\w-]/g, '_')}.json`);
  const functions = readJson<{ functions: FunctionConfig[] }>('cloudbaserc.json').functions;
  const credentials = vars.TCB_SECRET_ID && vars.TCB_SECRET_KEY ? { secretId: vars.TCB_SECRET_ID, secretKey: vars.TCB_SECRET_KEY } : null;
  const appid = readJson<{ appid: string }>('project.config.json').appid;
  const steps = deployPlan({ env, configFile, functions, permissions: permissionsOf(functions), triggers: triggersOf(functions), credentials, weapp: options.weapp, appid });
  return { steps, env, configFile };
}

async function runTask(task: Task, ctx: { env: string; configFile: string; vars: Record<string, string> }) {
  if (task === 'check-files') {
    const stale = staleDeployFiles();
    if (stale.length) throw new Error(`deploy/ is out of date (${stale.join(', ')}): run npm run deploy -- --write-files and commit the result`);
  } else if (task === 'render-config') {
    const { config, missing } = renderConfig(readJson<object>('cloudbaserc.json'), { ...ctx.vars, TCB_ENV: ctx.env });
    fs.mkdirSync(path.dirname(path.join(ROOT, ctx.configFile)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, ctx.configFile), `${JSON.stringify(config, null, 2)}\n`);
    if (missing.length) console.warn(`   note: no value for ${missing.join(', ')}: left unset (subscribe messages need the TEMPLATE_* ids; QR links need PUBLIC_URL)`);
  } else if (task === 'apply-rules') {
    if (!ctx.vars.TCB_SECRET_ID || !ctx.vars.TCB_SECRET_KEY) throw new Error('applying rules and indexes needs TCB_SECRET_ID and TCB_SECRET_KEY');
    const manager = await rulesManager(ctx.env, ctx.vars.TCB_SECRET_ID, ctx.vars.TCB_SECRET_KEY);
    const indexes = indexDefinitions();
    const report = await applyRulesAndIndexes(manager, { env: ctx.env, rules: Object.fromEntries(Object.keys(COLLECTIONS).map((c) => [c, DENY_ALL])), indexes, storage: STORAGE_RULE });
    console.log(`   rules on ${report.rules.length} collections; indexes created: ${report.indexesCreated.join(', ') || 'none'}; kept: ${report.indexesKept.length}; storage rule set`);
  } else if (task === 'apply-http-routes') {
    if (!ctx.vars.TCB_SECRET_ID || !ctx.vars.TCB_SECRET_KEY) throw new Error('creating HTTP routes needs TCB_SECRET_ID and TCB_SECRET_KEY');
    const { created, kept } = await applyHttpRoutes(await rulesManager(ctx.env, ctx.vars.TCB_SECRET_ID, ctx.vars.TCB_SECRET_KEY), ctx.env);
    console.log(`   created ${created.join(', ') || 'none'}; already there: ${kept.join(', ') || 'none'}`);
  } else if (task === 'verify-functions') {
    await verifyDeployed(ctx, false);
    console.log('   every function reads back as deployed');
  } else {
    const { default: tcb } = await import('@cloudbase/node-sdk');
    const db = tcb.init({ env: ctx.env, secretId: ctx.vars.TCB_SECRET_ID, secretKey: ctx.vars.TCB_SECRET_KEY }).database();
    const { created, existing } = await createCollections(db, Object.keys(COLLECTIONS));
    console.log(`   created ${created.length ? created.join(', ') : 'none'}; already there: ${existing.length ? existing.join(', ') : 'none'}`);
  }
}

/** The functions as the rendered config and each config.json ask for them, read back from the environment. */
async function verifyDeployed(ctx: { env: string; configFile: string; vars: Record<string, string> }, triggers: boolean): Promise<void> {
  const rendered = JSON.parse(fs.readFileSync(path.join(ROOT, ctx.configFile), 'utf8')) as { functions: WantedFunction[] };
  const fromJson = triggersOf(rendered.functions);
  const wanted = rendered.functions.map((f) => ({ ...f, triggers: fromJson[f.name] ?? [] }));
  if (!ctx.vars.TCB_SECRET_ID || !ctx.vars.TCB_SECRET_KEY) throw new Error('reading functions back needs TCB_SECRET_ID and TCB_SECRET_KEY');
  await verifyFunctions(await managerReader(ctx.env, ctx.vars.TCB_SECRET_ID, ctx.vars.TCB_SECRET_KEY), wanted, { triggers });
}

async function main(argv: string[]) {
  const options = parseArgs(argv);
  if (options.writeFiles) {
    fs.mkdirSync(DEPLOY_DIR, { recursive: true });
    for (const [name, content] of Object.entries(deployFiles())) fs.writeFileSync(path.join(DEPLOY_DIR, name), content);
    console.log(`wrote ${Object.keys(deployFiles()).map((n) => `deploy/${n}`).join(', ')}`);
    return;
  }
  const vars = loadVariables();
  const { steps, env, configFile } = planFor(options, vars);
  if (options.dryRun) {
    console.log(`Deploy plan for environment ${env} (dry run: nothing is run)\n\n${describePlan(steps)}`);
    return;
  }
  if (env === PLACEHOLDER_ENV) throw new Error('set TCB_ENV (or pass --env <env id>)');
  if (options.verify) {
    // After the DevTools steps: everything, triggers included.
    await runTask('render-config', { env, configFile, vars });
    await verifyDeployed({ env, configFile, vars }, true);
    console.log(`every function in ${env} reads back as deployed, triggers included`);
    return;
  }
  const manual: string[] = [];
  for (const [i, step] of steps.entries()) {
    console.log(`\n${i + 1}/${steps.length} ${step.title}`);
    if (step.task) await runTask(step.task, { env, configFile, vars });
    if (step.command) {
      console.log(`   $ ${step.command.shown}`);
      const run = spawnSync(step.command.argv[0], step.command.argv.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...step.command.env } });
      if (run.status !== 0) throw new Error(`step ${i + 1} failed (${run.error?.message ?? `exit ${run.status}`}); fix it and run npm run deploy again (every step can be repeated)`);
    }
    if (step.manual) {
      for (const line of step.manual) console.log(`   ${line}`);
      manual.push(`${i + 1}. ${step.title}`);
    }
  }
  console.log(`\nDeployed to ${env}. Still to do by hand (details above):\n${manual.map((m) => `  - ${m}`).join('\n')}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
