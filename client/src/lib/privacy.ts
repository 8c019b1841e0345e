import Taro from '@tarojs/taro';

/**
 * WeChat's privacy authorization (2023 rules): the first call of a declared privacy API (location,
 * photos/camera, clipboard) raises `wx.onNeedPrivacyAuthorization`; we show our own consent sheet
 * (components/PrivacySheet, in every PageShell) and answer WeChat with the person's choice. The
 * APIs themselves must also be declared in the 用户隐私保护指引 (deploy/privacy.json, checked by
 * tests/deploy/privacy.test.ts).
 */
export const PRIVACY_EVENT = 'qgt:privacy';
export const PRIVACY_AGREE_BUTTON = 'privacy-agree';

type Resolve = (answer: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
let pending: Resolve | null = null;

/** Registered once at launch (weapp only; elsewhere there is nothing to authorize). */
export function installPrivacyHandler(): void {
  const wxApi = (globalThis as { wx?: { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve, info?: { referrer?: string }) => void) => void } }).wx;
  if (process.env.TARO_ENV !== 'weapp' || typeof wxApi?.onNeedPrivacyAuthorization !== 'function') return;
  wxApi.onNeedPrivacyAuthorization((resolve, info) => {
    pending?.({ event: 'disagree' }); // an earlier request nobody answered
    pending = resolve;
    resolve({ event: 'exposureAuthorization' }); // tells WeChat our sheet is showing
    Taro.eventCenter.trigger(PRIVACY_EVENT, info?.referrer ?? '');
  });
}

/** Whether a consent request is waiting for the person. */
export const privacyPending = (): boolean => pending !== null;

/** After the agree button (open-type agreePrivacyAuthorization) reported the tap. */
export function agreePrivacy(): void {
  pending?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON });
  pending = null;
}

export function declinePrivacy(): void {
  pending?.({ event: 'disagree' });
  pending = null;
}

/** What we ask for and why, by the API WeChat names in the request. */
export const PRIVACY_PURPOSES = [
  { item: '位置信息', why: '随手拍和预约时确定您所在的网格，派给负责的网格员' },
  { item: '照片或视频（相册、摄像头）', why: '随手拍时拍摄或选择现场照片' },
  { item: '剪切板', why: '复制办事地址、电话或链接' },
  { item: '手机号（您填写的）', why: '预约上门时工作人员联系您' },
];
