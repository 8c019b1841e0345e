import { transition } from '@qgt/shared/domain/requestState';
import { autoCloseCutoff, shouldAutoClose } from '@qgt/shared/domain/satisfaction';
import type { Logger } from '../runtime/context';
import type { Store } from '../store/port';
import { SYSTEM_CALLER } from '../runtime/caller';
import { requests, saveTransition } from './store';

const PAGE = 500;

/**
 * Closes resolved requests nobody rated within 7 days, as the system, marked `unrated` (never
 * counted as satisfied). Each close is a compare-and-set transition, so a second run — or a
 * rating arriving at the same moment — closes nothing twice. Returns how many it closed.
 */
export async function autoCloseUnrated(deps: { store: Store; now: Date; log: Logger }): Promise<number> {
  const now = deps.now.toISOString();
  let closed = 0;
  for (let after = ''; ; ) {
    const page = await requests(deps.store).find(
      { status: 'resolved', resolvedAt: { $lte: autoCloseCutoff(now) }, _id: { $gt: after } },
      { sort: { _id: 1 }, limit: PAGE },
    );
    for (const doc of page) {
      if (!shouldAutoClose(doc, now)) continue;
      const result = transition(doc, { type: 'close' }, SYSTEM_CALLER, now);
      if (!result.ok) continue;
      try {
        await saveTransition(deps.store, doc, result.next);
        closed++;
      } catch (e) {
        deps.log.warn({ request: doc._id, err: e instanceof Error ? e.message : String(e) }, 'auto-close skipped');
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  return closed;
}
