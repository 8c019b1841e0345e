import Taro from '@tarojs/taro';
import { readJson, unwrap } from './call';
import { initCloud } from './cloud';
import { ApiError } from './errors';
import { identityHeaders } from './session';
import { transportFailure, UPLOAD_TIMEOUT_MS, withAbortTimeout, withTimeout } from './transport';
import { loadMe } from '../lib/account';

/**
 * Photo upload, one file at a time, returning the file id that requests carry in `photos`.
 * weapp: compressed with wx.compressImage (which also drops EXIF, e.g. the GPS tag) and stored
 * with wx.cloud.uploadFile under `reports/<openid>/` (the server accepts only photos from the
 * caller's own folder; the openid comes from account.me). h5: re-encoded through a canvas (same effect), then
 * `POST /api/upload` with the raw bytes, signed in through the demo identity.
 */

export interface PickedPhoto {
  /** weapp temp path, or an h5 blob: URL. */
  path: string;
  /** h5 only: the chosen file. */
  file?: Blob;
}

const MAX_SIDE = 1600;
const UPLOAD_FAILED = '图片上传失败，请检查网络后重试';
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/** `reports/<openid>/<timestamp>-<rand>.jpg`: random names in the caller's own folder. */
export function photoCloudPath(openid: string, now = Date.now()): string {
  return `reports/${openid}/${now}-${Math.random().toString(36).slice(2, 10)}.jpg`;
}

export async function uploadPhoto(photo: PickedPhoto): Promise<string> {
  return process.env.TARO_ENV === 'weapp' ? uploadWeapp(photo.path) : uploadH5(photo);
}

async function uploadWeapp(path: string): Promise<string> {
  if (!initCloud()) throw new ApiError('INTERNAL', '当前微信版本不支持云开发，请升级微信后重试');
  const { openid } = await loadMe();
  if (!openid) throw new ApiError('UNAUTHENTICATED', '请先登录再上传图片');
  let filePath = path;
  try {
    filePath = (await Taro.compressImage({ src: path, quality: 70 })).tempFilePath;
  } catch {
    // Old base libraries: upload as chosen (already "compressed" by chooseMedia's sizeType).
  }
  let res: { fileID?: string };
  try {
    res = await withTimeout(Taro.cloud.uploadFile({ cloudPath: photoCloudPath(openid), filePath }), UPLOAD_TIMEOUT_MS);
  } catch (e) {
    throw await transportFailure(e, UPLOAD_FAILED);
  }
  if (!res.fileID) throw new ApiError('INTERNAL', '图片上传失败，请稍后再试');
  return res.fileID;
}

async function uploadH5(photo: PickedPhoto): Promise<string> {
  let blob: Blob;
  try {
    blob = photo.file ?? (await (await fetch(photo.path)).blob());
  } catch {
    throw new ApiError('BAD_REQUEST', '读取图片失败，请重新选择');
  }
  blob = await reencode(blob);
  if (!ACCEPTED.includes(blob.type)) throw new ApiError('BAD_REQUEST', '仅支持 JPG、PNG、WebP 格式的图片');
  const headers: Record<string, string> = { 'content-type': blob.type, ...identityHeaders() };
  let body: unknown;
  try {
    body = await withAbortTimeout(async (signal) => {
      const res = await fetch(`${process.env.TARO_APP_API_BASE}/api/upload`, { method: 'POST', headers, body: blob, signal });
      return readJson(res, signal, () => new ApiError('INTERNAL', `图片上传失败（${res.status}），请稍后再试`));
    }, UPLOAD_TIMEOUT_MS);
  } catch (e) {
    throw await transportFailure(e, UPLOAD_FAILED);
  }
  const data = unwrap(body) as { fileId?: unknown };
  if (typeof data?.fileId !== 'string') throw new ApiError('INTERNAL', '图片上传失败，请稍后再试');
  return data.fileId;
}

/** Scales a photo down to MAX_SIDE and re-encodes it as JPEG (no EXIF); the original on failure. */
async function reencode(blob: Blob): Promise<Blob> {
  if (typeof document === 'undefined' || !/^image\//.test(blob.type)) return blob;
  const url = URL.createObjectURL(blob);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image();
      el.onload = () => resolve(el);
      el.onerror = reject;
      el.src = url;
    });
    const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return blob;
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    return out ?? blob;
  } catch {
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Camera or album, up to `count` images. Rejects with `cancel` when the resident backs out. */
export async function choosePhotos(count: number): Promise<PickedPhoto[]> {
  const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
  return (res.tempFiles ?? []).map((f) => {
    const file = (f as { originalFileObj?: Blob }).originalFileObj;
    return file ? { path: f.tempFilePath, file } : { path: f.tempFilePath };
  });
}

/** Whether a stored photo id can be an image src as it is (cloud:// on weapp, URLs). */
export function directSrc(fileId: string): boolean {
  return process.env.TARO_ENV === 'weapp' || /^(https?:|blob:|data:|\/)/.test(fileId);
}

/**
 * h5: a local upload is served by `GET /api/files/<id>` to those who may see it, which needs the
 * caller's identity header — so it is fetched and shown from an object URL (revoke it when done).
 */
export async function loadPhotoH5(fileId: string): Promise<string> {
  const headers = identityHeaders();
  const blob = await withAbortTimeout(async (signal) => {
    const res = await fetch(`${process.env.TARO_APP_API_BASE}/api/files/${encodeURIComponent(fileId)}`, { headers, signal });
    if (!res.ok) throw new Error(`photo ${res.status}`);
    return res.blob();
  }, UPLOAD_TIMEOUT_MS);
  return URL.createObjectURL(blob);
}

/**
 * A large input handed to a function through cloud storage (weapp): CloudBase refuses a call
 * whose payload passes 100 KB, so the JSON is written to a temporary file, uploaded under the
 * caller's folder, and the function is given its fileID. Null where inputs go inline (h5, small).
 */
export async function uploadLargeInput(kind: string, value: unknown, inlineLimit: number): Promise<string | null> {
  const text = JSON.stringify(value);
  if (process.env.TARO_ENV !== 'weapp' || text.length * 3 <= inlineLimit) return null; // UTF-8: at most 3 bytes a character
  if (!initCloud()) throw new ApiError('INTERNAL', '当前微信版本不支持云开发，请升级微信后重试');
  const { openid } = await loadMe();
  if (!openid) throw new ApiError('UNAUTHENTICATED', '请先登录');
  const filePath = `${Taro.env.USER_DATA_PATH}/${kind}-${Date.now()}.json`;
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  } catch {
    throw new ApiError('INTERNAL', '写入临时文件失败，请稍后再试');
  }
  let res: { fileID?: string };
  try {
    res = await withTimeout(Taro.cloud.uploadFile({ cloudPath: `${kind}/${openid}/${Date.now()}.json`, filePath }), UPLOAD_TIMEOUT_MS);
  } catch (e) {
    throw await transportFailure(e, '上传失败，请检查网络后重试');
  }
  if (!res.fileID) throw new ApiError('INTERNAL', '上传失败，请稍后再试');
  return res.fileID;
}
