import type { Envelope, ErrorCode } from '@qgt/shared/errors';
import type { EventType, RequestStatus } from '@qgt/shared/domain/requestState';
import type { AccountOutput } from '@qgt/shared/account/api';
import type { DuplicateView, RequestsOutput } from '@qgt/shared/requests/api';
import type { RequestView } from '@qgt/shared/requests/views';
import type { SlotView } from '@qgt/shared/booking/api';
import { waitFor, type CloudHandler, type SimNode } from './harness';
import { FIXED_NOW } from './clock';

/**
 * An in-test stand-in for the requests pipeline's functions (account, requests, booking, work,
 * admin): a tiny in-memory store that answers with the contract's envelopes, records every call,
 * and can be told to fail. Only what the client pages call; rules are the obvious ones.
 */

export interface Identity {
  openid: string | null;
  role: 'resident' | 'worker' | 'admin' | null;
  name: string | null;
  department?: { code: string; name: string };
}

export const RESIDENT: Identity = { openid: 'demo-resident', role: 'resident', name: '张阿姨' };
export const WORKER: Identity = { openid: 'demo-worker-1', role: 'worker', name: '刘网格' };
export const ADMIN: Identity = { openid: 'demo-admin', role: 'admin', name: '王主任' };
export const DEPT_STAFF: Identity = { openid: 'demo-dept-gas', role: 'worker', name: '周师傅', department: { code: 'ranqi', name: '燃气公司' } };

const NAMES: Record<string, string> = { 'demo-resident': '张阿姨', 'demo-worker-1': '刘网格', 'demo-worker-2': '陈网格', 'demo-admin': '王主任' };

class Fail extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeOptions {
  me?: Identity;
  now?: string;
  duplicates?: DuplicateView[];
  slots?: SlotView[];
  requests?: RequestView[];
}

export const OPTIONS: RequestsOutput['options'] = {
  reportCategories: [
    { code: 'streetlight', name: '路灯照明', icon: '💡' },
    { code: 'garbage', name: '垃圾清运', icon: '🗑️' },
    {
      code: 'gas',
      name: '燃气安全',
      icon: '🔥',
      urgent: true,
      dueHours: 2,
      emergency: { steps: ['立即关闭燃气总阀', '打开门窗通风'], calls: [{ name: '燃气抢修', phone: '96777' }] },
    },
  ],
  buildings: [{ code: 'b-1', name: '幸福里1号楼', grid: 'g-1', gridName: '第一网格', community: 'demo-community', point: { lat: 30.2741, lng: 120.1551 } }],
  communities: [{ code: 'demo-community', name: '示范社区' }],
  visit: { visitMinutes: 60, bufferMinutes: 30, noticeMinutes: 120, cutoffMinutes: 120 },
};

/** A request view with sensible defaults. */
export function requestView(p: Partial<RequestView> & Pick<RequestView, 'id'>): RequestView {
  return {
    title: '随手拍·路灯照明',
    kind: 'report',
    status: 'assigned',
    category: 'streetlight',
    description: '3号楼路灯不亮',
    photos: [],
    assignee: { openid: 'demo-worker-1', name: '刘网格' },
    firstResponder: { openid: 'demo-worker-1', name: '刘网格' },
    dueAt: '2026-11-27T16:00:00.000Z',
    createdAt: '2026-11-24T02:00:00.000Z',
    timeline: [{ at: '2026-11-24T02:00:00.000Z', type: 'create', by: 'demo-resident', note: '诉求已提交' }],
    actions: [],
    ...p,
  };
}

export function slot(start: string, remaining: number, worker = 'demo-worker-1'): SlotView {
  const end = new Date(Date.parse(start) + 3600_000).toISOString();
  return { slotId: `${worker}:${start}`, start, end, remaining, capacity: 1, worker: { openid: worker, name: NAMES[worker] ?? worker } };
}

export class FakeBackend {
  me: Identity;
  readonly calls: { fn: string; action: string; data: Record<string, unknown> }[] = [];
  readonly store = new Map<string, RequestView>();
  readonly keys = new Map<string, string>();
  duplicates: DuplicateView[];
  slots: SlotView[];
  /** Subscribe template ids account.me hands out, and the messages account.messages lists. */
  subscribeTemplates: Record<string, string> = {};
  messages: AccountOutput['messages']['items'] = [];
  /** `fn.action` → an error to answer with once. */
  readonly failOnce = new Map<string, { code: ErrorCode; message: string; field?: string }>();
  private seq = 0;
  private now: string;

  constructor(opts: FakeOptions = {}) {
    this.me = opts.me ?? RESIDENT;
    this.now = opts.now ?? FIXED_NOW;
    this.duplicates = opts.duplicates ?? [];
    this.slots = opts.slots ?? [];
    for (const r of opts.requests ?? []) this.store.set(r.id, r);
  }

  /** Calls of one action, in order. */
  callsOf(fn: string, action: string) {
    return this.calls.filter((c) => c.fn === fn && c.action === action);
  }

  handler(fallback?: CloudHandler): CloudHandler {
    return async (name, event) => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      if (!['account', 'requests', 'booking', 'work', 'admin'].includes(name)) {
        return fallback ? fallback(name, event) : { ok: false, error: { code: 'NOT_FOUND', message: `未知函数：${name}` } };
      }
      this.calls.push({ fn: name, action: event.action, data });
      const injected = this.failOnce.get(`${name}.${event.action}`);
      if (injected) {
        this.failOnce.delete(`${name}.${event.action}`);
        return { ok: false, error: injected };
      }
      try {
        return { ok: true, data: this.run(name, event.action, data) } as Envelope<unknown>;
      } catch (e) {
        if (e instanceof Fail) return { ok: false, error: { code: e.code, message: e.message } };
        throw e;
      }
    };
  }

  private signedIn(): string {
    if (!this.me.openid) throw new Fail('UNAUTHENTICATED', '请先登录');
    return this.me.openid;
  }

  private staff(): string {
    const openid = this.signedIn();
    if (this.me.role !== 'worker' && this.me.role !== 'admin') throw new Fail('FORBIDDEN', '没有权限进行此操作');
    return openid;
  }

  private get(id: unknown): RequestView {
    const r = this.store.get(String(id));
    if (!r) throw new Fail('NOT_FOUND', '找不到该诉求');
    return r;
  }

  private change(id: unknown, status: RequestStatus, entry: { type: string; note?: string; visibility?: 'resident' | 'internal' }, patch: Partial<RequestView> = {}): RequestView {
    const r = this.get(id);
    const next: RequestView = {
      ...r,
      ...patch,
      status,
      timeline: [...r.timeline, { at: this.now, by: this.me.openid ?? '', ...entry }],
    };
    next.actions = this.actionsFor(next);
    this.store.set(r.id, next);
    return next;
  }

  private actionsFor(r: RequestView): EventType[] {
    const staff = this.me.role === 'worker' || this.me.role === 'admin';
    if (!staff) {
      if (r.status === 'resolved') return ['rate', 'reopen', 'close'];
      if (['assigned', 'accepted', 'escalated'].includes(r.status)) return r.kind === 'visit' ? ['cancel', 'reschedule'] : ['cancel'];
      return [];
    }
    const mine = r.assignee.openid === this.me.openid;
    if (!mine) return ['addNote'];
    if (r.status === 'assigned') return ['accept', 'transfer', 'addNote'];
    if (r.status === 'accepted') return ['transfer', 'escalate', 'resolve', 'addNote'];
    return ['addNote'];
  }

  private run(fn: string, action: string, data: Record<string, unknown>): unknown {
    switch (`${fn}.${action}`) {
      case 'account.me':
        return { ...this.me, subscribeTemplates: this.subscribeTemplates, unread: this.messages.filter((m) => m.unread).length } satisfies AccountOutput['me'];
      case 'account.subscribed':
        this.signedIn();
        return { grants: {} };
      case 'account.messages': {
        this.signedIn();
        return { items: this.messages, unread: this.messages.filter((m) => m.unread).length } satisfies AccountOutput['messages'];
      }
      case 'account.messages.read':
        this.messages = this.messages.map((m) => ({ ...m, unread: false }));
        return { unread: 0 };
      case 'account.delete': {
        const owner = this.signedIn();
        if (data.confirm !== true) throw new Fail('BAD_REQUEST', '请确认注销');
        // The handling records stay without the person: gone from their view here.
        const mine = [...this.store.values()].filter((r) => r.timeline[0]?.by === owner);
        for (const r of mine) this.store.delete(r.id);
        const open = mine.filter((r) => !['resolved', 'closed', 'cancelled'].includes(r.status)).length;
        return {
          cancelled: open,
          anonymized: { requests: mine.length, followups: 0, walkins: 0 },
          deleted: { account: true, photos: mine.reduce((n, r) => n + r.photos.length, 0), follows: 0, messages: 0 },
        } satisfies AccountOutput['delete'];
      }
      case 'requests.options':
        this.signedIn();
        return OPTIONS;
      case 'requests.duplicates':
        this.signedIn();
        return { candidates: this.duplicates };
      case 'requests.create': {
        const owner = this.signedIn();
        const key = typeof data.idempotencyKey === 'string' ? `${owner}:${data.idempotencyKey}` : undefined;
        if (key && this.keys.has(key)) return this.get(this.keys.get(key));
        if (data.kind === 'visit') {
          const s = this.slots.find((x) => x.slotId === data.slotId);
          if (!s || s.remaining <= 0) throw new Fail('CONFLICT', '该时段已约满，请选择其他时段');
          s.remaining--;
        }
        const id = `req-${++this.seq}`;
        const s = this.slots.find((x) => x.slotId === data.slotId);
        const r = requestView({
          id,
          kind: data.kind as RequestView['kind'],
          title: data.kind === 'visit' ? '上门帮办·最低生活保障' : '随手拍·路灯照明',
          description: String(data.description ?? ''),
          ...(typeof data.category === 'string' && { category: data.category }),
          ...(typeof data.matterCode === 'string' && { matterCode: data.matterCode }),
          photos: (data.photos as string[]) ?? [],
          ...(s && { slot: { slotId: s.slotId, start: s.start, end: s.end }, assignee: s.worker, firstResponder: s.worker }),
          createdAt: this.now,
        });
        r.actions = this.actionsFor(r);
        this.store.set(id, r);
        if (key) this.keys.set(key, id);
        return r;
      }
      case 'requests.follow':
        this.signedIn();
        return { ...this.get(data.id), following: true, actions: [] };
      case 'requests.mine':
        this.signedIn();
        return { items: [...this.store.values()].reverse() };
      case 'requests.get':
        this.signedIn();
        return { ...this.get(data.id), actions: this.actionsFor(this.get(data.id)) };
      case 'requests.photos':
        // Short-lived links, as CloudBase's getTempFileURL gives them after the server's check.
        this.signedIn();
        return { photos: this.get(data.id).photos.map((fileId) => ({ fileId, url: `https://tmp.example/${encodeURIComponent(fileId)}?sign=1` })) } satisfies RequestsOutput['photos'];
      case 'requests.cancel':
      case 'booking.cancel':
        this.signedIn();
        return this.change(data.id, 'cancelled', { type: 'cancel', note: String(data.reason ?? '已取消') });
      case 'requests.urge': {
        this.signedIn();
        const r = { ...this.get(data.id), urgedAt: this.now };
        this.store.set(r.id, r);
        return { ...r, actions: this.actionsFor(r) };
      }
      case 'requests.rate': {
        this.signedIn();
        const score = Number(data.score);
        const rating = { score, at: this.now, ...(typeof data.comment === 'string' && { comment: data.comment }) };
        return this.change(data.id, score <= 2 ? 'accepted' : 'closed', { type: 'rate', note: `评价${score}星` }, { rating });
      }
      case 'booking.slots':
        return { slots: this.slots.map((s) => ({ ...s })) };
      case 'booking.reschedule':
        this.signedIn();
        return this.change(data.id, this.get(data.id).status, { type: 'reschedule', note: `预约已改期：${String(data.reason)}` });
      case 'work.inbox': {
        const openid = this.staff();
        const tab = String(data.tab ?? 'all');
        const mine = [...this.store.values()].filter((r) => r.assignee.openid === openid);
        const items = mine.filter((r) =>
          tab === 'pending'
            ? r.status === 'assigned'
            : tab === 'active'
              ? r.status === 'accepted' || r.status === 'escalated'
              : tab === 'dueSoon'
                ? r.due?.level === 'remind'
                : tab === 'overdue'
                  ? r.due?.level === 'overdue'
                  : true,
        );
        return { items: items.map((r) => ({ ...r, actions: this.actionsFor(r) })) };
      }
      case 'work.accept':
        this.staff();
        if (this.get(data.id).status !== 'assigned') throw new Fail('CONFLICT', '工单当前状态为「办理中」，不能进行此操作');
        return this.change(data.id, 'accepted', { type: 'accept', note: '工作人员已接单' });
      case 'work.transfer': {
        this.staff();
        const to = String(data.toOpenid);
        return this.change(data.id, 'assigned', { type: 'transfer', note: '已转交其他工作人员继续办理' }, { assignee: { openid: to, name: NAMES[to] ?? '工作人员' } });
      }
      case 'work.escalate':
        this.staff();
        return this.change(data.id, 'escalated', { type: 'escalate', note: '已报请相关部门协同处理' }, { department: String(data.department) });
      case 'work.resolve':
        this.staff();
        return this.change(data.id, 'resolved', { type: 'resolve', note: String(data.note) });
      case 'work.note':
        this.staff();
        return this.change(data.id, this.get(data.id).status, { type: 'addNote', note: String(data.note), visibility: 'internal' });
      case 'work.visits':
        this.staff();
        return { date: String(data.date ?? ''), items: [...this.store.values()].filter((r) => r.kind === 'visit') };
      case 'work.directory':
        this.staff();
        return {
          workers: [
            { openid: 'demo-worker-2', name: '陈网格', level: 'A', grids: ['G2'], onLeave: false },
            { openid: 'demo-worker-3', name: '赵网格', level: 'B', grids: ['G3'], onLeave: true },
          ],
          departments: [{ code: 'wuye', name: '物业', categories: ['wuye'] }],
        };
      default:
        throw new Fail('BAD_REQUEST', `未知操作：${fn}.${action}`);
    }
  }
}

/**
 * 预约上门帮办's place step (issue 16): the first building of the list, or the last choice,
 * 不在列表中 (an address later).
 */
export async function pickPlace(page: SimNode, which: 'first' | 'other'): Promise<void> {
  await waitFor(() => page.querySelectorAll('.choices--place .choice').length > 1);
  const choices = page.querySelectorAll('.choices--place .choice');
  choices[which === 'first' ? 0 : choices.length - 1].dispatchEvent('tap');
}
