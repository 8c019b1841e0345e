/**
 * Reading every function back after `tcb fn deploy`: CLI 2.12 reports a failed function deploy as
 * 'error' and still exits 0 (doDeploySingleFunction / handleDeployFail), so a half-deployed
 * environment looks deployed. What SCF says each function is — runtime, memory, timeout,
 * environment variables, triggers — is compared with what cloudbaserc.json (rendered) and the
 * function's config.json ask for; any difference fails the deploy, naming the function and field.
 */

/** A function as SCF's GetFunction / manager-node's `functions.getFunctionDetail` answers it (the fields we read). */
export interface DeployedFunction {
  Runtime?: string;
  MemorySize?: number;
  Timeout?: number;
  Status?: string;
  Environment?: { Variables?: { Key: string; Value: string }[] };
  Triggers?: { TriggerName?: string; Type?: string; TriggerDesc?: string }[];
}

/** Reads one function's deployed configuration; null when it does not exist. */
export interface FunctionReader {
  getFunction(name: string): Promise<DeployedFunction | null>;
}

export interface WantedFunction {
  name: string;
  runtime?: string;
  memorySize?: number;
  timeout?: number;
  envVariables?: Record<string, string>;
  /** From cloudfunctions/<fn>/config.json (uploaded by DevTools). */
  triggers?: { name: string; type: string; config: string }[];
}

const DEFAULTS = { runtime: 'Nodejs18.15', memorySize: 256, timeout: 10 };

/** What differs, one line per difference; empty when the environment has what was asked for. */
export function functionDifferences(wanted: WantedFunction, deployed: DeployedFunction | null, opts: { triggers?: boolean } = {}): string[] {
  const name = wanted.name;
  if (!deployed) return [`${name}: not deployed`];
  const out: string[] = [];
  if (deployed.Status && deployed.Status !== 'Active') out.push(`${name}: status ${deployed.Status}, not Active`);
  const same = (field: string, want: unknown, got: unknown) => {
    if (want !== got) out.push(`${name}: ${field} is ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  same('runtime', wanted.runtime ?? DEFAULTS.runtime, deployed.Runtime);
  same('memory', wanted.memorySize ?? DEFAULTS.memorySize, deployed.MemorySize);
  same('timeout', wanted.timeout ?? DEFAULTS.timeout, deployed.Timeout);
  const env = new Map((deployed.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
  for (const [key, value] of Object.entries(wanted.envVariables ?? {})) {
    if (!env.has(key)) out.push(`${name}: environment variable ${key} missing`);
    else if (env.get(key) !== value) out.push(`${name}: environment variable ${key} differs`); // values may be secrets: not printed
  }
  const triggers = deployed.Triggers ?? [];
  for (const t of opts.triggers === false ? [] : (wanted.triggers ?? [])) {
    const found = triggers.find((d) => d.TriggerName === t.name);
    if (!found) out.push(`${name}: ${t.type} trigger "${t.name}" missing (upload it from WeChat DevTools: config.json → 上传触发器)`);
    else {
      if (found.Type !== t.type) out.push(`${name}: trigger "${t.name}" is of type ${found.Type}, want ${t.type}`);
      if (t.type === 'timer' && found.TriggerDesc && !found.TriggerDesc.includes(t.config)) out.push(`${name}: trigger "${t.name}" runs at ${found.TriggerDesc}, want ${t.config}`);
    }
  }
  return out;
}

/**
 * Reads every function back; throws one error listing every difference. `triggers: false` right
 * after the CLI deploy (the DevTools trigger upload comes later); `npm run deploy -- --verify`
 * checks them too.
 */
export async function verifyFunctions(reader: FunctionReader, wanted: readonly WantedFunction[], opts: { triggers?: boolean } = {}): Promise<void> {
  const problems: string[] = [];
  for (const f of wanted) {
    let deployed: DeployedFunction | null;
    try {
      deployed = await reader.getFunction(f.name);
    } catch (e) {
      problems.push(`${f.name}: could not be read back (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    problems.push(...functionDifferences(f, deployed, opts));
  }
  if (problems.length) throw new Error(`the environment does not have what was deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** The reader over @cloudbase/manager-node (the same API key as the CLI). */
export async function managerReader(env: string, secretId: string, secretKey: string): Promise<FunctionReader> {
  const { default: CloudBase } = (await import('@cloudbase/manager-node')) as unknown as {
    default: new (o: { envId: string; secretId: string; secretKey: string }) => { functions: { getFunctionDetail(name: string): Promise<DeployedFunction> } };
  };
  const manager = new CloudBase({ envId: env, secretId, secretKey });
  return {
    async getFunction(name) {
      try {
        return await manager.functions.getFunctionDetail(name);
      } catch (e) {
        if (/ResourceNotFound|not exist|不存在/i.test(String((e as Error)?.message ?? e))) return null;
        throw e;
      }
    },
  };
}
