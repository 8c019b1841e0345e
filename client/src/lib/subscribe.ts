import Taro from '@tarojs/taro';
import type { SubscribeTemplate } from '@qgt/shared/account/api';
import { callFunction } from '../api/call';
import { loadMe, peekMe } from './account';

/**
 * WeChat subscription messages (weapp only). Each template a person accepts allows ONE message,
 * so we ask at the taps where a message will follow: residents on submit and on booking, staff on
 * 签收 and when they open their inbox. WeChat requires the call inside the tap, so the template ids
 * must already be here: they come from `account.me` (the server's configuration), loaded when the
 * app starts; a build may also carry them (TARO_APP_TMPL_*). What was accepted is reported to
 * `account.subscribed`, which counts the grants; a message without one waits in the app's
 * message list (components/Messages) with a badge.
 */
export type Topic = 'status' | 'visit' | 'staff';

/** The templates each tap asks for, most needed first (WeChat shows at most three). */
const TOPIC_TEMPLATES: Record<Topic, SubscribeTemplate[]> = {
  status: ['requestUpdate', 'rateReminder'],
  visit: ['visitReminder', 'requestUpdate', 'rateReminder'],
  staff: ['taskNotice', 'dueAlert'],
};

const BUILD_IDS: Partial<Record<SubscribeTemplate, string | undefined>> = {
  requestUpdate: process.env.TARO_APP_TMPL_REQUEST_UPDATE,
  visitReminder: process.env.TARO_APP_TMPL_VISIT_REMINDER,
};

export function templateIdsFor(topic: Topic, configured: Partial<Record<SubscribeTemplate, string>> | undefined): string[] {
  const ids = TOPIC_TEMPLATES[topic].map((t) => configured?.[t] || BUILD_IDS[t]);
  return [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))].slice(0, 3);
}

export async function askSubscribe(topic: Topic): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const me = peekMe();
  if (!me) void loadMe().catch(() => undefined); // ready for the next tap
  const tmplIds = templateIdsFor(topic, me?.subscribeTemplates);
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return;
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    const accepted = tmplIds.filter((id) => answer[id] === 'accept');
    if (accepted.length && me?.openid) await callFunction('account', 'subscribed', { accepted });
  } catch {
    // Declined, unsupported or offline: the messages still reach the app's message list.
  }
}
