import Taro from '@tarojs/taro';

/**
 * Taro's toast, long enough to read (≥ 3 s, longer for longer text; WeChat's default is 1.5 s) and
 * announced to screen readers on H5 through a polite live region (WeChat reads its own toasts).
 */
export function toastDuration(title: string): number {
  return Math.max(3000, 1500 + title.length * 200);
}

export function showToast(options: { title: string; icon?: 'success' | 'error' | 'loading' | 'none' }) {
  if (process.env.TARO_ENV === 'h5') announce(options.title);
  return Taro.showToast({ ...options, duration: toastDuration(options.title) });
}

/** H5: say `text` through one shared live region (kept outside the pages so it survives routing). */
export function announce(text: string): void {
  if (typeof document === 'undefined') return;
  let region = document.getElementById('qgt-live');
  if (!region) {
    region = document.createElement('div');
    region.id = 'qgt-live';
    region.className = 'sr-only';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.appendChild(region);
  }
  // Cleared first so the same words said twice are announced twice.
  region.textContent = '';
  const target = region;
  setTimeout(() => (target.textContent = text), 50);
}
