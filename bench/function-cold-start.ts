/**
 * Cold start of the cloud function bundles as CloudBase runs them: each sample is a fresh `node`
 * process that times `require` of the bundle, then its first call (the function's typical one,
 * through the SDK against the fake CloudBase server in this process). Both are reported, so a
 * cost moved from require to the first call does not pass for a saving.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { bundleEnv, contextFor, startSeededCloudbase, TYPICAL_CALLS } from '../tests/functions/cloudbase-fixture';
import { percentile } from './stats';

const run = promisify(execFile);

/** Runs in the fresh process: argv = bundle, event, context. Exits at once: the SDK keeps sockets alive. */
const PROBE = `
const [file, event, context] = process.argv.slice(1);
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const { main } = require(file);
const required = ms(t0);
const cpu = process.cpuUsage(cpu0);
const requiredCpu = (cpu.user + cpu.system) / 1000;
main(JSON.parse(event), JSON.parse(context)).then((reply) => {
  process.stdout.write(JSON.stringify({ required, requiredCpu, firstCall: ms(t0), error: reply && reply.ok ? null : JSON.stringify(reply && reply.error) }));
  process.exit(0);
});`;

export interface ColdStart {
  name: string;
  /** Medians over the samples, in ms: wall clock, and CPU time (which other work on the machine disturbs less). */
  require: number;
  requireCpu: number;
  requireAndFirstCall: number;
  runs: number;
  /** The first call's error, if it did not answer ok (the timing then is of an error path). */
  error: string | null;
}

/** `runs` fresh processes per bundle, taken round by round so a busy moment hits every bundle alike. */
/** A bundle to start; `call` defaults to the function's typical first call (TYPICAL_CALLS). */
export interface ColdStartTarget {
  name: string;
  file: string;
  call?: { event: unknown; openid?: string; trigger?: 'timer' };
}

export async function coldStarts(bundles: ColdStartTarget[], runs = 7): Promise<ColdStart[]> {
  const fake = await startSeededCloudbase();
  const env = { ...process.env, ...bundleEnv(fake) };
  const samples = new Map(bundles.map((b) => [b.name, [] as { required: number; requiredCpu: number; firstCall: number; error: string | null }[]]));
  try {
    for (let round = 0; round < runs; round++) {
      for (const { name, file, call } of bundles) {
        const { event, openid, trigger } = call ?? TYPICAL_CALLS[name];
        const { stdout } = await run(process.execPath, ['-e', PROBE, file, JSON.stringify(event), JSON.stringify(contextFor(openid, trigger))], { env });
        samples.get(name)!.push(JSON.parse(stdout));
      }
    }
  } finally {
    await fake.close();
  }
  return bundles.map(({ name }) => {
    const s = samples.get(name)!;
    return {
      name,
      require: percentile(s.map((x) => x.required), 50),
      requireCpu: percentile(s.map((x) => x.requiredCpu), 50),
      requireAndFirstCall: percentile(s.map((x) => x.firstCall), 50),
      runs,
      error: s.find((x) => x.error)?.error ?? null,
    };
  });
}

/** A function's typical first call, as `guide.list`. */
export const typicalCallName = (name: string) => `${name}.${String((TYPICAL_CALLS[name].event as { action?: string }).action ?? 'tick (timer trigger)')}`;

/** The biggest packages in a bundle by minified bytes (our own code as `ours`). */
export function biggestPackages(metafile: Metafile, top = 3): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'ours';
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
    }
  return [...bytes].map(([name, n]) => ({ name, bytes: n })).sort((a, b) => b.bytes - a.bytes).slice(0, top);
}
