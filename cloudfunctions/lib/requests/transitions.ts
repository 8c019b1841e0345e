import { AppError } from '@qgt/shared/errors';
import { transition, type Effect, type RequestEvent } from '@qgt/shared/domain/requestState';
import type { RequestView } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import { authorizeView } from './access';
import type { Viewer } from '../runtime/caller';
import { settleEffects } from './effects';
import { loadRequest, saveTransition, type RequestDoc } from './store';
import { viewOne } from './view';

export interface EventPlan {
  event: RequestEvent;
  /** Extra top-level fields stored with the transition (e.g. the new slot's times). */
  extra?: Record<string, unknown>;
  /** Runs when the transition could not be stored (e.g. gives back a slot taken for it). */
  undo?: () => Promise<void>;
}

/**
 * One request event, the way every work/requests action runs it: load → may the caller see it
 * (403 otherwise) → build the event (object-level checks) → the pure transition (403/409) →
 * compare-and-set save (409 on a concurrent update) → effects → the caller's view.
 */
export async function applyEvent(
  ctx: Context,
  viewer: Viewer,
  id: string,
  plan: (doc: RequestDoc, viewer: Viewer) => EventPlan | Promise<EventPlan>,
): Promise<RequestView> {
  const doc = await loadRequest(ctx.store, id);
  await authorizeView(ctx, doc, viewer);
  const { event, extra, undo } = await plan(doc, viewer);
  let next: RequestDoc;
  let effects: Effect[];
  try {
    const now = ctx.now.toISOString();
    const result = transition(doc, event, viewer, now);
    if (!result.ok) throw new AppError(result.code, result.message, { reason: result.reason });
    // The domain's effects already tell the first responder of a reopen (首问负责: it goes back to them).
    effects = result.effects;
    next = await saveTransition(ctx.store, doc, result.next, extra, effects.length ? { effects, at: now } : undefined);
  } catch (e) {
    await undo?.().catch(() => undefined);
    throw e;
  }
  await settleEffects(ctx, next, effects);
  return viewOne(ctx, next, viewer);
}
