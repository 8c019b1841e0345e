import Taro from '@tarojs/taro';

/**
 * Confirmations and the photo viewer, one call for both targets. weapp keeps WeChat's own modal
 * and image viewer (the screen reader knows them); H5 shows our Dialog (components/Dialog), which
 * takes focus and gives it back — Taro's H5 versions are unnamed divs a keyboard cannot reach.
 */
export interface ConfirmOptions {
  title: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
  /** false: a notice with one button. */
  showCancel?: boolean;
  /** A destructive confirmation (注销): the confirm button is red. */
  warn?: boolean;
}

export type DialogRequest =
  | { kind: 'confirm'; options: ConfirmOptions; resolve: (confirmed: boolean) => void }
  | { kind: 'photos'; urls: string[]; current: number; resolve: () => void };

/** Each page's DialogHost listens; the one on the page showing claims the request. */
export const DIALOG_EVENT = 'qgt:dialog';
const WARN_COLOR = '#c4161c';

/** Asks the showing page's host; false when no host took it (then the caller falls back). */
function toHost(request: DialogRequest): boolean {
  const claim = { taken: false };
  Taro.eventCenter.trigger(DIALOG_EVENT, request, claim);
  return claim.taken;
}

/** Resolves true when the person confirms. */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') {
    let answer: ((confirmed: boolean) => void) | undefined;
    const answered = new Promise<boolean>((resolve) => (answer = resolve));
    if (toHost({ kind: 'confirm', options, resolve: answer! })) return answered;
  }
  return Taro.showModal({
    title: options.title,
    content: options.content ?? '',
    showCancel: options.showCancel ?? true,
    ...(options.confirmText ? { confirmText: options.confirmText } : {}),
    ...(options.cancelText ? { cancelText: options.cancelText } : {}),
    ...(options.warn ? { confirmColor: WARN_COLOR } : {}),
  }).then((r) => r.confirm);
}

/** Opens `urls` full size at `current` (a url of the list). */
export function previewPhotos(urls: string[], current: string): void {
  if (process.env.TARO_ENV === 'h5' && toHost({ kind: 'photos', urls, current: Math.max(0, urls.indexOf(current)), resolve: () => undefined })) return;
  void Taro.previewImage({ current, urls }).catch(() => undefined);
}
