import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { timerDecisions, type TimerDecision } from '@qgt/shared/domain/deadlines';
import type { Logger } from '../runtime/context';
import type { Platform } from '../platform/platform';
import type { Store } from '../store/port';
import { dispatcherOf, fallbackAdmin, loadCommunity, subdistrictOf, type CommunityState } from '../community/store';
import { calendarOf } from '@qgt/shared/domain/streetSettings';
import type { WorkCalendar } from '@qgt/shared/domain/calendar';
import { deliver, enqueue, type NewOutboxEntry } from '../outbox/outbox';
import { senderFor } from '../outbox/sender';
import { TZ } from '../requests/config';
import { requests, type RequestDoc } from '../requests/store';
import { autoCloseUnrated } from '../requests/autoclose';
import { pruneRates } from '../runtime/rate-limit';
import { pruneSessions } from '../account/sessions';
import { recoverCreationNotices } from '../requests/creation-notice';
import { recoverPendingEffects } from '../requests/effects';
import { refreshRollups } from '../metrics/rollups';

/**
 * The timer: deadline alerts for open requests (remind the assignee at 80%, 督办 to the community
 * admin at 100%, to the 街道 at 150%), then a sweep of the outbox. Idempotent: an alert's outbox id
 * is `<requestId>:<level>` (insert-if-absent) and the level is marked on the request with a
 * conditional update, so a second run — or two at once — changes nothing. It also closes requests
 * resolved 7 days ago and never rated (as unrated; lib/requests/autoclose).
 */
export interface TickDeps {
  store: Store;
  now: Date;
  log: Logger;
  platform: Platform;
}

const PAGE = 1000;

function recipient(state: CommunityState, d: TimerDecision): string | undefined {
  if (d.audience === 'assignee') return d.to;
  if (d.audience === 'communityAdmin') return dispatcherOf(state, d.to);
  return fallbackAdmin(state);
}

async function alert(deps: TickDeps, state: CommunityState, doc: RequestDoc, d: TimerDecision): Promise<boolean> {
  const to = recipient(state, d);
  const at = deps.now.toISOString();
  if (to) {
    const entry: NewOutboxEntry = { _id: d.key, to, template: 'dueAlert', data: { requestId: doc._id, title: doc.title, message: d.message, at, level: d.level } };
    await enqueue(deps.store, [entry], deps.now);
  } else deps.log.warn({ request: doc._id, level: d.level }, 'no recipient for deadline alert');
  return requests(deps.store).updateById(doc._id, { $push: { emittedLevels: d.level }, $set: { [`emitted.${d.level}`]: at } }, { [`emitted.${d.level}`]: { $exists: false } });
}

export async function runTick(deps: TickDeps): Promise<{ checked: number; emitted: number; delivered: number; closed: number }> {
  const state = await loadCommunity(deps.store);
  let checked = 0;
  let emitted = 0;
  // Paged by _id so requests changing status mid-run are neither skipped nor read twice.
  for (let after = ''; ; ) {
    const page = await requests(deps.store).find({ status: { $in: [...OPEN_STATUSES] }, _id: { $gt: after } }, { sort: { _id: 1 }, limit: PAGE });
    checked += page.length;
    const byId = new Map(page.map((d) => [d._id, d]));
    // Each 街道 counts working time on its own calendar (its 调休).
    const byCalendar = new Map<WorkCalendar, RequestDoc[]>();
    for (const d of page) {
      const calendar = calendarOf(subdistrictOf(state, d.community));
      const list = byCalendar.get(calendar);
      if (list) list.push(d);
      else byCalendar.set(calendar, [d]);
    }
    const decisions = [...byCalendar].flatMap(([calendar, docs]) =>
      timerDecisions(
        docs.map((d) => ({ id: d._id, status: d.status, createdAt: d.createdAt, dueAt: d.dueAt, assignee: d.assignee, community: d.community, emittedLevels: d.emittedLevels ?? [] })),
        deps.now.toISOString(),
        TZ,
        calendar,
      ),
    );
    for (const d of decisions) {
      try {
        if (await alert(deps, state, byId.get(d.requestId)!, d)) emitted++;
      } catch (e) {
        deps.log.error({ request: d.requestId, level: d.level, err: e instanceof Error ? e.message : String(e) }, 'deadline alert failed');
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  // 满意度回访: resolved and unrated for 7 days → closed as unrated.
  let closed = 0;
  try {
    closed = await autoCloseUnrated(deps);
  } catch (e) {
    deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'auto-close failed');
  }
  // New-task, visit-reminder and urgent notices a crash kept from being queued (lib/requests/creation-notice).
  await recoverCreationNotices(deps.store, deps.now, state).catch((e: unknown) => deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'notice recovery failed'));
  // …and a transition's notices and 回访 task likewise (lib/requests/effects).
  await recoverPendingEffects(deps).catch((e: unknown) => deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'effects recovery failed'));
  // Rollups writes made dirty rebuilt ahead of the next admin.metrics, and a few clean ones re-checked (lib/metrics/rollups).
  await refreshRollups(deps.store, deps.now).catch((e: unknown) => deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'metrics rollup refresh failed'));
  await pruneRates(deps.store, deps.now).catch((e: unknown) => deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'rate budget prune failed'));
  await pruneSessions(deps.store, deps.now).catch((e: unknown) => deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'session prune failed'));
  const delivered = await deliver(deps.store, await senderFor(deps.platform, deps.store, () => deps.now), deps.now, deps.log);
  return { checked, emitted, delivered, closed };
}

/** Locally the server ticks every `seconds` (unref'd, so it never keeps the process alive). */
export function startLocalTimer(deps: Omit<TickDeps, 'now'>, seconds: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runTick({ ...deps, now: new Date() })
      .catch((e: unknown) => deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'timer tick failed'))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
