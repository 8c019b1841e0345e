import fs from 'node:fs';
import path from 'node:path';
import { functionDifferences, verifyFunctions, type DeployedFunction, type FunctionReader, type WantedFunction } from '../../scripts/deploy-verify';
import { deployPlan } from '../../scripts/deploy-plan';
import { ROOT } from './sources';

/**
 * The CLI exits 0 when one function's deploy failed; the deploy reads every function back and
 * fails loudly on any difference. Here SCF is a fake manager answering GetFunction.
 */
const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: WantedFunction[] };
const wanted: WantedFunction[] = rc.functions.map((f) => ({
  ...f,
  envVariables: Object.fromEntries(Object.entries(f.envVariables ?? {}).map(([k, v]) => [k, v.includes('{{') ? `value-of-${k}` : v])),
  triggers: f.name === 'timer' ? [{ name: 'tick', type: 'timer', config: '0 * * * * * *' }] : [],
}));

/** What SCF answers for a function deployed exactly as asked. */
function deployedAs(f: WantedFunction): DeployedFunction {
  return {
    Runtime: f.runtime,
    MemorySize: f.memorySize,
    Timeout: f.timeout,
    Status: 'Active',
    Environment: { Variables: Object.entries(f.envVariables ?? {}).map(([Key, Value]) => ({ Key, Value })) },
    Triggers: (f.triggers ?? []).map((t) => ({ TriggerName: t.name, Type: t.type, TriggerDesc: `{"cron":"${t.config}"}` })),
  };
}

function fakeManager(edit: (name: string, d: DeployedFunction) => DeployedFunction | null = (_n, d) => d): FunctionReader & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    async getFunction(name) {
      read.push(name);
      const f = wanted.find((w) => w.name === name)!;
      return edit(name, deployedAs(f));
    },
  };
}

describe('reading the functions back after a deploy', () => {
  it('passes when every function is as deployed, and reads every one', async () => {
    const manager = fakeManager();
    await expect(verifyFunctions(manager, wanted)).resolves.toBeUndefined();
    expect(manager.read).toEqual(wanted.map((f) => f.name));
  });

  it('fails loudly on a half-deployed environment: a missing function, the old runtime, memory, timeout', async () => {
    const manager = fakeManager((name, d) => {
      if (name === 'desk') return null; // its deploy failed, the CLI said 'error' and exited 0
      if (name === 'requests') return { ...d, Runtime: 'Nodejs16.13', MemorySize: 128 };
      if (name === 'admin') return { ...d, Timeout: 3, Status: 'UpdateFailed' };
      return d;
    });
    const error = (await verifyFunctions(manager, wanted).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('desk: not deployed');
    expect(error.message).toContain('requests: runtime is "Nodejs16.13", want "Nodejs18.15"');
    expect(error.message).toContain('requests: memory is 128, want 256');
    expect(error.message).toContain('admin: timeout is 3, want 20');
    expect(error.message).toContain('admin: status UpdateFailed');
  });

  it('names a missing or changed environment variable without printing its value', () => {
    const timer = wanted.find((f) => f.name === 'timer')!;
    const d = deployedAs(timer);
    d.Environment!.Variables = d.Environment!.Variables!.filter((v) => v.Key !== 'TEMPLATE_DUE_ALERT').map((v) => (v.Key === 'TEMPLATE_TASK_NOTICE' ? { ...v, Value: 'secret-old' } : v));
    const diffs = functionDifferences(timer, d);
    expect(diffs).toEqual(['timer: environment variable TEMPLATE_TASK_NOTICE differs', 'timer: environment variable TEMPLATE_DUE_ALERT missing']);
    expect(diffs.join()).not.toContain('secret-old');
  });

  it('checks the timer’s trigger when asked (after the DevTools upload), not right after the CLI deploy', async () => {
    const manager = fakeManager((name, d) => (name === 'timer' ? { ...d, Triggers: [] } : d));
    await expect(verifyFunctions(manager, wanted, { triggers: false })).resolves.toBeUndefined();
    await expect(verifyFunctions(manager, wanted)).rejects.toThrow(/timer: timer trigger "tick" missing \(upload it from WeChat DevTools/);
  });

  it('is a step of the deploy right after the function deploys, with the API key', () => {
    const steps = deployPlan({ env: 'e', configFile: 'c.json', functions: rc.functions, permissions: {}, credentials: { secretId: 'a', secretKey: 'b' }, weapp: false, appid: 'wx1' });
    const last = steps.map((s) => s.command?.argv.includes('deploy') && s.command.argv.includes('fn')).lastIndexOf(true);
    expect(steps[last + 1]).toMatchObject({ task: 'verify-functions' });
  });
});
