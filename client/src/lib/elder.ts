import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { readStorage, writeStorage } from './storage';

/** 长辈模式: large type and high contrast, remembered on the device, shared by all pages. */
const ELDER_KEY = 'qgt.elder';
const ELDER_EVENT = 'qgt:elder';

/** WeChat's own 字体大小 (px; 17 is the standard size, 关怀模式 and larger steps are above it). */
const STANDARD_FONT_PX = 17;

/** weapp: the person set WeChat's font larger than standard; elder mode then starts on. */
export function prefersLargeText(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const size = (Taro.getSystemInfoSync() as { fontSizeSetting?: number }).fontSizeSetting;
    return typeof size === 'number' && size > STANDARD_FONT_PX;
  } catch {
    return false;
  }
}

/** The person's own choice wins; without one, follow WeChat's font size. */
export function isElderMode(): boolean {
  const chosen = readStorage<boolean>(ELDER_KEY);
  return typeof chosen === 'boolean' ? chosen : prefersLargeText();
}

/** H5: toasts and modals live outside the page, so the root carries the mode for them. */
function markRoot(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('elder-root', on);
}

export function setElderMode(on: boolean): void {
  writeStorage(ELDER_KEY, on);
  markRoot(on);
  Taro.eventCenter.trigger(ELDER_EVENT, on);
}

export function useElderMode(): [boolean, (on: boolean) => void] {
  const [elder, setElder] = useState(isElderMode);
  useEffect(() => markRoot(elder), [elder]);
  useEffect(() => {
    const onChange = (on: boolean) => setElder(on);
    Taro.eventCenter.on(ELDER_EVENT, onChange);
    return () => {
      Taro.eventCenter.off(ELDER_EVENT, onChange);
    };
  }, []);
  // A page below the one where it was toggled catches up when it shows again.
  useDidShow(() => setElder(isElderMode()));
  return [elder, setElderMode];
}
