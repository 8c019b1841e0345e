import { Image, View } from '@tarojs/components';
import { imageAlt } from '../../lib/a11y';
import { useEffect, useState, type PropsWithChildren } from 'react';
import { directSrc, loadPhotoH5 } from '../../api/upload';
import Tap from '../Tap';
import './index.scss';

/** The src to show: the local preview, the file id itself, or (h5 local uploads) a fetched copy. */
function usePhotoSrc(fileId: string, preview?: string): { src: string; failed: boolean } {
  const direct = preview ?? (directSrc(fileId) ? fileId : '');
  const [fetched, setFetched] = useState<{ src: string; failed: boolean }>({ src: '', failed: false });
  useEffect(() => {
    if (direct) return undefined;
    let url = '';
    let live = true;
    loadPhotoH5(fileId).then(
      (u) => {
        url = u;
        if (live) setFetched({ src: u, failed: false });
        else URL.revokeObjectURL(u);
      },
      () => live && setFetched({ src: '', failed: true }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [fileId, direct]);
  return direct ? { src: direct, failed: false } : fetched;
}

/**
 * One photo; a plain tile while loading or when it cannot be shown. A local preview that no longer
 * loads (a temp file gone after a restart) gives way to the uploaded file itself.
 */
/** H5: the photo opens from a real button (Tab, Enter) — an image cannot take focus. weapp keeps the image's own tap. */
function Openable({ onOpen, children }: PropsWithChildren<{ onOpen?: () => void }>) {
  if (process.env.TARO_ENV !== 'h5' || !onOpen) return <>{children}</>;
  return (
    <Tap className='photos__open' label='查看大图' onClick={onOpen}>
      {children}
    </Tap>
  );
}

export default function PhotoThumb({ fileId, preview, onRemove, onOpen, onShown }: { fileId: string; preview?: string; onRemove?: () => void; onOpen?: (src: string) => void; onShown?: (src: string) => void }) {
  // Keyed by value: a link that arrives later (staff photo links on weapp) gets its own chance.
  const [gonePreview, setGonePreview] = useState<string>();
  const [brokenSrc, setBrokenSrc] = useState('');
  const usable = preview && preview !== gonePreview ? preview : undefined;
  const { src, failed } = usePhotoSrc(fileId, usable);
  const broken = !!src && src === brokenSrc;
  useEffect(() => {
    if (src && !broken && !failed) onShown?.(src);
  }, [src, broken, failed, onShown]);
  return (
    <View className='photos__item' data-file={fileId}>
      {broken || failed || !src ? (
        <View className='photos__placeholder'>{failed || broken ? '图片' : '加载中'}</View>
      ) : (
        <Openable onOpen={onOpen ? () => onOpen(src) : undefined}>
          <Image
            className='photos__img'
            src={src}
            mode='aspectFill'
            {...imageAlt(onOpen ? '照片，点按查看大图' : '照片')}
            onError={() => (usable ? setGonePreview(usable) : setBrokenSrc(src))}
            onClick={onOpen && process.env.TARO_ENV !== 'h5' ? () => onOpen(src) : undefined}
          />
        </Openable>
      )}
      {onRemove ? (
        <Tap className='photos__remove' label='删除这张照片' onClick={onRemove}>
          ×
        </Tap>
      ) : null}
    </View>
  );
}
