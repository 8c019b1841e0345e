import * as z from 'zod/mini';
import type { Role } from '../roles';

/** The `account` function: who the platform says is calling, and their role from the store. */
export const AccountInput = {
  me: z.object({}),
  /** 注销账号: the caller's own data; `confirm` must be literally true so it is never sent by accident. */
  delete: z.object({ confirm: z.literal(true) }),
  /**
   * What the person accepted in wx.requestSubscribeMessage (template ids whose answer was
   * 'accept'): one more one-time grant for each. Unknown ids are ignored.
   */
  subscribed: z.object({ accepted: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(10)) }),
  /** The caller's messages (pushed or held for want of a grant), newest first. */
  messages: z.object({}),
  /** The caller opened their message list: the badge starts again from zero. */
  'messages.read': z.object({}),
} as const;

/** Our subscribe-message templates by name (the server maps them to WeChat's ids). */
export type SubscribeTemplate = 'requestUpdate' | 'taskNotice' | 'dueAlert' | 'visitReminder' | 'rateReminder';

export interface AccountMessage {
  id: string;
  template: SubscribeTemplate;
  requestId: string;
  title: string;
  message: string;
  at: string;
  /** Delivered as a WeChat message; false when held in the app for want of a grant. */
  pushed: boolean;
  unread: boolean;
}

export interface AccountOutput {
  me: {
    openid: string | null;
    role: Role | null;
    name: string | null;
    /** Template ids configured here, to ask for at the taps (wx.requestSubscribeMessage); empty locally. */
    subscribeTemplates?: Partial<Record<SubscribeTemplate, string>>;
    /** Messages since the caller last opened the list (the badge). */
    unread?: number;
  };
  subscribed: { grants: Partial<Record<SubscribeTemplate, number>> };
  messages: { items: AccountMessage[]; unread: number };
  'messages.read': { unread: 0 };
  /**
   * 注销账号: open requests withdrawn; handling records kept without the person (see
   * domain/erasure.ts); photos, follows, messages and the account deleted.
   */
  delete: {
    cancelled: number;
    anonymized: { requests: number; followups: number; walkins: number };
    deleted: { account: boolean; photos: number; follows: number; messages: number };
  };
}
