import { View } from '@tarojs/components';
import PhotoThumb from './PhotoThumb';
import './index.scss';

/** Photos of a request, read-only. */
export default function PhotoGrid({ photos }: { photos: string[] }) {
  if (!photos.length) return null;
  return (
    <View className='photos photos--view'>
      {photos.map((id) => (
        <PhotoThumb key={id} fileId={id} />
      ))}
    </View>
  );
}
