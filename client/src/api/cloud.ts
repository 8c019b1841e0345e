import Taro from '@tarojs/taro';

let initialised = false;

/** Initialises wx.cloud once (weapp only); a no-op elsewhere or on base libraries without cloud. */
export function initCloud(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  if (initialised) return true;
  if (!Taro.cloud) return false;
  const env = process.env.TARO_APP_CLOUD_ENV;
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  initialised = true;
  return true;
}
