import { useEffect, useState } from 'react';

/** The console's PC width: at ≥ 1024 px the list pages show tables instead of phone cards. */
export const WIDE_QUERY = '(min-width: 1024px)';

/** True on an H5 screen at PC width (kept up to date on resize); always false in the mini-program. */
export function useWideScreen(): boolean {
  const media = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(WIDE_QUERY) : undefined;
  const [wide, setWide] = useState(() => media?.matches ?? false);
  useEffect(() => {
    if (!media) return undefined;
    const onChange = () => setWide(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [media?.media]);
  return wide;
}
