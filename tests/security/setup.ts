import { Fixtures } from './fixtures';
import type { ProbeContext } from './probe';
import { startWorld } from './world';

/** The world both security suites start from: both communities, and the objects the probes aim at. */
export async function setUpTargets(): Promise<ProbeContext> {
  const w = await startWorld();
  const fx = new Fixtures(w);
  fx.registerPhones();
  const t = {
    reportA: await fx.reportOfA(),
    reportB: await fx.reportOfB(),
    reportC2: await fx.reportOfC2(),
    escalatedA: await fx.escalatedOfA(),
    visitA: await fx.visitOfA(),
    photoA: await fx.photoOfA(),
    notice: await fx.noticeOfC1(),
    householdC1: await fx.visitsOfC1(),
  };
  await fx.visitsOfC2();
  return { w, fx, t };
}
