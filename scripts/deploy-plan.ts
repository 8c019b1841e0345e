/**
 * What `npm run deploy` does, as data: the deploy/ files rendered from the collection list, and
 * the ordered steps (commands to run, tasks done in-process, console steps for what the CloudBase
 * CLI 2.x cannot do). Pure, so `--dry-run` and the tests see exactly what a real run would do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, type IndexKeys } from '../cloudfunctions/lib/store/collections';
import { HTTP_ROUTES } from './http-routes';

/**
 * The CloudBase CLI 2.x, fetched on demand (big, needed only on a deploying machine). The package
 * has two binaries (`tcb`, `cloudbase`), so plain `npx @cloudbase/cli@2` cannot pick one: name it.
 */
export const CLI = ['npx', '--yes', '--package', '@cloudbase/cli@2', '--', 'tcb'];

/** Clients never touch the database: every read and write goes through a cloud function. */
export const DENY_ALL = { read: false, write: false } as const;

/**
 * Photos: a resident uploads to `reports/<openid>/…` and may read back only their own files;
 * staff see them through functions (the admin SDK is not bound by these rules).
 */
export const STORAGE_RULE = { read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' } as const;

export interface IndexDefinition {
  name: string;
  unique: false;
  /** CloudBase's form: direction "1" ascending, "-1" descending. */
  keys: { name: string; direction: '1' | '-1' }[];
}

export const indexName = (keys: IndexKeys) =>
  Object.entries(keys)
    .map(([field, dir]) => `${field.replace(/\./g, '_')}_${dir === 1 ? 'asc' : 'desc'}`)
    .join('_');

export function indexDefinitions(): Record<string, IndexDefinition[]> {
  return Object.fromEntries(
    Object.entries(COLLECTIONS)
      .filter(([, spec]) => spec.indexes.length > 0)
      .map(([name, spec]) => [
        name,
        spec.indexes.map((keys: IndexKeys) => ({
          name: indexName(keys),
          unique: false as const,
          keys: Object.entries(keys).map(([field, dir]) => ({ name: field, direction: dir === 1 ? ('1' as const) : ('-1' as const) })),
        })),
      ]),
  );
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The files under deploy/, by name (checked in; `npm run deploy -- --write-files` rewrites them). */
export function deployFiles(): Record<string, string> {
  return {
    'database-rules.json': json(Object.fromEntries(Object.keys(COLLECTIONS).map((name) => [name, DENY_ALL]))),
    'indexes.json': json(indexDefinitions()),
    'storage-rules.json': json(STORAGE_RULE),
    'http-routes.json': json(HTTP_ROUTES),
  };
}

/** The 用户隐私保护指引 items (deploy/privacy.json, checked against the client by tests/deploy/privacy.test.ts). */
const PRIVACY = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'deploy', 'privacy.json'), 'utf8')) as { declared: { item: string; apis: string[]; purpose: string }[] };

// ---- Steps ----

export interface Trigger {
  name: string;
  type: string;
  config: string;
}

export interface FunctionConfig {
  name: string;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
  triggers?: Trigger[];
}

export interface Command {
  argv: string[];
  env?: Record<string, string>;
  /** What is printed: the command line with secrets masked. */
  shown: string;
}

export type Task = 'check-files' | 'render-config' | 'create-collections' | 'verify-functions' | 'apply-rules' | 'apply-http-routes';

export interface Step {
  title: string;
  command?: Command;
  task?: Task;
  /** Console steps the CLI cannot do, printed for a person to follow. */
  manual?: string[];
  /** What a task will apply, printed by a dry run (not a console step). */
  details?: string[];
}

export interface PlanInput {
  /** The CloudBase environment id (or a placeholder in a dry run). */
  env: string;
  /** Where the rendered cloudbaserc goes (relative to the repository root). */
  configFile: string;
  functions: FunctionConfig[];
  /** Cloud openapi permissions per function (from cloudfunctions/<fn>/config.json). */
  permissions: Record<string, string[]>;
  /**
   * Triggers per function from cloudfunctions/<fn>/config.json. Only a trigger uploaded by WeChat
   * DevTools gets the cloud-call token (WX_TRIGGER_API_TOKEN_V0); one the CLI creates cannot send
   * a subscribe message, so cloudbaserc.json declares none.
   */
  triggers?: Record<string, Trigger[]>;
  /** An API key: log the CLI in, create collections, publish the catalog. Without it those become console steps. */
  credentials: { secretId: string; secretKey: string } | null;
  weapp: boolean;
  /** project.config.json's appid (touristappid cannot upload). */
  appid: string;
}

function command(argv: string[], secrets: string[] = [], env?: Record<string, string>): Command {
  const mask = (s: string) => (secrets.includes(s) ? '***' : s);
  const shown = [...Object.entries(env ?? {}).map(([k, v]) => `${k}=${mask(v)}`), ...argv.map(mask)].join(' ');
  return { argv, ...(env && { env }), shown };
}

const keysText = (keys: IndexDefinition['keys']) => keys.map((k) => `${k.name} ${k.direction === '1' ? '升序' : '降序'}`).join(', ');

function functionTitle(f: FunctionConfig): string {
  const timer = f.triggers?.filter((t) => t.type === 'timer').map((t) => `timer trigger "${t.name}" ${t.config}`) ?? [];
  return `Deploy function ${f.name} (${[f.runtime ?? 'default runtime', `${f.memorySize ?? 256} MB`, `${f.timeout ?? 10} s`, 'env variables', ...timer].join(', ')})`;
}

export function deployPlan(p: PlanInput): Step[] {
  const console = `CloudBase console (https://tcb.cloud.tencent.com/dev?envId=${p.env}) or WeChat DevTools → 云开发`;
  const collections = Object.keys(COLLECTIONS);
  const indexes = indexDefinitions();
  const secrets = p.credentials ? [p.credentials.secretId, p.credentials.secretKey] : [];
  const apiEnv = p.credentials ? { TCB_ENV: p.env, TCB_SECRET_ID: p.credentials.secretId, TCB_SECRET_KEY: p.credentials.secretKey } : undefined;
  const withOpenApi = Object.entries(p.permissions).filter(([, apis]) => apis.length > 0);

  return [
    { title: 'Check that deploy/*.json match cloudfunctions/lib/store/collections.ts', task: 'check-files' },
    { title: 'Build the function bundles (cloudfunctions/dist/<fn>/)', command: command(['npm', 'run', 'build:functions']) },
    { title: `Write cloudbaserc.json with this environment's values to ${p.configFile}`, task: 'render-config' },
    p.credentials
      ? { title: 'Log the CloudBase CLI in with the API key', command: command([...CLI, 'login', '--apiKeyId', p.credentials.secretId, '--apiKey', p.credentials.secretKey], secrets) }
      : { title: 'CloudBase CLI login (no TCB_SECRET_ID/TCB_SECRET_KEY: using the login already on this machine)', manual: [`${CLI.join(' ')} login`] },
    // --force updates an existing function: code, config (runtime, memory, timeout, env) and triggers.
    ...p.functions.map((f) => ({ title: functionTitle(f), command: command([...CLI, 'fn', 'deploy', f.name, '--force', '-e', p.env, '--config-file', p.configFile]) })),
    // The CLI exits 0 when a function's deploy failed: read each one back and fail loudly.
    p.credentials
      ? { title: 'Read every function back (runtime, memory, timeout, environment) and fail on any difference', task: 'verify-functions' as const }
      : { title: 'Read every function back (needs the API key; by hand instead)', manual: [`${console} → 云函数: check each function's runtime, memory, timeout and environment variables against ${p.configFile}`] },
    p.credentials
      ? { title: `Create the ${collections.length} collections (existing ones are kept): ${collections.join(', ')}`, task: 'create-collections' as const }
      : { title: 'Create the collections (needs the API key; by hand instead)', manual: [`${console} → 数据库 → 添加集合, once per name:`, ...collections.map((c) => `  ${c}`)] },
    ...(p.credentials
      ? [
          {
            // CLI 2.x cannot set them; the management API can (scripts/deploy-rules.ts), and reads each back.
            title: 'Apply the database security rules, indexes and storage rule through the management API (@cloudbase/manager-node), and read them back',
            task: 'apply-rules' as const,
            details: [
              'Deny every client read and write:',
              ...collections.map((c) => `  ${c}: ${JSON.stringify(DENY_ALL)}`),
              'Indexes (existing ones are kept):',
              ...Object.entries(indexes).flatMap(([coll, defs]) => defs.map((d) => `  ${coll}: ${d.name} = ${keysText(d.keys)}`)),
              `Storage: ${JSON.stringify(STORAGE_RULE)}`,
            ],
          },
        ]
      : [
          {
            title: 'Database security rules: deny every client read and write (needs the API key; by hand instead)',
            manual: [
              `${console} → 数据库 → <collection> → 数据权限 → 自定义安全规则 → paste the rule → 保存 (or pick 所有用户不可读写 / 仅管理员可读写), for each:`,
              ...collections.map((c) => `  ${c}: ${JSON.stringify(DENY_ALL)}`),
              '  (all of them: deploy/database-rules.json)',
            ],
          },
          {
            title: 'Database indexes (needs the API key; by hand instead)',
            manual: [
              `${console} → 数据库 → <collection> → 索引管理 → 添加索引 → name, 非唯一, fields in this order → 确定:`,
              ...Object.entries(indexes).flatMap(([coll, defs]) => defs.map((d) => `  ${coll}: ${d.name} = ${keysText(d.keys)}`)),
              '  (all of them: deploy/indexes.json)',
            ],
          },
          {
            title: 'Storage rule for residents’ photos: creator only (needs the API key; by hand instead)',
            manual: [`${console} → 云存储 → 权限设置 → 自定义安全规则 → paste ${JSON.stringify(STORAGE_RULE)} (deploy/storage-rules.json) → 保存`],
          },
        ]),
    p.credentials
      ? {
          title: 'HTTP access service routes (Open311, exports, QR posters, printable notices) to their functions, read back',
          task: 'apply-http-routes' as const,
          details: HTTP_ROUTES.map((r) => `  ${r.path} → ${r.function}: ${r.serves}`),
        }
      : {
          title: 'HTTP access service routes (needs the API key; by hand instead)',
          manual: [`${console} → 环境配置 → HTTP 访问服务 → 新建, path → function (deploy/http-routes.json):`, ...HTTP_ROUTES.map((r) => `  ${r.path} → ${r.function}`)],
        },
    {
      title: 'Cloud openapi permissions (config.json is applied only by a WeChat DevTools upload)',
      manual: [
        'WeChat DevTools → open this repository → cloudfunctions/dist/<fn> → right-click → 上传并部署：所有文件, for:',
        ...withOpenApi.map(([fn, apis]) => `  ${fn}: ${apis.join(', ')}`),
      ],
    },
    ...Object.entries(p.triggers ?? {}).map(([fn, triggers]) => ({
      title: `Upload ${fn}'s trigger from WeChat DevTools (${triggers.map((t) => `${t.type} trigger "${t.name}" ${t.config}`).join(', ')}): a CLI-created trigger gets no cloud-call token`,
      manual: [`WeChat DevTools → cloudfunctions/dist/${fn}/config.json → right-click → 上传触发器 (after the function is deployed)`],
    })),
    {
      title: 'Mini-program console: privacy guide and interface permissions (the APIs stay disabled without them)',
      manual: [
        'mp.weixin.qq.com → 设置 → 服务内容声明 → 用户隐私保护指引 → declare each item of deploy/privacy.json with its purpose:',
        ...PRIVACY.declared.map((d) => `  ${d.item}${d.apis.length ? ` (${d.apis.map((a) => `wx.${a}`).join(', ')})` : ''}: ${d.purpose}`),
        'mp.weixin.qq.com → 开发管理 → 接口设置 → wx.getLocation → 开通 (without it the code cannot be submitted for review)',
        'mp.weixin.qq.com → 订阅消息 → pick the library templates named in cloudfunctions/lib/outbox/templates.ts (same keywords, in the same order) and set their ids as TEMPLATE_* before deploying',
      ],
    },
    p.credentials
      ? { title: 'Publish the catalog into the environment (only when the repository’s version is newer)', command: command(['npm', 'run', 'seed:cloudbase'], secrets, apiEnv) }
      : { title: 'Publish the catalog (needs the API key)', manual: [`TCB_ENV=${p.env} TCB_SECRET_ID=… TCB_SECRET_KEY=… npm run seed:cloudbase`] },
    ...(p.weapp
      ? [
          { title: 'Build the mini-program against this environment (client/dist/weapp/)', command: command(['npm', 'run', 'build:weapp'], [], { TARO_APP_CLOUD_ENV: p.env }) },
          {
            title: 'Upload the mini-program',
            manual: [
              ...(p.appid === 'touristappid' ? ['project.config.json still has appid "touristappid": put the mini-program’s AppID there first'] : []),
              'WeChat DevTools → 导入项目 → this repository’s root (project.config.json points at client/dist/weapp/ and cloudfunctions/dist/) → 上传',
              'Then mp.weixin.qq.com → 版本管理 → 提交审核',
            ],
          },
        ]
      : []),
  ];
}

/** A plan as text: what `--dry-run` prints. */
export function describePlan(steps: Step[]): string {
  return steps
    .map((s, i) => {
      const lines = [`${i + 1}. ${s.title}`];
      if (s.command) lines.push(`   $ ${s.command.shown}`);
      for (const m of [...(s.details ?? []), ...(s.manual ?? [])]) lines.push(`   ${m}`);
      return lines.join('\n');
    })
    .join('\n');
}
