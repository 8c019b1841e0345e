import { AppError } from '@qgt/shared/errors';
import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { localDate } from '@qgt/shared/domain/calendar';
import type { RequestView } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import type { Viewer } from '../runtime/caller';
import { TZ } from './config';
import { entry, notify } from './notify';
import { loadRequest, requests } from './store';
import { viewOne } from './view';

/**
 * 催办: the resident reminds whoever handles their open request, once a local day. The mark
 * (`urgedAt`) is its own conditional write, so it never overwrites a transition and two taps on
 * one day urge once; the notice's id carries the day, so a retry sends nothing twice.
 */
export async function urgeFlow(ctx: Context, viewer: Viewer, id: string): Promise<RequestView> {
  const doc = await loadRequest(ctx.store, id);
  if (doc.owner !== viewer.openid) throw new AppError('FORBIDDEN', '只能催办自己提交的诉求');
  if (!OPEN_STATUSES.includes(doc.status)) throw new AppError('CONFLICT', '诉求已办结或已取消，无需催办');
  const today = localDate(ctx.now.toISOString(), TZ);
  if (doc.urgedAt && localDate(doc.urgedAt, TZ) === today) throw new AppError('CONFLICT', '今天已经催办过了，工作人员会尽快处理', { reason: 'urgedToday' });
  const at = ctx.now.toISOString();
  const marked = await requests(ctx.store).updateById(doc._id, { $set: { urgedAt: at } }, { version: doc.version });
  if (!marked) throw new AppError('CONFLICT', '诉求刚刚有了新进展，请刷新后再试');
  const to = [...new Set([doc.assignee, ...(doc.firstResponder ? [doc.firstResponder] : [])])];
  await notify(ctx, to.map((openid) => entry(doc, openid, 'taskNotice', `居民催办：${doc.title}`, ctx.now, `urge-${today}`)));
  return viewOne(ctx, { ...doc, urgedAt: at }, viewer);
}
