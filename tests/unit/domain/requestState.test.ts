import {
  allowedEvents,
  canView,
  createRequest,
  EVENT_TYPES,
  REQUEST_FIELDS,
  REQUEST_STATUSES,
  residentTimeline,
  STATUS_LABELS,
  transition,
  type Actor,
  type EventType,
  type RequestEvent,
  type RequestStatus,
  type ServiceRequest,
} from '@qgt/shared/domain/requestState';
import { RequestEventSchema, RequestSchema } from '@qgt/shared/domain/requestSchema';

const NOW = '2026-10-09T09:00:00+08:00';
const AT = '2026-10-09T01:00:00.000Z';

const ACTORS = {
  owner: { openid: 'res-1', role: 'resident' },
  otherResident: { openid: 'res-2', role: 'resident' },
  assignee: { openid: 'w-2', role: 'worker' },
  firstResponder: { openid: 'w-1', role: 'worker' },
  otherWorker: { openid: 'w-9', role: 'worker' },
  departmentStaff: { openid: 'd-1', role: 'worker', department: 'gas' },
  otherDepartment: { openid: 'd-2', role: 'worker', department: 'water' },
  admin: { openid: 'adm', role: 'admin' },
  system: { openid: 'timer', role: 'system' },
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;

/** A visit that w-1 first accepted, then transferred to w-2; gas was called in once. */
function fixture(status: RequestStatus): ServiceRequest {
  return {
    ...createRequest(
      { id: 'r1', kind: 'visit', owner: 'res-1', description: '家中燃气有异味', slotId: 'w-2:2026-10-10T01:00:00.000Z', assignee: 'w-2', gridCode: 'G1', community: 'c1', dueAt: '2026-10-12T16:00:00.000Z' },
      '2026-10-08T09:00:00+08:00',
    ),
    status,
    firstResponder: 'w-1',
    department: 'gas',
    ...(status === 'resolved' && { resolvedAt: '2026-10-09T00:00:00.000Z' }),
  };
}

const EVENTS: Record<EventType, RequestEvent> = {
  accept: { type: 'accept' },
  transfer: { type: 'transfer', to: 'w-3', reason: '涉及低保，转民政专岗', done: '已上门核实', pending: '材料审核' },
  escalate: { type: 'escalate', department: 'gas', reason: '需燃气公司检修' },
  returnFromDepartment: { type: 'returnFromDepartment', note: '已更换阀门' },
  resolve: { type: 'resolve', note: '已处理完毕' },
  close: { type: 'close' },
  cancel: { type: 'cancel', reason: '已自行解决' },
  reopen: { type: 'reopen', reason: '问题仍存在' },
  addNote: { type: 'addNote', note: '居民白天不在家，晚上联系' },
  rate: { type: 'rate', score: 4 },
  reschedule: { type: 'reschedule', slotId: 'w-2:2026-10-12T01:00:00.000Z', start: '2026-10-12T01:00:00.000Z', reason: '临时有事' },
};

const ALL: RequestStatus[] = [...REQUEST_STATUSES];
/** A refusal is told apart by its reason code; the message names the status in the vocabulary's words. */
const refusal = (code: 'FORBIDDEN' | 'CONFLICT', status: RequestStatus) =>
  code === 'FORBIDDEN'
    ? { ok: false, code, reason: 'notAllowed', message: '没有权限进行此操作' }
    : { ok: false, code, reason: 'wrongStatus', message: `工单当前状态为「${STATUS_LABELS[status]}」，不能进行此操作` };
/** The expected behaviour, written out independently of the implementation's RULES table. */
const EXPECTED: Record<EventType, { who: ActorName[]; from: Partial<Record<RequestStatus, RequestStatus>> }> = {
  accept: { who: ['assignee'], from: { assigned: 'accepted' } },
  transfer: { who: ['assignee', 'admin'], from: { assigned: 'assigned', accepted: 'assigned' } },
  escalate: { who: ['assignee', 'admin'], from: { accepted: 'escalated' } },
  returnFromDepartment: { who: ['departmentStaff', 'admin'], from: { escalated: 'accepted' } },
  resolve: { who: ['assignee'], from: { accepted: 'resolved' } },
  close: { who: ['owner', 'admin', 'system'], from: { resolved: 'closed' } },
  cancel: { who: ['owner', 'admin'], from: { assigned: 'cancelled', accepted: 'cancelled', escalated: 'cancelled' } },
  reopen: { who: ['owner', 'admin'], from: { resolved: 'accepted' } },
  addNote: { who: ['assignee', 'firstResponder', 'departmentStaff', 'admin'], from: Object.fromEntries(ALL.map((s) => [s, s])) },
  rate: { who: ['owner'], from: { resolved: 'closed' } },
  reschedule: { who: ['owner', 'admin'], from: { assigned: 'assigned', accepted: 'accepted' } },
};

const MATRIX = ALL.flatMap((status) =>
  EVENT_TYPES.flatMap((event) =>
    (Object.keys(ACTORS) as ActorName[]).map((actor) => {
      const rule = EXPECTED[event];
      const expected = !rule.who.includes(actor) ? 'FORBIDDEN' : rule.from[status] === undefined ? 'CONFLICT' : rule.from[status]!;
      return [status, event, actor, expected] as const;
    }),
  ),
);

describe('transition matrix (status × event × actor)', () => {
  it('covers every triple', () => {
    expect(EVENT_TYPES).toHaveLength(11);
    expect(MATRIX).toHaveLength(6 * 11 * 9);
  });

  it.each(MATRIX)('%s + %s by %s → %s', (status, event, actor, expected) => {
    const before = fixture(status);
    const r = transition(before, EVENTS[event], ACTORS[actor], NOW);
    if (expected === 'FORBIDDEN' || expected === 'CONFLICT') {
      expect(r).toStrictEqual(refusal(expected, status));
      return;
    }
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
    expect(r.next.status).toBe(expected);
    expect(r.next.version).toBe(before.version + 1);
    expect(r.next.timeline).toStrictEqual([...before.timeline, r.timeline]);
    expect(r.timeline).toMatchObject({ at: AT, type: event, by: ACTORS[actor].openid });
    expect(r.next.firstResponder).toBe('w-1');
    expect(before.status).toBe(status); // the input is never mutated
  });
});

const ok = (r: ReturnType<typeof transition>) => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
};

describe('first responder', () => {
  const fresh = () => createRequest({ id: 'r2', kind: 'report', owner: 'res-1', description: '路灯不亮', category: 'environment', assignee: 'w-1', dueAt: '2026-10-12T16:00:00.000Z' }, NOW);

  it('is the first worker who accepts, and survives a transfer and the next accept', () => {
    const a = ok(transition(fresh(), { type: 'accept' }, ACTORS.firstResponder, NOW)).next;
    expect(a).toMatchObject({ status: 'accepted', firstResponder: 'w-1', acceptedAt: AT });
    const t = ok(transition(a, { ...EVENTS.transfer, to: 'w-2' } as RequestEvent, ACTORS.firstResponder, NOW)).next;
    expect(t).toMatchObject({ status: 'assigned', assignee: 'w-2', firstResponder: 'w-1' });
    const b = ok(transition(t, { type: 'accept' }, ACTORS.assignee, '2026-10-09T10:00:00+08:00')).next;
    expect(b).toMatchObject({ assignee: 'w-2', firstResponder: 'w-1', acceptedAt: AT });
  });

  it('is the desk worker who files for a resident', () => {
    const r = createRequest({ id: 'r3', kind: 'consult', owner: 'res-1', description: '代老人咨询', assignee: 'w-2', dueAt: '2026-10-12T16:00:00.000Z', filedBy: 'desk-1' }, NOW);
    expect(r).toMatchObject({ status: 'assigned', firstResponder: 'desk-1', version: 0, reopenCount: 0, createdAt: AT });
    expect(r.timeline).toStrictEqual([{ at: AT, type: 'create', by: 'desk-1', visibility: 'resident', note: '工作人员代为登记' }]);
    const a = ok(transition(r, { type: 'accept' }, ACTORS.assignee, NOW)).next;
    expect(a.firstResponder).toBe('desk-1');
  });

  it('still sees the request after transferring it; the previous assignee alone does not', () => {
    const t = ok(transition(fixture('accepted'), EVENTS.transfer, ACTORS.assignee, NOW)).next;
    expect(canView(t, ACTORS.firstResponder)).toBe(true);
    expect(canView(t, ACTORS.assignee)).toBe(false);
    expect(canView(t, { openid: 'w-3', role: 'worker' })).toBe(true);
  });
});

describe('transfer (业务转接单)', () => {
  it('changes only the assignee and status; the handoff sheet is staff-only', () => {
    const before = fixture('accepted');
    const r = ok(transition(before, EVENTS.transfer, ACTORS.assignee, NOW));
    expect(r.next).toStrictEqual({ ...before, status: 'assigned', assignee: 'w-3', version: 1, timeline: r.next.timeline });
    expect(r.timeline.detail).toStrictEqual({ from: 'w-2', to: 'w-3', reason: '涉及低保，转民政专岗', done: '已上门核实', pending: '材料审核' });
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-3', message: '收到转交工单：涉及低保，转民政专岗' }]);
    expect(residentTimeline(r.next.timeline).at(-1)).toStrictEqual({ at: AT, type: 'transfer', by: 'w-2', note: '已转交其他工作人员继续办理' });
  });

  it.each([
    ['to the current assignee', 'w-2', 'alreadyAssignee', '该人员已是当前处理人'],
    ['to the resident', 'res-1', 'transferToOwner', '不能转交给诉求人本人'],
  ])('refuses a transfer %s', (_, to, reason, message) => {
    const r = transition(fixture('accepted'), { ...EVENTS.transfer, to } as RequestEvent, ACTORS.assignee, NOW);
    expect(r).toStrictEqual({ ok: false, code: 'CONFLICT', reason, message });
  });
});

describe('escalation (吹哨报到)', () => {
  it('keeps the worker as assignee and calls the department in', () => {
    const r = ok(transition(fixture('accepted'), { type: 'escalate', department: 'water', reason: '水管爆裂' }, ACTORS.assignee, NOW));
    expect(r.next).toMatchObject({ status: 'escalated', assignee: 'w-2', department: 'water' });
    expect(r.effects).toStrictEqual([{ type: 'notifyDepartment', department: 'water', message: '吹哨报到：水管爆裂' }]);
    expect(r.timeline).toStrictEqual({ at: AT, type: 'escalate', by: 'w-2', visibility: 'resident', note: '已报请相关部门协同处理', detail: { department: 'water', reason: '水管爆裂' } });
    expect(canView(r.next, ACTORS.otherDepartment)).toBe(true);
    expect(transition(r.next, EVENTS.returnFromDepartment, ACTORS.departmentStaff, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const back = ok(transition(r.next, EVENTS.returnFromDepartment, ACTORS.otherDepartment, NOW));
    expect(back.next).toMatchObject({ status: 'accepted', assignee: 'w-2', department: 'water' });
    expect(back.effects).toStrictEqual([{ type: 'notify', to: 'w-2', message: '部门已答复，请继续办理' }]);
    expect(back.timeline.detail).toStrictEqual({ department: 'water', answer: '已更换阀门' });
  });
});

describe('internal notes', () => {
  it('change nothing but the timeline, and the resident never sees them', () => {
    const before = fixture('accepted');
    const r = ok(transition(before, EVENTS.addNote, ACTORS.firstResponder, NOW));
    expect(r.next).toStrictEqual({ ...before, version: 1, timeline: [...before.timeline, r.timeline] });
    expect(r.timeline).toStrictEqual({ at: AT, type: 'addNote', by: 'w-1', visibility: 'internal', note: '居民白天不在家，晚上联系' });
    expect(r.effects).toStrictEqual([]);
    expect(residentTimeline(r.next.timeline).map((e) => e.type)).toStrictEqual(['create']);
  });
});

describe('resolution, rating and reopening', () => {
  it('resolve records the time and asks the resident to rate', () => {
    const r = ok(transition(fixture('accepted'), EVENTS.resolve, ACTORS.assignee, NOW));
    expect(r.next).toMatchObject({ status: 'resolved', resolvedAt: AT });
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'res-1', message: '您的诉求已办结，请评价', template: 'rateReminder' }]);
    expect(residentTimeline(r.next.timeline).at(-1)!.note).toBe('已处理完毕');
  });

  it.each([
    [1, 'accepted', 1],
    [2, 'accepted', 1],
    [3, 'closed', 0],
    [5, 'closed', 0],
  ])('score %i → %s (reopened %i times)', (score, status, reopenCount) => {
    const r = ok(transition(fixture('resolved'), { type: 'rate', score, comment: '一般' }, ACTORS.owner, NOW));
    expect(r.next).toMatchObject({ status, reopenCount, rating: { score, comment: '一般', at: AT } });
    expect(r.next.resolvedAt).toBe(status === 'closed' ? '2026-10-09T00:00:00.000Z' : undefined);
    expect(r.next.closedAt).toBe(status === 'closed' ? AT : undefined);
    expect(r.effects.map((e) => e.type)).toStrictEqual(status === 'closed' ? [] : ['notify', 'followup']);
  });

  it.each([
    // score, outcome given, → outcome stored, satisfied, reopened, status, assignee
    [5, undefined, 'resolved', true, false, 'closed', 'w-2'],
    [4, 'partial', 'partial', true, false, 'closed', 'w-2'],
    [4, 'unresolved', 'unresolved', true, true, 'accepted', 'w-1'],
    [3, undefined, 'partial', false, false, 'closed', 'w-2'],
    [3, 'unresolved', 'unresolved', false, true, 'accepted', 'w-1'],
    [2, 'resolved', 'resolved', false, true, 'accepted', 'w-1'],
    [1, undefined, 'unresolved', false, true, 'accepted', 'w-1'],
  ] as const)('score %i, outcome %s → %s, satisfied %s, reopened %s (%s, assignee %s)', (score, outcome, stored, satisfied, reopened, status, assignee) => {
    const r = ok(transition(fixture('resolved'), { type: 'rate', score, ...(outcome && { outcome }) }, ACTORS.owner, NOW));
    expect(r.next).toMatchObject({ status, assignee, rating: { score, outcome: stored, satisfied, reopened } });
    if (reopened) expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-1', message: '您首问的诉求被退回重办，请跟进' }, { type: 'followup' }]);
  });

  it('a rating that reopens writes who had it and who gets it back, and the score in words', () => {
    const r = ok(transition(fixture('resolved'), { type: 'rate', score: 2, comment: '还是漏' }, ACTORS.owner, NOW));
    expect(r.timeline).toStrictEqual({ at: AT, type: 'rate', by: 'res-1', visibility: 'resident', note: '评价2星（未解决）：还是漏（重新办理）', detail: { from: 'w-2', to: 'w-1' } });
    expect(r.next.rating).toStrictEqual({ score: 2, at: AT, comment: '还是漏', outcome: 'unresolved', satisfied: false, reopened: true });
  });

  it('a rating that closes writes the score in words, without a comment when none was given', () => {
    const r = ok(transition(fixture('resolved'), { type: 'rate', score: 4 }, ACTORS.owner, NOW));
    expect(r.timeline).toStrictEqual({ at: AT, type: 'rate', by: 'res-1', visibility: 'resident', note: '评价4星（已解决）' });
    expect(r.next.rating).toStrictEqual({ score: 4, at: AT, outcome: 'resolved', satisfied: true, reopened: false });
    expect(r.effects).toStrictEqual([]);
  });

  it('a rating that reopens a request nobody first answered goes back to its assignee, with the plain message', () => {
    const r = ok(transition({ ...fixture('resolved'), firstResponder: undefined }, { type: 'rate', score: 1 }, ACTORS.owner, NOW));
    expect(r.next).toMatchObject({ status: 'accepted', assignee: 'w-2', reopenCount: 1 });
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-2', message: '居民评价不满意，工单已退回重办' }, { type: 'followup' }]);
    expect(r.timeline.detail).toStrictEqual({ from: 'w-2', to: 'w-2' });
  });

  it('a reopened request goes back to the first responder, even after a transfer', () => {
    const r = ok(transition(fixture('resolved'), EVENTS.reopen, ACTORS.admin, NOW));
    expect(r.next).toMatchObject({ status: 'accepted', assignee: 'w-1', firstResponder: 'w-1', reopenCount: 1, resolvedAt: undefined });
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-1', message: '诉求被退回重办：问题仍存在' }]);
    expect(r.timeline.detail).toStrictEqual({ from: 'w-2', to: 'w-1' });
  });

  it('without a first responder, a reopened request stays with its assignee', () => {
    const r = ok(transition({ ...fixture('resolved'), firstResponder: undefined }, EVENTS.reopen, ACTORS.owner, NOW));
    expect(r.next).toMatchObject({ status: 'accepted', assignee: 'w-2' });
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-2', message: '诉求被退回重办：问题仍存在' }]);
  });

  it('auto-close by the timer says so and marks it unrated', () => {
    const r = ok(transition(fixture('resolved'), { type: 'close' }, ACTORS.system, NOW));
    expect(r.timeline.note).toBe('超时未评价，自动关闭');
    expect(r.next).toMatchObject({ closedAt: AT, unrated: true });
  });

  it('a close by the owner is not "unrated"', () => {
    const r = ok(transition(fixture('resolved'), { type: 'close' }, ACTORS.owner, NOW));
    expect(r.next.unrated).toBeUndefined();
    expect(r.timeline.note).toBe('已关闭');
  });
});

describe('cancel', () => {
  it('while a department is on it: tells the assignee and the department, frees the slot', () => {
    const r = ok(transition(fixture('escalated'), EVENTS.cancel, ACTORS.owner, NOW));
    expect(r.next).toMatchObject({ status: 'cancelled', cancelledAt: AT });
    expect(r.effects).toStrictEqual([
      { type: 'notify', to: 'w-2', message: '诉求已取消' },
      { type: 'notifyDepartment', department: 'gas', message: '诉求已取消，无需继续协办' },
      { type: 'releaseSlot', slotId: 'w-2:2026-10-10T01:00:00.000Z' },
    ]);
  });

  it('before acceptance, a report without a slot just tells the assignee', () => {
    const r = ok(transition({ ...fixture('assigned'), slotId: undefined }, { type: 'cancel' }, ACTORS.owner, NOW));
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-2', message: '诉求已取消' }]);
    expect(r.timeline.note).toBe('已取消');
  });
});

describe('permissions and views', () => {
  it.each([
    ['assigned', 'assignee', ['accept', 'transfer', 'addNote']],
    ['accepted', 'assignee', ['transfer', 'escalate', 'resolve', 'addNote']],
    ['escalated', 'departmentStaff', ['returnFromDepartment', 'addNote']],
    ['resolved', 'owner', ['close', 'reopen', 'rate']],
    ['closed', 'owner', []],
    ['accepted', 'otherWorker', []],
  ] as const)('in %s, %s may %p', (status, actor, events) => {
    expect(allowedEvents(fixture(status), ACTORS[actor])).toStrictEqual(events);
  });

  it.each([
    ['owner', true],
    ['otherResident', false],
    ['assignee', true],
    ['firstResponder', true],
    ['otherWorker', false],
    ['departmentStaff', true],
    ['otherDepartment', false],
    ['admin', true],
  ] as const)('%s can view: %p', (actor, expected) => {
    expect(canView(fixture('accepted'), ACTORS[actor])).toBe(expected);
  });

  it('a worker covering the grid can view it', () => {
    expect(canView(fixture('accepted'), { openid: 'w-9', role: 'worker', grids: ['G1'] })).toBe(true);
    expect(canView(fixture('accepted'), { openid: 'w-9', role: 'worker', grids: ['G2'] })).toBe(false);
  });

  it('a resident who happens to share the assignee id gets no staff rights', () => {
    expect(transition(fixture('assigned'), { type: 'accept' }, { openid: 'w-2', role: 'resident' }, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a resident who happens to share the first responder’s id gets no staff rights', () => {
    const impostor: Actor = { openid: 'w-1', role: 'resident' };
    expect(transition(fixture('accepted'), EVENTS.addNote, impostor, NOW)).toStrictEqual({ ok: false, code: 'FORBIDDEN', reason: 'notAllowed', message: '没有权限进行此操作' });
    expect(canView(fixture('accepted'), impostor)).toBe(false);
    expect(allowedEvents(fixture('accepted'), impostor)).toStrictEqual([]);
  });

  it('a resident with a department recorded is not department staff', () => {
    const impostor: Actor = { openid: 'res-9', role: 'resident', department: 'gas' };
    expect(transition(fixture('escalated'), EVENTS.returnFromDepartment, impostor, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(canView(fixture('escalated'), impostor)).toBe(false);
  });

  it('when neither the request nor the worker has a department, the worker is not department staff', () => {
    const noDepartment = { ...fixture('escalated'), department: undefined };
    expect(transition(noDepartment, EVENTS.returnFromDepartment, ACTORS.otherWorker, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(noDepartment, EVENTS.addNote, ACTORS.otherWorker, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(canView(noDepartment, ACTORS.otherWorker)).toBe(false);
    expect(allowedEvents(noDepartment, ACTORS.otherWorker)).toStrictEqual([]);
  });
});

describe('RequestEventSchema', () => {
  it.each([
    [{ type: 'rate', score: 6 }, false],
    [{ type: 'rate', score: 4.5 }, false],
    [{ type: 'rate', score: 1 }, true],
    [{ type: 'transfer', to: 'w-3', reason: '转岗' }, false],
    [{ type: 'transfer', to: 'w-3', reason: '转岗', pending: '审核' }, true],
    [{ type: 'escalate', department: 'gas', reason: '  ' }, false],
    [{ type: 'addNote', note: 'x'.repeat(501) }, false],
    [{ type: 'launch' }, false],
  ])('%p valid=%p', (event, valid) => {
    expect(RequestEventSchema.safeParse(event).success).toBe(valid);
  });

  it('defaults the handoff’s done field to empty', () => {
    expect(RequestEventSchema.parse({ type: 'transfer', to: 'w-3', reason: '转岗', pending: '审核' })).toStrictEqual({ type: 'transfer', to: 'w-3', reason: '转岗', done: '', pending: '审核' });
  });
});

describe('reschedule (改约)', () => {
  it('moves the visit to the new slot, frees the old one and tells the assignee; the reason is kept', () => {
    const before = fixture('accepted');
    const r = ok(transition(before, EVENTS.reschedule, ACTORS.owner, NOW));
    expect(r.next).toStrictEqual({ ...before, slotId: 'w-2:2026-10-12T01:00:00.000Z', version: 1, timeline: r.next.timeline });
    expect(r.effects).toStrictEqual([
      { type: 'releaseSlot', slotId: 'w-2:2026-10-10T01:00:00.000Z' },
      { type: 'notify', to: 'w-2', message: '上门预约已改期：临时有事' },
    ]);
    expect(residentTimeline(r.next.timeline).at(-1)).toStrictEqual({ at: AT, type: 'reschedule', by: 'res-1', note: '预约已改期：临时有事' });
    expect(r.timeline).toStrictEqual({
      at: AT,
      type: 'reschedule',
      by: 'res-1',
      visibility: 'resident',
      note: '预约已改期：临时有事',
      detail: { from: 'w-2:2026-10-10T01:00:00.000Z', to: 'w-2:2026-10-12T01:00:00.000Z', start: '2026-10-12T01:00:00.000Z' },
    });
  });

  it('refuses a request without a slot, and the same slot again', () => {
    expect(transition({ ...fixture('assigned'), slotId: undefined }, EVENTS.reschedule, ACTORS.owner, NOW)).toStrictEqual({ ok: false, code: 'CONFLICT', reason: 'noSlot', message: '该诉求没有预约时段，不能改约' });
    expect(transition(fixture('assigned'), { ...EVENTS.reschedule, slotId: fixture('assigned').slotId! } as RequestEvent, ACTORS.owner, NOW)).toStrictEqual({ ok: false, code: 'CONFLICT', reason: 'sameSlot', message: '新时段与原时段相同' });
  });
  it('names the old and new times when the caller gives them, and needs no reason', () => {
    const r = ok(transition(fixture('assigned'), { type: 'reschedule', slotId: 'w-2:2026-10-12T06:00:00.000Z', start: '2026-10-12T06:00:00.000Z', change: '10月10日 09:00 → 10月12日 14:00' }, ACTORS.owner, NOW));
    expect(r.next.timeline.at(-1)?.note).toBe('预约已改期：10月10日 09:00 → 10月12日 14:00');
    const withReason = ok(transition(fixture('assigned'), { ...EVENTS.reschedule, change: '10月10日 09:00 → 10月12日 09:00' } as RequestEvent, ACTORS.owner, NOW));
    expect(withReason.next.timeline.at(-1)?.note).toBe('预约已改期：10月10日 09:00 → 10月12日 09:00（临时有事）');
  });
});

describe('createRequest first responder', () => {
  const base = { id: 'r4', kind: 'report' as const, owner: 'res-1', description: '井盖缺失', category: 'shizheng', assignee: 'w-1', dueAt: '2026-10-12T16:00:00.000Z' };
  it('starts with no photos when none were given, and keeps those given', () => {
    expect(createRequest(base, NOW).photos).toStrictEqual([]);
    expect(createRequest({ ...base, photos: ['f-1'] }, NOW).photos).toStrictEqual(['f-1']);
  });
  it('records the routing as staff detail of the create entry', () => {
    const r = createRequest({ ...base, route: { reasonCode: 'gridWorker', steps: [{ step: 'locate' }] } }, NOW);
    expect(r.timeline).toStrictEqual([{ at: AT, type: 'create', by: 'res-1', visibility: 'resident', note: '诉求已提交', detail: { routeCode: 'gridWorker', steps: [{ step: 'locate' }] } }]);
  });
  it('is the routed worker when routing reached one', () => {
    expect(createRequest({ ...base, firstResponder: 'w-1' }, NOW).firstResponder).toBe('w-1');
  });
  it('is the desk worker filing for the resident, whoever routing reached', () => {
    expect(createRequest({ ...base, firstResponder: 'w-1', filedBy: 'desk-1' }, NOW).firstResponder).toBe('desk-1');
  });
  it('stays unset with manual dispatch, and the first accept sets it', () => {
    const r = createRequest({ ...base, assignee: 'adm' }, NOW);
    expect(r.firstResponder).toBeUndefined();
    const t = ok(transition(r, { type: 'transfer', to: 'w-3', reason: '人工派单', done: '', pending: '上门查看' }, ACTORS.admin, NOW)).next;
    expect(t.firstResponder).toBeUndefined();
    expect(ok(transition(t, { type: 'accept' }, { openid: 'w-3', role: 'worker' }, NOW)).next.firstResponder).toBe('w-3');
  });
});

describe('the machine against the schemas', () => {
  it('names every event of RequestEventSchema exactly once, in RULES', () => {
    const inSchema = RequestEventSchema.def.options.map((o) => o.shape.type.def.values[0]);
    expect([...EVENT_TYPES].sort()).toStrictEqual([...inSchema].sort());
  });

  it('walks exactly the fields of RequestSchema when it diffs a transition', () => {
    expect([...REQUEST_FIELDS].sort()).toStrictEqual(Object.keys(RequestSchema.shape).sort());
  });
});

describe('who is told (nobody is told of their own act)', () => {
  const own = () => createRequest({ id: 'r5', kind: 'report', owner: 'w-1', description: '楼道灯坏了', category: 'shizheng', assignee: 'w-1', dueAt: '2026-10-12T16:00:00.000Z' }, NOW);
  const worker: Actor = { openid: 'w-1', role: 'worker' };

  it('a worker accepting and resolving their own report gets no message', () => {
    const a = ok(transition(own(), { type: 'accept' }, worker, NOW));
    expect(a.effects).toStrictEqual([]);
    const r = ok(transition(a.next, EVENTS.resolve, worker, NOW));
    expect(r.effects).toStrictEqual([]);
  });

  it('an admin cancelling what was dispatched to them, or taking back a department’s answer, is not told', () => {
    const manual = { ...fixture('escalated'), assignee: 'adm' };
    expect(ok(transition(manual, EVENTS.cancel, ACTORS.admin, NOW)).effects).toStrictEqual([
      { type: 'notifyDepartment', department: 'gas', message: '诉求已取消，无需继续协办' },
      { type: 'releaseSlot', slotId: 'w-2:2026-10-10T01:00:00.000Z' },
    ]);
    expect(ok(transition(manual, EVENTS.returnFromDepartment, ACTORS.admin, NOW)).effects).toStrictEqual([]);
  });

  it('an admin who first answered a request and reopens it is not told', () => {
    const r = ok(transition({ ...fixture('resolved'), firstResponder: 'adm' }, EVENTS.reopen, ACTORS.admin, NOW));
    expect(r.next.assignee).toBe('adm');
    expect(r.effects).toStrictEqual([]);
  });

  it('cancelling an escalated request with no department recorded tells no department', () => {
    const r = ok(transition({ ...fixture('escalated'), department: undefined, slotId: undefined }, EVENTS.cancel, ACTORS.owner, NOW));
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'w-2', message: '诉求已取消' }]);
  });
});

describe('close', () => {
  it('by the timer after an earlier rating is not "unrated"', () => {
    const rated = { ...fixture('resolved'), rating: { score: 2, at: AT, outcome: 'unresolved' as const, satisfied: false, reopened: true } };
    const r = ok(transition(rated, { type: 'close' }, ACTORS.system, NOW));
    expect(r.next.unrated).toBeUndefined();
    expect(r.timeline.note).toBe('已关闭');
  });

  it('keeps the note given', () => {
    const r = ok(transition(fixture('resolved'), { type: 'close', note: '电话回访确认已解决' }, ACTORS.admin, NOW));
    expect(r.timeline).toStrictEqual({ at: AT, type: 'close', by: 'adm', visibility: 'resident', note: '电话回访确认已解决' });
  });
});

describe('residentTimeline', () => {
  it('keeps resident entries only, without detail, and adds no note where there was none', () => {
    expect(
      residentTimeline([
        { at: AT, type: 'create', by: 'res-1', visibility: 'resident' },
        { at: AT, type: 'addNote', by: 'w-1', visibility: 'internal', note: '内部备注' },
        { at: AT, type: 'transfer', by: 'w-1', visibility: 'resident', note: '已转交', detail: { reason: '转岗' } },
      ]),
    ).toStrictEqual([
      { at: AT, type: 'create', by: 'res-1' },
      { at: AT, type: 'transfer', by: 'w-1', note: '已转交' },
    ]);
  });
});

describe('what each transition writes and whom it tells', () => {
  it('accept: a resident entry and a message to the resident', () => {
    const r = ok(transition(fixture('assigned'), EVENTS.accept, ACTORS.assignee, NOW));
    expect(r.timeline).toStrictEqual({ at: AT, type: 'accept', by: 'w-2', visibility: 'resident', note: '工作人员已接单' });
    expect(r.effects).toStrictEqual([{ type: 'notify', to: 'res-1', message: '您的诉求已受理，正在办理' }]);
  });

  it('returnFromDepartment: the department and its answer, for the resident to see', () => {
    const r = ok(transition(fixture('escalated'), EVENTS.returnFromDepartment, ACTORS.departmentStaff, NOW));
    expect(r.timeline).toStrictEqual({ at: AT, type: 'returnFromDepartment', by: 'd-1', visibility: 'resident', note: '相关部门已答复，继续办理', detail: { department: 'gas', answer: '已更换阀门' } });
  });

  it('cancel and reopen: resident entries with the reason', () => {
    expect(ok(transition(fixture('accepted'), EVENTS.cancel, ACTORS.owner, NOW)).timeline).toStrictEqual({ at: AT, type: 'cancel', by: 'res-1', visibility: 'resident', note: '已自行解决' });
    expect(ok(transition(fixture('resolved'), EVENTS.reopen, ACTORS.owner, NOW)).timeline).toStrictEqual({ at: AT, type: 'reopen', by: 'res-1', visibility: 'resident', note: '问题仍存在', detail: { from: 'w-2', to: 'w-1' } });
  });

  it('only workers see a request through the grids they cover', () => {
    expect(canView(fixture('accepted'), { openid: 'x', role: 'resident', grids: ['G1'] })).toBe(false);
    expect(canView(fixture('accepted'), { openid: 'x', role: 'worker' })).toBe(false);
  });
});
