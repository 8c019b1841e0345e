import type { SlotView } from '@qgt/shared/booking/api';
import type { LatLng } from '@qgt/shared/domain/community';
import { FOLLOWS, REQUESTS, type FollowDoc, type RequestDoc } from '../../cloudfunctions/lib/requests/store';
import { SLOTS, type SlotDoc } from '../../cloudfunctions/lib/requests/slots';
import { OUTBOX, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { unreadCount } from '../../cloudfunctions/lib/outbox/grants';
import { templateIds } from '../../cloudfunctions/lib/outbox/templates';
import type { Envelope } from '@qgt/shared/errors';
import { waitFor, type CloudHandler, type SimNode } from './harness';
import { DEMO, type RealBackend } from './real-backend';

/**
 * What the request pages' tests (随手拍, 上门帮办, 我的诉求, drafts) read back from the real backend:
 * the stored requests, follows and slot bookings, and the demo deployment's places. Checks go to
 * `backend.store` (what was stored) rather than to what a page was answered.
 */

/** A second resident of the demo deployment (李师傅): fills slots and files reports the tests find. */
export const OTHER_RESIDENT = 'demo-resident-2';

/** 锦绣东苑1栋 (G1-1, grid G1 → demo-worker-1 刘网格): where the tests' phone says it is. */
export const G1_1 = { code: 'G1-1', name: '锦绣东苑1栋', point: { lat: 30.9885, lng: 103.6245 } } as const;

/** The phone's position at G1-1, as wx.getLocation answers it. */
export const HERE = { latitude: G1_1.point.lat, longitude: G1_1.point.lng } as const;

/** `metres` north of `p` (about 111 km a degree of latitude). */
export const northOf = (p: LatLng, metres: number): LatLng => ({ lat: p.lat + metres / 111_195, lng: p.lng });

/** Every stored request, oldest first. */
export async function storedRequests(backend: RealBackend): Promise<RequestDoc[]> {
  return backend.store.collection<RequestDoc>(REQUESTS).find({}, { sort: { createdAt: 1, _id: 1 } });
}

/** The one request the page filed (the test's store held none of this kind before). */
export async function onlyRequest(backend: RealBackend, kind: 'report' | 'visit'): Promise<RequestDoc> {
  const docs = (await storedRequests(backend)).filter((r) => r.kind === kind);
  if (docs.length !== 1) throw new Error(`expected one stored ${kind}, found ${docs.length}`);
  return docs[0];
}

export async function follows(backend: RealBackend): Promise<FollowDoc[]> {
  return backend.store.collection<FollowDoc>(FOLLOWS).find({});
}

/** How many places of a slot are taken (0 when nobody booked it). */
export async function slotTaken(backend: RealBackend, slotId: string): Promise<number> {
  return (await backend.store.collection<SlotDoc>(SLOTS).get(slotId))?.taken ?? 0;
}

/** The slots booking.slots answers for this query (what the page should offer). */
export async function openSlots(backend: RealBackend, query: Record<string, unknown>): Promise<SlotView[]> {
  return (await backend.ok<{ slots: SlotView[] }>('booking', 'slots', query)).slots;
}

/** Books `slotId` for the other resident (a 低保 visit at another address), so that slot is full for the page. */
export async function bookAsOther(backend: RealBackend, slotId: string): Promise<string> {
  const visit = { kind: 'visit', matterCode: 'dibao', slotId, address: '5单元101', contactPhone: '13900000002', description: '' };
  return (await backend.ok<{ id: string }>('requests', 'create', visit, OTHER_RESIDENT)).id;
}

/** Files a resident's report as test setup; returns its id. */
export async function fileReport(backend: RealBackend, data: Record<string, unknown>, openid: string = DEMO.resident): Promise<string> {
  return (await backend.ok<{ id: string }>('requests', 'create', data, openid)).id;
}

/**
 * 预约上门帮办's place step: a building of the list by name, or the last choice,
 * 不在列表中 (an address later).
 */
export async function pickPlace(page: SimNode, which: 'other' | string): Promise<void> {
  await waitFor(() => page.querySelectorAll('.choices--place .choice').length > 1, 8000);
  const choices = page.querySelectorAll('.choices--place .choice');
  const chip = which === 'other' ? choices[choices.length - 1] : choices.find((c) => (c.dom.textContent ?? '').includes(which));
  if (!chip) throw new Error(`no place ${which}`);
  chip.dispatchEvent('tap');
}

/** The in-app messages (outbox entries) addressed to `openid`, oldest first. */
export async function messagesTo(backend: RealBackend, openid: string): Promise<OutboxEntry[]> {
  return backend.store.collection<OutboxEntry>(OUTBOX).find({ to: openid }, { sort: { createdAt: 1 } });
}

/**
 * The backend as the pages see it on CloudBase: there `account.me` also hands out the subscribe
 * template ids (TEMPLATE_* variables) and the unread count, which the local platform leaves out.
 * Every call runs on the real handlers; `account.me`'s answer gets those two fields, computed by
 * the same functions its CloudBase branch calls.
 */
export function onCloudBase(backend: RealBackend): CloudHandler {
  const handler = backend.handler();
  return async (name, event) => {
    const res = (await handler(name, event)) as Envelope<Record<string, unknown>>;
    if (name !== 'account' || event.action !== 'me' || !res.ok) return res;
    const unread = backend.openid ? await unreadCount(backend.store, backend.openid, backend.now) : 0;
    return { ok: true, data: { ...res.data, subscribeTemplates: templateIds(), unread } };
  };
}

/** A slot id of the demo worker at `start` (ISO). */
export const slotOf = (start: string, worker: string = DEMO.worker) => `${worker}:${start}`;

/**
 * The resident's report in G1, signed for by 刘网格, handed on to 陈网格 and resolved by him with
 * 已更换灯泡, each step an hour or a day after the last, from `at` (ISO) on; the clock is left at `at`'s
 * last step. Returns its id.
 */
export async function resolvedAfterTransfer(backend: RealBackend, at: string, extra: Record<string, unknown> = {}): Promise<string> {
  const t = Date.parse(at);
  backend.setNow(new Date(t).toISOString());
  const id = await fileReport(backend, { kind: 'report', category: 'shizheng', description: '3号楼路灯不亮', location: G1_1.point, ...extra });
  backend.setNow(new Date(t + 3_600_000).toISOString());
  await backend.ok('work', 'accept', { id }, DEMO.worker);
  backend.setNow(new Date(t + 3 * 3_600_000).toISOString());
  await backend.ok('work', 'transfer', { id, toOpenid: 'demo-worker-2', reason: '陈网格负责路灯维修' }, DEMO.worker);
  await backend.ok('work', 'accept', { id }, 'demo-worker-2');
  backend.setNow(new Date(t + 86_400_000).toISOString());
  await backend.ok('work', 'resolve', { id, note: '已更换灯泡' }, 'demo-worker-2');
  return id;
}

/** The resident books a 低保 visit in `slotId` at G1-1, 3单元502 (test setup); returns its id. */
export async function bookVisit(backend: RealBackend, slotId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const visit = { kind: 'visit', matterCode: 'dibao', slotId, buildingCode: G1_1.code, address: '3单元502', contactPhone: '13912345678', description: '', ...extra };
  return (await backend.ok<{ id: string }>('requests', 'create', visit, DEMO.resident)).id;
}

/**
 * Photo links as CloudBase's getTempFileURL gives them (short-lived, signed) for `cloud://` ids,
 * where the local platform links only its own files: the server's access check still runs first.
 */
export function withCloudPhotoLinks(backend: RealBackend): void {
  backend.platform = { ...backend.platform, fileUrls: async (ids) => ids.map((fileId) => ({ fileId, url: cloudPhotoLink(fileId) })) };
}

export const cloudPhotoLink = (fileId: string) => `https://tmp.example/${encodeURIComponent(fileId)}?sign=1`;
