import { AppError } from '@qgt/shared/errors';
import { findDuplicates, haversineMeters } from '@qgt/shared/domain/duplicates';
import { coarsenPoint } from '@qgt/shared/privacy/location';
import type { LatLng } from '@qgt/shared/domain/community';
import type { DuplicateView } from '@qgt/shared/requests/api';
import type { RequestView } from '@qgt/shared/requests/views';
import { maskText } from '@qgt/shared/privacy/mask';
import type { Context } from '../runtime/context';
import type { Viewer } from '../runtime/caller';
import { followId, follows, loadRequest, requests, type RequestDoc } from './store';
import { viewOne } from './view';

/** "同一问题？我也遇到": nearby recent reports of the same category, and following one of them. */

const DAY_MS = 86_400_000;
/** Degrees of latitude a bit over 50 m, to narrow the store query before the exact distance. */
const BOX_DEG = 0.0006;

export async function duplicatesFor(ctx: Context, viewer: Viewer, category: string, location?: LatLng, buildingCode?: string): Promise<DuplicateView[]> {
  const since = new Date(ctx.now.getTime() - 7 * DAY_MS).toISOString();
  const near = async (): Promise<RequestDoc[]> => {
    if (!location) return [];
    const lngBox = BOX_DEG / Math.max(0.01, Math.cos((location.lat * Math.PI) / 180));
    return requests(ctx.store).find(
      {
        kind: 'report',
        category,
        createdAt: { $gte: since },
        'location.lat': { $gte: location.lat - BOX_DEG, $lte: location.lat + BOX_DEG },
        'location.lng': { $gte: location.lng - lngBox, $lte: location.lng + lngBox },
      },
      { limit: 200 },
    );
  };
  // A report filed by building has no point: the same building is the same place.
  const sameBuilding = async (): Promise<RequestDoc[]> =>
    buildingCode ? requests(ctx.store).find({ kind: 'report', category, buildingCode, createdAt: { $gte: since } }, { limit: 200 }) : [];
  const [nearDocs, buildingDocs] = await Promise.all([near(), sameBuilding()]);
  const byId = new Map([...nearDocs, ...buildingDocs].map((d) => [d._id, d]));
  const fromPoint = location ? findDuplicates({ category, location }, nearDocs.map((d) => ({ ...d, id: d._id })), ctx.now.toISOString()) : [];
  const atBuilding = buildingDocs
    .filter((d) => d.status !== 'cancelled' && d.createdAt <= ctx.now.toISOString() && !fromPoint.some((c) => c.id === d._id))
    .map((d) => ({ id: d._id, distanceMeters: 0 }));
  const found = [...atBuilding, ...fromPoint].sort((a, b) => a.distanceMeters - b.distanceMeters || (a.id < b.id ? -1 : 1));
  return found.slice(0, 10).map(({ id, distanceMeters }) => {
    const d = byId.get(id)!;
    // A neighbour's snippet: their phone and ID numbers masked (the rule of views for non-handlers).
    const text = d.owner === viewer.openid ? d.description : maskText(d.description);
    // How far, measured to the rounded point a neighbour may know (the public feed's): an exact
    // distance from a few places would give the reporter's door away. A match by building is 0 m.
    const distance = d.owner === viewer.openid || !location || !d.location ? distanceMeters : haversineMeters(location, coarsenPoint(d.location));
    return {
      id,
      description: text.length > 60 ? `${text.slice(0, 59)}…` : text,
      distance: Math.round(distance / 10) * 10,
      status: d.status,
      createdAt: d.createdAt,
      mine: d.owner === viewer.openid,
    };
  });
}

/** Adds the caller as a follower of a report (idempotent); they see it in `mine` and get its updates. */
export async function followFlow(ctx: Context, viewer: Viewer, id: string, field: string): Promise<RequestView> {
  const doc = await loadRequest(ctx.store, id, field);
  if (doc.kind !== 'report') throw new AppError('BAD_REQUEST', '只能关注随手拍反映的问题', { field });
  if (doc.owner === viewer.openid) throw new AppError('CONFLICT', '这是您自己提交的诉求', { field });
  if (doc.status === 'closed' || doc.status === 'cancelled') throw new AppError('CONFLICT', '该问题已关闭或取消，请重新提交', { field });
  await follows(ctx.store).insertIfAbsent({ _id: followId(doc._id, viewer.openid), request: doc._id, openid: viewer.openid, at: ctx.now.toISOString() });
  return viewOne(ctx, doc, viewer, { following: true });
}
