import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { readStorage, writeStorage } from './storage';

/** 长辈模式: large type and high contrast, remembered on the device, shared by all pages. */
const ELDER_KEY = 'qgt.elder';
const ELDER_EVENT = 'qgt:elder';

export function isElderMode(): boolean {
  return readStorage<boolean>(ELDER_KEY) === true;
}

export function setElderMode(on: boolean): void {
  writeStorage(ELDER_KEY, on);
  Taro.eventCenter.trigger(ELDER_EVENT, on);
}

export function useElderMode(): [boolean, (on: boolean) => void] {
  const [elder, setElder] = useState(isElderMode);
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
