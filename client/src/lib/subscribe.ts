import Taro from '@tarojs/taro';

/**
 * WeChat subscription messages (weapp only): asked right after a submit tap, as WeChat requires.
 * Template ids come from the build (TARO_APP_TMPL_*); without them, or anywhere else, nothing is
 * asked and nothing fails.
 */
export type Topic = 'status' | 'visit';

function templates(topic: Topic): string[] {
  const ids = topic === 'visit' ? [process.env.TARO_APP_TMPL_VISIT_REMINDER, process.env.TARO_APP_TMPL_REQUEST_UPDATE] : [process.env.TARO_APP_TMPL_REQUEST_UPDATE];
  return ids.filter((x): x is string => typeof x === 'string' && x.length > 0);
}

export async function askSubscribe(topic: Topic): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const tmplIds = templates(topic);
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option);
  } catch {
    // Declined or unsupported: the request goes ahead; the resident can check 我的诉求.
  }
}
