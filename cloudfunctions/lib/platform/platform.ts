/**
 * What differs between the local server and CloudBase beyond the store: how a QR code for a
 * scene is produced. Local: a plain QR of the H5 link. CloudBase: a mini-program code
 * (wxacode.getUnlimited through cloud openapi).
 */
export interface Platform {
  readonly name: 'local' | 'cloudbase';
  /** PNG bytes of a code that opens `page` with `scene`; `link` is the H5 fallback URL. */
  sceneCode(args: { scene: string; page: string; link: string }): Promise<Buffer>;
  /** Public base URL of the H5 client, for links printed on posters. */
  readonly publicUrl: string;
}
