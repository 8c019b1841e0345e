import { View } from '@tarojs/components';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { choosePhotos, uploadPhoto } from '../../api/upload';
import type { DraftPhoto } from '../../lib/draft';
import PhotoThumb from './PhotoThumb';
import Tap from '../Tap';
import './index.scss';

interface Props {
  photos: DraftPhoto[];
  onAdd: (photo: DraftPhoto) => void;
  onRemove: (fileId: string) => void;
  /** Tells the form an upload is running (submit waits for it). */
  onBusy?: (busy: boolean) => void;
  max?: number;
  disabled?: boolean;
}

/**
 * Take or pick photos (camera or album, at most `max` in all); each is uploaded right away so the
 * draft keeps only file ids. A failed upload says so and keeps the ones that made it.
 */
export default function PhotoPicker({ photos, onAdd, onRemove, onBusy, max = 9, disabled }: Props) {
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const room = max - photos.length;

  const add = async () => {
    if (busy || disabled || room <= 0) return;
    let picked;
    try {
      picked = await choosePhotos(room);
    } catch {
      return; // cancelled
    }
    if (!picked.length) return;
    setBusy(true);
    onBusy?.(true);
    let failed = 0;
    let lastError = '';
    for (let i = 0; i < picked.length; i++) {
      setStatus({ text: `正在上传第 ${i + 1}/${picked.length} 张…` });
      try {
        const fileId = await uploadPhoto(picked[i]);
        onAdd({ fileId, preview: picked[i].path });
      } catch (e) {
        failed++;
        lastError = errorMessage(e);
      }
    }
    setBusy(false);
    onBusy?.(false);
    setStatus(failed ? { text: `${failed} 张图片上传失败：${lastError}`, error: true } : null);
  };

  return (
    <View className='photos photos--edit'>
      {photos.map((p) => (
        <PhotoThumb key={p.fileId} fileId={p.fileId} preview={p.preview} onRemove={disabled ? undefined : () => onRemove(p.fileId)} />
      ))}
      {room > 0 && !disabled ? (
        <Tap className={busy ? 'photos__add btn--disabled' : 'photos__add'} onClick={() => void add()}>
          <View className='photos__add-icon'>＋</View>
          <View>{busy ? '上传中' : `拍照/相册`}</View>
        </Tap>
      ) : null}
      <View className={status?.error ? 'photos__status photos__status--error' : 'photos__status'}>
        {status?.text ?? `最多 ${max} 张，已选 ${photos.length} 张`}
      </View>
    </View>
  );
}
