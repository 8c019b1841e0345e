import type { ContentVerdict } from '@qgt/shared/moderation/keywords';

/** Where user text appears, which WeChat's msgSecCheck weighs differently. */
export type TextScene = 'report' | 'comment';

/**
 * What differs between the local server and CloudBase beyond the store: QR codes, content
 * security and stored files. Local: a plain QR of the H5 link, a keyword filter, blobs under
 * DATA_DIR. CloudBase: wxacode.getUnlimited and security.msgSecCheck through cloud openapi, and
 * cloud storage.
 */
export interface Platform {
  readonly name: 'local' | 'cloudbase';
  /** PNG bytes of a code that opens `page` with `scene`; `link` is the H5 fallback URL. */
  sceneCode(args: { scene: string; page: string; link: string }): Promise<Buffer>;
  /** Public base URL of the H5 client, for links printed on posters. */
  readonly publicUrl: string;
  /** Content security of text a user wrote: `risky` is refused, `review` accepted and logged. */
  checkText(args: { text: string; openid: string | null; scene: TextScene }): Promise<ContentVerdict>;
  /**
   * Links that show stored photos to a caller the handler has already authorized: CloudBase
   * temporary URLs (the storage rule lets only the uploader read a file directly); locally the
   * `/api/files/<id>` route, which checks again. Ids it cannot link are left out.
   */
  fileUrls(fileIds: string[]): Promise<{ fileId: string; url: string }[]>;
  /** Submits a stored photo to the asynchronous image check; its trace id, or null where there is none. */
  submitImageCheck(args: { fileId: string; openid: string | null }): Promise<string | null>;
  /**
   * The bytes of a file a client uploaded to hand over an input too large for a call (e.g. a
   * catalog's JSON); BAD_REQUEST where there is no such storage or file.
   */
  readFile(fileId: string): Promise<Buffer>;
  /** Deletes stored photos for good (account deletion); ids it does not own are ignored. */
  deleteFiles(fileIds: string[]): Promise<void>;
  /**
   * `wx.login` code → OPENID (null: WeChat refused the code). Only where the platform does not
   * supply the OPENID itself: the self-hosted server; absent on CloudBase.
   */
  wechatSession?(code: string): Promise<string | null>;
  /**
   * A CloudBase custom-login ticket for a staff member signing in on a PC (lib/platform/custom-login);
   * absent locally (the server's own session token serves) and where no key is configured.
   */
  customLoginTicket?(openid: string, now: Date): string | null;
}
