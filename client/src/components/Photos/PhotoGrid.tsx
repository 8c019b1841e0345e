import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { callFunction } from '../../api/call';
import { previewPhotos } from '../../lib/dialog';
import PhotoThumb from './PhotoThumb';
import './index.scss';

/**
 * On weapp a `cloud://` photo is readable directly only by its uploader (the storage rule), so
 * staff ask `requests.photos` for short-lived links after the server's access check. H5 fetches
 * each photo itself (PhotoThumb), so it needs no links.
 */
function usePhotoLinks(requestId: string, photos: string[]): Record<string, string> {
  const [links, setLinks] = useState<Record<string, string>>({});
  const key = photos.join(',');
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !photos.length) return undefined;
    let live = true;
    callFunction('requests', 'photos', { id: requestId }).then(
      ({ photos: linked }) => live && setLinks(Object.fromEntries(linked.map((p) => [p.fileId, p.url]))),
      // Without links the file id itself is tried: it still works for the resident who took the photo.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [requestId, key]);
  return links;
}

/**
 * Photos of a request, read-only; a tap opens them full size (lib/dialog's previewPhotos, swiping through the
 * request's photos that are shown). Whoever sees the request sees its photos, so whoever sees a
 * thumbnail may open it.
 */
export default function PhotoGrid({ requestId, photos }: { requestId: string; photos: string[] }) {
  const links = usePhotoLinks(requestId, photos);
  // The src each thumbnail shows (a link, the file id, or an H5 copy), by file id.
  const shown = useRef<Record<string, string>>({});
  if (!photos.length) return null;
  const open = (fileId: string, src: string) => {
    shown.current[fileId] = src;
    const urls = photos.map((id) => shown.current[id]).filter((u): u is string => !!u);
    previewPhotos(urls.length ? urls : [src], src);
  };
  return (
    <View className='photos photos--view'>
      {photos.map((id) => (
        <PhotoThumb key={id} fileId={id} preview={links[id]} onOpen={(src) => open(id, src)} onShown={(src) => (shown.current[id] = src)} />
      ))}
    </View>
  );
}
