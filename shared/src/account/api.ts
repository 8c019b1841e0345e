import * as z from 'zod/mini';
import type { Role } from '../roles';
import { WEB_LOGIN_SESSION } from './weblogin';
import { INVITE_CODE, type InviteOffer } from './invite';

export * from './weblogin';
export * from './invite';

/** A 扫码登录 session id, at the boundary. */
export const WebLoginSession = z.string().check(z.regex(WEB_LOGIN_SESSION, '登录会话编号格式不正确'));

/** An invitation code as typed or scanned (spaces and case forgiven). */
export const InviteCode = z.string().check(z.trim(), z.toUpperCase(), z.regex(INVITE_CODE, '邀请码应为8位字母或数字'));

export const AccountInput = {
  me: z.object({}),
  /** 注销账号: the caller's own data; `confirm` must be literally true so it is never sent by accident. */
  delete: z.object({ confirm: z.literal(true) }),
  /** Self-hosted production: a `wx.login` code, exchanged with WeChat (jscode2session) for a session token. */
  login: z.object({ code: z.string().check(z.trim(), z.minLength(1, '缺少登录凭证 code'), z.maxLength(128)) }),
  /** 退出: ends the session the call carries (its bearer token); nothing to do without one. */
  logout: z.object({}),
  /** 扫码登录, on the PC: a new pending sign-in; `device` describes the browser to the person confirming. */
  'webLogin.start': z.object({
    device: z.optional(z.string().check(z.trim(), z.maxLength(120))),
    /** Also return the QR itself (`image`, a PNG data URL) and the link it carries. */
    qr: z.optional(z.boolean()),
  }),
  /** 扫码登录, on the phone: what is asking (the browser's description), before confirming. */
  'webLogin.get': z.object({ session: WebLoginSession }),
  /** 扫码登录, on the phone: a signed-in staff member lets the PC in as themselves (once, within 5 minutes). */
  'webLogin.confirm': z.object({ session: WebLoginSession }),
  /** 扫码登录, on the PC: pending until confirmed; the token is handed over once. */
  'webLogin.poll': z.object({ session: WebLoginSession }),
  /**
   * What the person accepted in wx.requestSubscribeMessage (template ids whose answer was
   * 'accept'): one more one-time grant for each. Unknown ids are ignored.
   */
  subscribed: z.object({ accepted: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(10)) }),
  /** 邀请加入: what an invitation offers (role, communities, who invited), before accepting. */
  'invite.get': z.object({ code: InviteCode }),
  /** 邀请加入: the signed-in caller takes the invitation's role in its communities (once). */
  'invite.accept': z.object({ code: InviteCode }),
  /** The caller's messages (pushed or held for want of a grant), newest first. */
  messages: z.object({}),
  /** The caller opened their message list: the badge starts again from zero. */
  'messages.read': z.object({}),
} as const;

export const WEB_LOGIN_STATUSES = ['pending', 'confirmed', 'expired'] as const;
export type WebLoginStatus = (typeof WEB_LOGIN_STATUSES)[number];
/** Where a call came from, for the audit trail: the mini-program or the web console at a PC. */
export type Via = 'phone' | 'pc';

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
    /** Department staff (燃气公司…) get their department's page, not the grid workbench. */
    department?: { code: string; name: string };
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
  login: { token: string; expiresAt: string };
  logout: { revoked: boolean };
  'webLogin.start': { session: string; scene: string; expiresAt: string; link?: string; image?: string };
  'webLogin.get': { status: WebLoginStatus; device: string | null; expiresAt: string };
  'webLogin.confirm': { status: 'confirmed' };
  /** `token`/`expiresAt` (of the PC session) only on the first poll after the confirmation. */
  /** `ticket`: on CloudBase, the custom-login ticket the console signs in with (@cloudbase/js-sdk). */
  'webLogin.poll': { status: WebLoginStatus; token?: string; expiresAt?: string; ticket?: string };
  'invite.get': InviteOffer;
  'invite.accept': { role: Role; communityNames: string[] };
}

