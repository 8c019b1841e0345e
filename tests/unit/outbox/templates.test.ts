import fc from 'fast-check';
import tcb from '@cloudbase/node-sdk';
import { SUBSCRIBE_TEMPLATES, STATUS_PHRASES, fieldError, templateData } from '../../../cloudfunctions/lib/outbox/templates';
import { messageFor, subscribeMessageSender } from '../../../cloudfunctions/lib/outbox/cloudbase-sender';
import { TEMPLATES, enqueueClaimed, outbox, sendClaimed, type OutboxEntry, type Template } from '../../../cloudfunctions/lib/outbox/outbox';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import { NOTICES } from '../../../shared/src/domain/deadlines';
import { CLOUD_CALL_TOKEN, startFakeCloudbase, WECHAT_FIELD_RULES, type FakeCloudbase } from '../../fakes/cloudbase-server';

/**
 * Template ids and keys are configuration (lib/outbox/templates): every message we can send must
 * fill exactly the template's keys, each value within WeChat's rules for its type — checked both
 * by our own rules and by the fake's, written independently from WeChat's docs. A wrong key is
 * 47003 and must be found here, not in production.
 */
const T0 = '2026-10-09T00:00:00.000Z';
const base = (template: Template, data: Partial<OutboxEntry['data']> = {}): OutboxEntry => ({
  _id: `R1:${template}`,
  to: 'o-1',
  template,
  data: { requestId: 'RB6HK2RECHX8C', title: '随手拍·市政设施', message: '您的诉求已受理，正在办理', at: T0, ...data },
  notBefore: T0,
  status: 'sending',
  attempts: 1,
  createdAt: T0,
});

function expectWeChatTakes(template: Template, data: Record<string, { value: string }>) {
  const fields = SUBSCRIBE_TEMPLATES[template].fields;
  expect(Object.keys(data).sort()).toEqual(Object.keys(fields).sort());
  for (const [key, { type }] of Object.entries(fields)) {
    const { value } = data[key];
    expect({ key, value, error: fieldError(type, value) }).toEqual({ key, value, error: null });
    expect({ key, value, wechat: WECHAT_FIELD_RULES[type]!(value) }).toEqual({ key, value, wechat: true });
  }
}

describe('subscribe templates as configuration', () => {
  it('configures every template we send, each with keys named <type><n> of a WeChat type', () => {
    expect(Object.keys(SUBSCRIBE_TEMPLATES).sort()).toEqual([...TEMPLATES].sort());
    for (const spec of Object.values(SUBSCRIBE_TEMPLATES)) {
      expect(spec.env).toMatch(/^TEMPLATE_[A-Z_]+$/);
      for (const [key, f] of Object.entries(spec.fields)) {
        expect(key).toMatch(new RegExp(`^${f.type}\\d+$`));
        expect(Object.keys(WECHAT_FIELD_RULES)).toContain(f.type);
      }
    }
  });

  it.each([...TEMPLATES])('%s: the messages we write fill exactly its keys within the limits', (template) => {
    // What our code writes (requestState, deadlines, followups, slots, creation notices), at its longest.
    const messages = [
      '您的诉求已受理，正在办理',
      '您的诉求已办结，请评价',
      '您关注的诉求已办结',
      `收到转交工单：${'居民反映楼道里的灯坏了很久了'.repeat(10)}`,
      `吹哨报到：${'需要城管和物业一起到场处理'.repeat(8)}`,
      `待人工派单：${'东苑小区3栋2单元门口的路灯不亮'.repeat(4)}`,
      '回访任务：居民评价1星，请电话回访',
      '明天（10月12日 09:30）工作人员将上门服务，请留意',
      ...Object.values(NOTICES).map((n) => n.message),
    ];
    for (const message of messages)
      for (const status of [undefined, ...Object.keys(STATUS_PHRASES)])
        expectWeChatTakes(template, templateData(base(template, { message, title: '随手拍·市政设施·东苑小区3栋2单元门口路灯不亮', ...(status && { status, level: status }) })));
  });

  it('fits a Han mark of the supplementary plane (U+16FE2), which WeChat refuses, and keeps a CJK extension 汉字', () => {
    // Found by the property below (seed -687949925): the mark is Script=Han but outside what a thing field takes.
    for (const template of TEMPLATES) expectWeChatTakes(template, templateData(base(template, { title: '\u{16FE2}', message: '', at: '2020-01-01T00:00:00.000Z' })));
    const data = templateData(base('requestUpdate', { title: '\u{20000}路灯', message: '', at: '2020-01-01T00:00:00.000Z' }));
    expect(Object.values(data).some((f) => f.value.includes('\u{20000}'))).toBe(true);
  });

  it('fits any title and message (emoji, line breaks, control characters, long text) into every template', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), (template, title, message, at) => {
        expectWeChatTakes(template, templateData(base(template, { title, message, at: at.toISOString() })));
      }),
      { numRuns: 300 },
    );
  });

  it('says why a value breaks its type', () => {
    expect(fieldError('thing', '一'.repeat(21))).toBe('longer than 20');
    expect(fieldError('phrase', '已办结待评价')).toBe('longer than 5');
    expect(fieldError('phrase', 'ok')).toBe('not a valid phrase');
    expect(fieldError('time', '2026-10-09 08:00')).toBe('not a valid time');
    expect(fieldError('thing', '')).toBe('empty');
  });
});

describe('subscribeMessage.send against the strict fake', () => {
  const previous = process.env.TENCENTCLOUD;
  let fake: FakeCloudbase;
  let app: ReturnType<typeof tcb.init>;
  const env = { TEMPLATE_TASK_NOTICE: 'tmpl-task', TEMPLATE_REQUEST_UPDATE: 'tmpl-update' };
  const silent = { info() {}, warn() {}, error() {} };

  beforeAll(async () => {
    process.env.TENCENTCLOUD = 'true';
    Object.assign(process.env, CLOUD_CALL_TOKEN);
    fake = await startFakeCloudbase();
    app = tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` });
  });
  afterAll(async () => {
    await fake.close();
    for (const k of Object.keys(CLOUD_CALL_TOKEN)) delete process.env[k];
    if (previous === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = previous;
  });

  it('is accepted when the console’s template has our keys, once per grant', async () => {
    fake.subscribe.templates.set('tmpl-task', { thing1: 'thing', thing2: 'thing', time3: 'time' });
    fake.subscribe.grant('o-1', 'tmpl-task');
    const sender = subscribeMessageSender(env, app);
    await sender.send(base('taskNotice'));
    expect(fake.subscribe.sent).toEqual([messageFor(base('taskNotice'), env)]);
    await expect(sender.send(base('taskNotice'))).rejects.toMatchObject({ errcode: 43101 });
  });

  it('a template whose keys differ from the configuration is 47003: the entry fails for good, never retried', async () => {
    // Someone picked another library template in the console (keys thing1, thing4, date2).
    fake.subscribe.templates.set('tmpl-update', { thing1: 'thing', thing4: 'thing', date2: 'date' });
    fake.subscribe.grant('o-1', 'tmpl-update');
    const store = openEmbeddedStore(null);
    const [claimed] = await enqueueClaimed(store, [{ _id: 'R1:v2:o-1', to: 'o-1', template: 'requestUpdate', data: base('requestUpdate').data }], new Date(T0));
    expect(await sendClaimed(store, subscribeMessageSender(env, app), claimed, new Date(T0), silent)).toBe(false);
    expect(await outbox(store).get('R1:v2:o-1')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('47003') });
  });
});
