import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { AppError } from '@qgt/shared/errors';
import type { Store } from '../store/port';
import { REQUESTS, type RequestDoc } from '../requests/store';
import type { ImageMime } from './sniff';
import { stripMetadata } from './strip-metadata';
import { USERS } from '../runtime/caller';

/**
 * Photos attached to requests (随手拍). On CloudBase the client uploads straight to cloud storage
 * and the file id is `cloud://…` (see ownsCloudFile). Locally, `POST /api/upload` stores them:
 * metadata in the `files` collection, bytes (metadata-stripped) under `DATA_DIR/files/<fileId>`.
 */
export const FILES = 'files';
/** Largest photo accepted, in bytes (10 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Photos per request — enforced by `requests.create` (FileId array ≤ 9); one file per upload. */
export const MAX_FILES_PER_REQUEST = 9;
export const TOO_LARGE_MESSAGE = '图片不能超过 10 MB';

export interface FileDoc {
  _id: string;
  /** OPENID of the uploader. */
  owner: string;
  mime: ImageMime;
  bytes: number;
  /** Of the stored (stripped) bytes. */
  sha256: string;
  createdAt: string;
}

/** Local file ids: `f_` + 21 URL-safe characters. Also a valid FileId and a safe file name. */
export const LOCAL_FILE_ID = /^f_[A-Za-z0-9_-]{21}$/;
export const newFileId = () => `f_${nanoid(21)}`;

export const files = (store: Store) => store.collection<FileDoc>(FILES);

/** Where the bytes live: one file per id in a directory (DATA_DIR/files locally). */
export interface BlobDir {
  readonly dir: string;
}

export function blobDir(dataDir: string): BlobDir {
  return { dir: path.join(dataDir, 'files') };
}

function blobPath(blobs: BlobDir, fileId: string): string {
  // The pattern has no dots or slashes, so the path cannot leave the directory.
  if (!LOCAL_FILE_ID.test(fileId)) throw new AppError('NOT_FOUND', '找不到图片', { field: 'fileId' });
  return path.join(blobs.dir, fileId);
}

/**
 * Checks the upload is a JPEG/PNG/WebP of at most 10 MB, strips its metadata, writes the bytes
 * (to a temporary name, then renamed, so a reader never sees half a file) and records it.
 */
export async function saveUpload(store: Store, blobs: BlobDir, args: { owner: string; body: Buffer; now: Date }): Promise<FileDoc> {
  if (args.body.length === 0) throw new AppError('BAD_REQUEST', '请选择要上传的图片', { field: 'file' });
  if (args.body.length > MAX_FILE_BYTES) throw new AppError('BAD_REQUEST', TOO_LARGE_MESSAGE, { field: 'file', reason: 'fileTooLarge' });
  const { mime, bytes } = stripMetadata(args.body);
  const doc: FileDoc = {
    _id: newFileId(),
    owner: args.owner,
    mime,
    bytes: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    createdAt: args.now.toISOString(),
  };
  const target = blobPath(blobs, doc._id);
  await fs.promises.mkdir(blobs.dir, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, bytes, { mode: 0o600 });
  await fs.promises.rename(tmp, target);
  try {
    await files(store).insert(doc);
  } catch (e) {
    await fs.promises.rm(target, { force: true });
    throw e;
  }
  return doc;
}

/** Removes the bytes of local uploads (ids of other kinds, e.g. `cloud://`, are not ours to remove here). */
export async function deleteBlobs(blobs: BlobDir, fileIds: string[]): Promise<void> {
  for (const id of fileIds) if (LOCAL_FILE_ID.test(id)) await fs.promises.rm(blobPath(blobs, id), { force: true });
}

/** The stored file's metadata and path; NOT_FOUND when either is missing. */
export async function locateFile(store: Store, blobs: BlobDir, fileId: string): Promise<{ doc: FileDoc; file: string; size: number }> {
  const file = blobPath(blobs, fileId);
  const doc = await files(store).get(fileId);
  const stat = doc ? await fs.promises.stat(file).catch(() => null) : null;
  if (!doc || !stat?.isFile()) throw new AppError('NOT_FOUND', '找不到图片', { field: 'fileId' });
  return { doc, file, size: stat.size };
}

type PhotoRequest = Pick<RequestDoc, '_id' | 'owner' | 'assignee' | 'firstResponder' | 'community'>;

/**
 * Who may see a request's photos: its resident (owner), assignee and first responder, and the
 * admins of its community. Followers (我也遇到), grid colleagues and departments do not.
 */
export function maySeePhotos(request: PhotoRequest, viewer: { openid: string; role: string | null; communities?: readonly string[] }): boolean {
  if (request.owner === viewer.openid || request.assignee === viewer.openid || request.firstResponder === viewer.openid) return true;
  return viewer.role === 'admin' && request.community !== undefined && (viewer.communities ?? []).includes(request.community);
}

/** Who may see a photo: its uploader, and whoever may see the photos of a request it is attached to. */
export async function canReadFile(store: Store, doc: Pick<FileDoc, '_id' | 'owner'>, openid: string): Promise<boolean> {
  if (doc.owner === openid) return true;
  const attached = await store.collection<PhotoRequest & { photos?: string[] }>(REQUESTS).find({ photos: doc._id }, { limit: 50 });
  if (attached.some((r) => maySeePhotos(r, { openid, role: null }))) return true;
  if (attached.length === 0) return false;
  const user = await store.collection(USERS).get(openid);
  return !!user && attached.some((r) => maySeePhotos(r, { openid, role: user.role, communities: user.communities }));
}

// ---- CloudBase ----

/**
 * Cloud storage path convention for report photos: `reports/<openid>/<name>.<jpg|jpeg|png|webp>`,
 * uploaded by the weapp with `wx.cloud.uploadFile({cloudPath})`; the file id is
 * `cloud://<env>.<bucket>/reports/<openid>/<name>.<ext>`.
 */
const CLOUD_REPORT_FILE = /^cloud:\/\/[A-Za-z0-9.-]+\/reports\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_-]{1,64}\.(?:jpe?g|png|webp)$/;

export function cloudReportPath(openid: string, name: string, ext: 'jpg' | 'png' | 'webp'): string {
  return `reports/${openid}/${name}.${ext}`;
}

/**
 * Whether a `cloud://` file id is a report photo in the caller's own folder. With the storage
 * rule "仅创建者及管理员可读写" nobody can overwrite another user's file, and file names are random,
 * so a caller can only name files they uploaded into their folder: attaching someone else's
 * photo (to read it through a request) is refused.
 */
export function ownsCloudFile(fileId: string, openid: string): boolean {
  const m = CLOUD_REPORT_FILE.exec(fileId);
  return m !== null && m[1] === openid;
}

/**
 * For `requests.create`: whether the caller may attach this file id — a `cloud://` id in their
 * folder, or a local upload of theirs.
 */
export async function ownsFile(store: Store, fileId: string, openid: string): Promise<boolean> {
  if (fileId.startsWith('cloud://')) return ownsCloudFile(fileId, openid);
  if (!LOCAL_FILE_ID.test(fileId)) return false;
  return (await files(store).get(fileId))?.owner === openid;
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    files: FileDoc;
  }
}
