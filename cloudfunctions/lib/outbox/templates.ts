import { DUE_LEVEL_PHRASES, STATUS_PHRASES as REQUEST_STATUS_PHRASES } from '@qgt/shared/vocabulary/requests';
import { fullDateTime } from './messages';
import type { OutboxEntry, Template } from './outbox';

/**
 * WeChat subscribe-message templates as configuration: for each of our templates, the environment
 * variable holding its id (ids differ per mini-program) and the template's own field keys, each
 * with its WeChat type and what fills it. The keys are the ones of the library template chosen in
 * the MP console (订阅消息 → 公共模板库); when a different template is chosen, change its `fields`
 * here: tests/unit/outbox/templates.test.ts checks every message we send against these, and the
 * fake CloudBase refuses a key the template lacks (47003) as WeChat does.
 */

/** WeChat's value types for template fields (subscribeMessage.send). */
export type FieldType = 'thing' | 'phrase' | 'time' | 'date' | 'character_string' | 'number' | 'letter' | 'symbol' | 'name' | 'phone_number';

/** What fills a field: parts of the outbox entry's data. */
export type FieldSource = 'title' | 'message' | 'at' | 'status' | 'ref';

export interface TemplateSpec {
  /** Environment variable with the template id. */
  env: string;
  /** What the template is in the console's library, for whoever configures it. */
  library: string;
  fields: Readonly<Record<string, { type: FieldType; from: FieldSource }>>;
  /**
   * Messages a person must not miss. When a person's grants for a template run short (one left),
   * only these are pushed; the others go to the in-app message list (see grants.ts).
   */
  important: boolean;
}

export const SUBSCRIBE_TEMPLATES: Readonly<Record<Template, TemplateSpec>> = {
  requestUpdate: {
    env: 'TEMPLATE_REQUEST_UPDATE',
    library: '工单进度通知',
    fields: { thing1: { type: 'thing', from: 'title' }, phrase2: { type: 'phrase', from: 'status' }, thing3: { type: 'thing', from: 'message' }, time4: { type: 'time', from: 'at' } },
    important: false,
  },
  taskNotice: {
    env: 'TEMPLATE_TASK_NOTICE',
    library: '新工单提醒',
    fields: { thing1: { type: 'thing', from: 'title' }, thing2: { type: 'thing', from: 'message' }, time3: { type: 'time', from: 'at' } },
    important: true,
  },
  dueAlert: {
    env: 'TEMPLATE_DUE_ALERT',
    library: '工单超时提醒',
    fields: { thing1: { type: 'thing', from: 'title' }, phrase2: { type: 'phrase', from: 'status' }, thing3: { type: 'thing', from: 'message' }, time4: { type: 'time', from: 'at' } },
    important: true,
  },
  visitReminder: {
    env: 'TEMPLATE_VISIT_REMINDER',
    library: '预约上门提醒',
    fields: { thing1: { type: 'thing', from: 'title' }, thing2: { type: 'thing', from: 'message' }, character_string3: { type: 'character_string', from: 'ref' } },
    important: true,
  },
  rateReminder: {
    env: 'TEMPLATE_RATE_REMINDER',
    library: '服务评价提醒',
    fields: { thing1: { type: 'thing', from: 'title' }, thing2: { type: 'thing', from: 'message' }, time3: { type: 'time', from: 'at' } },
    important: true,
  },
};

/**
 * WeChat's rules per type (subscribeMessage.send docs): a value outside them is 47003. Lengths
 * count characters; an empty value is refused too.
 */
export const FIELD_RULES: Readonly<Record<FieldType, { max: number; pattern: RegExp }>> = {
  thing: { max: 20, pattern: /^[\p{Script=Han}\p{L}\p{N}\p{P}\p{S} ]+$/u },
  phrase: { max: 5, pattern: /^\p{Script=Han}+$/u },
  time: { max: 20, pattern: /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}$/ },
  date: { max: 20, pattern: /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/ },
  character_string: { max: 32, pattern: /^[A-Za-z0-9!-/:-@[-`{-~]+$/ },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/ },
  letter: { max: 32, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5, pattern: /^[!-/:-@[-`{-~]+$/ },
  name: { max: 10, pattern: /^\p{Script=Han}+$/u },
  phone_number: { max: 17, pattern: /^[\d+\- ()]+$/ },
};

/** Why a value breaks its type's rules, or null when WeChat takes it. */
export function fieldError(type: FieldType, value: string): string | null {
  const rule = FIELD_RULES[type];
  const length = [...value].length;
  if (!length) return 'empty';
  if (length > rule.max) return `longer than ${rule.max}`;
  if (!rule.pattern.test(value) || (type === 'thing' && [...value].some(outsideBmp))) return `not a valid ${type}`;
  return null;
}

const chars = (s: string) => [...s];
const clip = (s: string, n: number) => (chars(s).length > n ? `${chars(s).slice(0, n - 1).join('')}…` : s);
/** Emoji, control and private-use characters: thing fields refuse them. */
const unprintable = /[\p{Extended_Pictographic}\p{Cc}\p{Cf}\p{Co}\uFE0F]/gu;
/**
 * Characters beyond the BMP that WeChat refuses in text fields: the whole supplementary multilingual
 * plane (emoji, game tiles, and the few Han marks there such as U+16FE2), and beyond it all but 汉字
 * (the CJK extensions from U+20000 are kept).
 */
const outsideBmp = (c: string) => {
  const cp = c.codePointAt(0)!;
  return cp > 0xffff && (cp <= 0x1ffff || !/\p{Script=Han}/u.test(c));
};

/** A value for a field of `type`, fitted to WeChat's rules (clipped, stripped); the fallback when nothing is left. */
export function fitValue(type: FieldType, value: string, fallback: string): string {
  let v = value;
  if (type === 'thing') v = clip(chars(v.replace(unprintable, '')).filter((c) => !outsideBmp(c)).join('').replace(/\s+/g, ' ').trim(), FIELD_RULES.thing.max);
  else if (type === 'phrase' || type === 'name') v = chars(v.replace(/[^\p{Script=Han}]/gu, '')).slice(0, FIELD_RULES[type].max).join('');
  else if (type === 'character_string') v = v.replace(/[^A-Za-z0-9!-/:-@[-`{-~]/g, '').slice(-FIELD_RULES.character_string.max);
  return fieldError(type, v) ? fallback : v;
}

/** Status words for phrase fields (≤ 5 汉字): a request's status, a deadline alert's level. */
export const STATUS_PHRASES: Readonly<Record<string, string>> = { ...REQUEST_STATUS_PHRASES, ...DUE_LEVEL_PHRASES };

/** The status word of a message without one of its own (phrase fields). */
const STATUS_FALLBACK: Record<Template, string> = { requestUpdate: '有新进展', taskNotice: '新工单', dueAlert: '即将超期', visitReminder: '待上门', rateReminder: '待评价' };

/** The template's `data` for an entry: exactly the template's keys, each value within its type's rules. */
export function templateData(entry: Pick<OutboxEntry, 'template' | 'data'>): Record<string, { value: string }> {
  const spec = SUBSCRIBE_TEMPLATES[entry.template];
  const sources: Record<FieldSource, string> = {
    title: entry.data.title,
    message: entry.data.message,
    at: fullDateTime(entry.data.at),
    status: STATUS_PHRASES[entry.data.status ?? entry.data.level ?? ''] ?? STATUS_FALLBACK[entry.template],
    ref: entry.data.requestId,
  };
  const fallback: Record<FieldType, string> = { thing: '全岗通通知', phrase: STATUS_FALLBACK[entry.template], time: '00:00', date: '2026年1月1日', character_string: '-', number: '0', letter: 'A', symbol: '-', name: '居民', phone_number: '0' };
  return Object.fromEntries(Object.entries(spec.fields).map(([key, f]) => [key, { value: fitValue(f.type, sources[f.from], fallback[f.type]) }]));
}

/** Template ids configured in this environment, by our template name. */
export function templateIds(env: NodeJS.ProcessEnv = process.env): Partial<Record<Template, string>> {
  return Object.fromEntries(Object.entries(SUBSCRIBE_TEMPLATES).flatMap(([name, spec]) => (env[spec.env] ? [[name, env[spec.env]!]] : []))) as Partial<Record<Template, string>>;
}
