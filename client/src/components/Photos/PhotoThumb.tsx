import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import { photoSrc } from '../../api/upload';
import './index.scss';

/** One photo: the local preview if there is one, else the stored file; a tile if it cannot load. */
export default function PhotoThumb({ fileId, preview, onRemove }: { fileId: string; preview?: string; onRemove?: () => void }) {
  const [broken, setBroken] = useState(false);
  return (
    <View className='photos__item' data-file={fileId}>
      {broken ? (
        <View className='photos__placeholder'>图片</View>
      ) : (
        <Image className='photos__img' src={preview ?? photoSrc(fileId)} mode='aspectFill' onError={() => setBroken(true)} />
      )}
      {onRemove ? (
        <View className='photos__remove' onClick={onRemove}>
          ×
        </View>
      ) : null}
    </View>
  );
}
