import { AppError } from '@qgt/shared/errors';
import { keywordVerdict } from '@qgt/shared/moderation/keywords';
import { deleteBlobs, LOCAL_FILE_ID, type BlobDir } from '../files/files';
import type { Platform } from './platform';
import { cachedSceneCode } from './qr-cache';
import { drawLinkQr } from './link-qr';
import { jscode2session, type WechatLoginConfig } from './wechat-login';

/**
 * Locally a scene becomes an ordinary QR code of the H5 link (`/?m=<code>`), text is checked by
 * the keyword filter alone, and photos are files under `blobs`.
 */

export function localPlatform(publicUrl: () => string, blobs?: BlobDir, wechat?: WechatLoginConfig): Platform {
  return {
    ...(wechat && { wechatSession: jscode2session(wechat) }),
    name: 'local',
    get publicUrl() {
      return publicUrl();
    },
    sceneCode: cachedSceneCode(drawLinkQr),
    checkText: async ({ text }) => keywordVerdict(text),
    submitImageCheck: async () => null,
    fileUrls: async (fileIds) => fileIds.filter((id) => LOCAL_FILE_ID.test(id)).map((fileId) => ({ fileId, url: `/api/files/${fileId}` })),
    // Locally there is no payload limit: large inputs come inline.
    readFile: async () => {
      throw new AppError('BAD_REQUEST', '本地服务请直接提交内容', { field: 'data.fileId' });
    },
    deleteFiles: async (fileIds) => {
      if (blobs) await deleteBlobs(blobs, fileIds);
    },
  };
}
