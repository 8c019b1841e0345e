import Taro from '@tarojs/taro';

/** Taro storage with failures swallowed: a full or missing storage never breaks a page. */
export function readStorage<T>(key: string): T | undefined {
  try {
    const v = Taro.getStorageSync(key) as T | '' | undefined | null;
    return v === '' || v === undefined || v === null ? undefined : (v as T);
  } catch {
    return undefined;
  }
}

export function writeStorage(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStorage(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing to do
  }
}

/** Everything this app keeps on the device (after 注销账号): drafts, recent matters, caches. */
export function clearAllStorage(): void {
  try {
    Taro.clearStorageSync();
  } catch {
    // nothing to do
  }
}
