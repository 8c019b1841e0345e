import { MAX_OPEN_VISITS } from '../../cloudfunctions/lib/requests/config';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';
import { pngStripped } from '../fixtures/images';
import { C2_POINT, C2_RESIDENT, C2_WORKER, C2_WORKER_PHONE, ROLES, type RoleName, type World } from './world';

/**
 * Objects for the matrix to aim at, made through the API by the people who would make them, and
 * the secrets they carry: a unique token put into each one's text, with the roles that may see it.
 * Any 200 reply that carries a token to a role outside its set is a leak.
 */

export interface Secret {
  token: string;
  what: string;
  visibleTo: ReadonlySet<RoleName>;
  /** In a 随手拍's description: the Open311 feed publishes those (numbers masked) by design. */
  published?: true;
}

/** Who sees resident A's report in G1: A, G1's worker (its assignee) and C1's admin. */
export const SEES_A_REPORT: RoleName[] = ['residentA', 'gridWorker', 'admin'];
/** Resident A's mobile, written into A's reports. */
export const A_PHONE = '13912345678';
const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');

export class Fixtures {
  readonly secrets: Secret[] = [];
  private n = 0;
  private slots: string[] = [];
  /** Requests made here, by the role that owns them. */
  private readonly owners = new Map<string, RoleName>();

  constructor(private readonly w: World) {}

  /** A new token (the trailing Z keeps `SA1Z` from matching inside `SA12Z`). */
  secret(what: string, visibleTo: readonly RoleName[], prefix = 'S', published?: true): string {
    const token = `${prefix}${++this.n}Z`;
    this.secrets.push({ token, what, visibleTo: new Set(visibleTo), ...(published && { published }) });
    return token;
  }

  ownerOf = (id: string): RoleName | undefined => this.owners.get(id);

  private async create(owner: RoleName | string, data: object): Promise<string> {
    const { id } = await this.w.ok(owner, 'requests', 'create', data);
    if ((ROLES as readonly string[]).includes(owner)) this.owners.set(id, owner as RoleName);
    return id;
  }

  /**
   * Resident A's 随手拍 in G1 (assigned to demo-worker-1), with A's phone number in it: whole only
   * for A, the assignee and admins (masked for anyone else who may see it). `alsoSeenBy`: roles a
   * later step lets in.
   */
  reportOfA(alsoSeenBy: readonly RoleName[] = [], category = 'shizheng'): Promise<string> {
    const token = this.secret("resident A's report", [...SEES_A_REPORT, ...alsoSeenBy], 'SA', true);
    return this.create('residentA', { kind: 'report', category, description: `${token} 问题反映，电话${A_PHONE}`, location: DEMO_POINTS.G1 });
  }

  /** A report anyone signed in may come to see (by following it). */
  followableReportOfA = () => this.reportOfA(SIGNED_IN);

  async acceptedOfA(alsoSeenBy: readonly RoleName[] = []): Promise<string> {
    const id = await this.reportOfA(alsoSeenBy);
    await this.w.ok('gridWorker', 'work', 'accept', { id });
    return id;
  }

  /** Called in to 燃气 (吹哨报到): its staff now see it. */
  async escalatedOfA(): Promise<string> {
    const id = await this.acceptedOfA(['departmentStaff']);
    await this.w.ok('gridWorker', 'work', 'escalate', { id, department: 'ranqi', reason: '疑似燃气泄漏' });
    return id;
  }

  async resolvedOfA(): Promise<string> {
    const id = await this.acceptedOfA();
    await this.w.ok('gridWorker', 'work', 'resolve', { id, note: '已修复' });
    return id;
  }

  /** A 1-star rating reopened it: the 回访 task of C1 (`<id>-1`). */
  async followupOfA(): Promise<string> {
    const id = await this.resolvedOfA();
    const comment = this.secret("resident A's rating comment", SEES_A_REPORT, 'RC');
    await this.w.ok('residentA', 'requests', 'rate', { id, score: 1, comment });
    return `${id}-1`;
  }

  /** A free doorstep-visit slot of demo-worker-1 (G1), never handed out twice. */
  async freeSlot(): Promise<string> {
    if (!this.slots.length) {
      const { slots } = await this.w.ok(null, 'booking', 'slots', { location: DEMO_POINTS.G1, from: '2026-10-12', to: '2026-10-30' });
      this.slots = slots.map((s: { slotId: string }) => s.slotId);
    }
    const slot = this.slots.shift();
    if (!slot) throw new Error('out of visit slots');
    return slot;
  }

  /** Visits made for probes, oldest first: a resident may hold only a few open at once (MAX_OPEN_VISITS). */
  private visitsOfA: string[] = [];

  async visitOfA(): Promise<string> {
    const token = this.secret("resident A's doorstep visit", SEES_A_REPORT, 'VA');
    // Make room under the cap: the admin withdraws the oldest (a probe may have cancelled it already).
    while (this.visitsOfA.length >= MAX_OPEN_VISITS - 1) await this.w.call('admin', 'booking', 'cancel', { id: this.visitsOfA.shift(), reason: '腾出预约名额' });
    const id = await this.create('residentA', { kind: 'visit', matterCode: 'dibao', description: `${token} 上门帮办`, location: DEMO_POINTS.G1, buildingCode: 'G1-1', contactPhone: '13900000000', slotId: await this.freeSlot() });
    this.visitsOfA.push(id);
    return id;
  }

  /** A photo resident A uploaded and attached to a report. */
  async photoOfA(): Promise<{ fileId: string; id: string }> {
    const up = await this.w.server.postBytes('/api/upload', pngStripped(), this.w.headers('residentA'));
    if (up.status !== 200) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
    const fileId: string = up.body.data.fileId;
    const token = this.secret("resident A's photo report", SEES_A_REPORT, 'PA', true);
    return { fileId, id: await this.create('residentA', { kind: 'report', category: 'shizheng', description: `${token} 井盖缺失`, location: DEMO_POINTS.G1, photos: [fileId] }) };
  }

  /** Resident B's report in G2 (demo-worker-2; B角 demo-worker-3). */
  async reportOfB(): Promise<string> {
    const token = this.secret("resident B's report", ['residentB', 'otherGridWorker', 'admin'], 'SB', true);
    return this.create('residentB', { kind: 'report', category: 'huanjing', description: `${token} 垃圾未清运`, location: DEMO_POINTS.G2 });
  }

  /** A resident's report in C2's grid: only C2's admin (of the matrix roles) may see it. */
  async reportOfC2(): Promise<string> {
    const token = this.secret('a C2 report', ['otherAdmin'], 'SC', true);
    return this.create(C2_RESIDENT, { kind: 'report', category: 'shizheng', description: `${token} 路灯不亮`, location: C2_POINT });
  }

  /** A 窗口 handoff by demo-worker-1: the resident's name is on the 一次性告知单 (C1 staff), the note only on the request. */
  async noticeOfC1(): Promise<{ noticeId: string; requestId: string }> {
    const name = this.secret('walk-in resident name', ['gridWorker', 'otherGridWorker', 'admin'], 'NM');
    const note = this.secret('walk-in note', ['gridWorker', 'admin'], 'NT');
    const r = await this.w.ok('gridWorker', 'desk', 'walkin', { matterCode: 'dibao', outcome: 'handoff', resident: { name }, missing: ['最低生活保障申请书'], note });
    return { noticeId: r.noticeId, requestId: r.requestId };
  }

  /** A grid visit and a 包保 household of demo-worker-1 (C1). */
  async visitsOfC1(): Promise<string> {
    const household = this.secret('C1 key household', ['gridWorker', 'admin'], 'HH');
    const found = this.secret('C1 grid visit', ['gridWorker', 'admin'], 'GV');
    await this.w.ok('admin', 'visits', 'households.upsert', { code: household, name: '甲户', phone: '13911110001', tags: ['独居老人'], worker: 'demo-worker-1', frequencyDays: 7 });
    await this.w.ok('gridWorker', 'visits', 'log', { household, found });
    return household;
  }

  /** The same in C2 (c2-worker). */
  async visitsOfC2(): Promise<string> {
    const household = this.secret('C2 key household', ['otherAdmin'], 'HH');
    const found = this.secret('C2 grid visit', ['otherAdmin'], 'GV');
    await this.w.ok('otherAdmin', 'visits', 'households.upsert', { code: household, name: '乙户', phone: '13922220002', tags: ['低保'], worker: C2_WORKER, frequencyDays: 14 });
    await this.w.ok(C2_WORKER, 'visits', 'log', { household, found });
    return household;
  }

  /** Phone numbers: A's (in A's reports); staff's: C1's reach C1 staff (workers.list, the 告知单's contact), C2's only C2's admin. */
  registerPhones(): void {
    this.secrets.push({ token: A_PHONE, what: "resident A's phone", visibleTo: new Set(SEES_A_REPORT) });
    this.secrets.push({ token: '13800000001', what: "demo-worker-1's phone", visibleTo: new Set(['gridWorker', 'otherGridWorker', 'admin']) });
    this.secrets.push({ token: C2_WORKER_PHONE, what: "c2-worker's phone", visibleTo: new Set(['otherAdmin']) });
  }

  /** A new admin of C1, appointed by the 街道 admin. */
  async freshC1Admin(): Promise<string> {
    const openid = `c1-admin-${++this.n}`;
    await this.w.ok('demo-street-admin', 'admin', 'roles.set', { openid, role: 'admin', communities: ['demo-community'], name: '新主任' });
    return openid;
  }

  /** The tokens in `text` that `role` may not see (`published`: what the Open311 feed may carry aside). */
  leaksIn(text: string, role: RoleName, { published = false } = {}): Secret[] {
    return this.secrets.filter((s) => !s.visibleTo.has(role) && !(published && s.published) && text.includes(s.token));
  }
}
