import type tcb from '@cloudbase/node-sdk';
import { AppError } from '@qgt/shared/errors';
import { keywordVerdict, type ContentVerdict } from '@qgt/shared/moderation/keywords';
import type { Logger } from '../runtime/context';
import { isSystemOpenid } from '../runtime/caller';
import { cachedSceneCode } from './qr-cache';
import { customLoginIssuer } from './custom-login';
import type { Platform, TextScene } from './platform';

type App = ReturnType<typeof tcb.init>;

/** WeChat's wxacode.getUnlimited (POST /wxa/getwxacodeunlimit) under its cloud openapi name. */
export const SCENE_CODE_API = 'wxacode.getUnlimited';

/**
 * On CloudBase a scene becomes a mini-program code from wxacode.getUnlimited and user text is
 * checked by security.msgSecCheck, both called through cloud openapi: no appsecret or access_token
 * in our code; the function's config.json must list each API under `permissions.openapi`. This is the call wx-server-sdk's `cloud.openapi.wxacode.getUnlimited`
 * makes: `callCompatibleWxOpenApi` (action `wx.openApi`), the only SDK path that hands back the
 * reply as raw bytes (`callWxOpenApi` JSON-parses it), carrying protobuf messages both ways.
 */
export function cloudbasePlatform(app: App, publicUrl: string, log?: Logger, env: NodeJS.ProcessEnv = process.env): Platform {
  const envVersion = qrEnvVersion(env);
  const ticket = customLoginIssuer(env, log);
  return {
    name: 'cloudbase',
    publicUrl,
    ...(ticket && { customLoginTicket: ticket }),
    sceneCode: cachedSceneCode(async ({ scene, page }) => {
      const { contentType, body } = await callOpenApi(app, SCENE_CODE_API, { scene, page, check_path: false, env_version: envVersion });
      // WeChat answers errors as JSON, sometimes labelled text/plain; a code comes as image/*.
      if (/application\/json|text\/plain/.test(contentType)) throw wxError(SCENE_CODE_API, parseJson(body));
      return body;
    }),
    async checkText({ text, openid, scene }) {
      // The keyword filter first: free, and it holds the 街道's own list.
      if (keywordVerdict(text) === 'risky') return 'risky';
      // msgSecCheck v2 needs the OPENID of a user active in the last two hours: system text is not checked.
      if (!openid || isSystemOpenid(openid)) return 'pass';
      try {
        const { body } = await callOpenApi(app, TEXT_CHECK_API, { content: text, version: 2, scene: TEXT_SCENES[scene], openid });
        return textVerdict(parseJson(body));
      } catch (e) {
        // WeChat unreachable or over quota: accept for human review rather than refuse every resident.
        log?.warn({ api: TEXT_CHECK_API, err: e instanceof Error ? e.message : String(e) }, 'content check unavailable');
        return 'review';
      }
    },
    async submitImageCheck({ fileId, openid }) {
      if (!fileId.startsWith('cloud://') || !openid || isSystemOpenid(openid)) return null;
      // WeChat fetches the image itself, within minutes: a link that outlives that, then expires.
      const { fileList } = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 3600 }] });
      const url = fileList[0]?.tempFileURL;
      if (!url) return null;
      const { body } = await callOpenApi(app, IMAGE_CHECK_API, { media_url: url, media_type: 2, version: 2, openid, scene: TEXT_SCENES.report });
      const reply = parseJson(body) as { errcode?: number; errmsg?: string; trace_id?: string };
      if (reply.errcode) throw new WxOpenApiError(IMAGE_CHECK_API, reply.errcode, String(reply.errmsg ?? ''));
      return reply.trace_id ?? null;
    },
    async fileUrls(fileIds) {
      const fileList = fileIds.filter((id) => id.startsWith('cloud://')).map((fileID) => ({ fileID, maxAge: TEMP_URL_SECONDS }));
      if (!fileList.length) return [];
      const { fileList: links } = await app.getTempFileURL({ fileList });
      return links.filter((l) => String(l.code) === 'SUCCESS' && l.tempFileURL).map((l) => ({ fileId: l.fileID, url: l.tempFileURL }));
    },
    async readFile(fileId) {
      if (!fileId.startsWith('cloud://')) throw new AppError('BAD_REQUEST', '文件地址无效', { field: 'data.fileId' });
      try {
        const { fileContent } = await app.downloadFile({ fileID: fileId });
        return Buffer.from(fileContent as Buffer);
      } catch (e) {
        log?.warn({ fileId, err: e instanceof Error ? e.message : String(e) }, 'file not read');
        throw new AppError('BAD_REQUEST', '读取上传的文件失败，请重新上传', { field: 'data.fileId' });
      }
    },
    async deleteFiles(fileIds) {
      const fileList = fileIds.filter((id) => id.startsWith('cloud://'));
      // deleteFile takes at most 50 ids a call.
      for (let i = 0; i < fileList.length; i += 50) await app.deleteFile({ fileList: fileList.slice(i, i + 50) });
    },
  };
}

/**
 * Which version of the mini-program a code opens (wxacode.getUnlimited `env_version`): it must be
 * one that exists — `release` once published, `trial` (体验版) or `develop` before. QR_ENV_VERSION
 * sets it; anything else means release.
 */
export function qrEnvVersion(env: NodeJS.ProcessEnv): 'release' | 'trial' | 'develop' {
  const v = env.QR_ENV_VERSION;
  return v === 'trial' || v === 'develop' ? v : 'release';
}

/** Temporary photo links live ten minutes: long enough to look, too short to pass around. */
const TEMP_URL_SECONDS = 600;

/** security.mediaCheckAsync (POST /wxa/media_check_async), version 2: the verdict is pushed later. */
export const IMAGE_CHECK_API = 'security.mediaCheckAsync';

/** security.msgSecCheck (POST /wxa/msg_sec_check), version 2. */
export const TEXT_CHECK_API = 'security.msgSecCheck';
/** msgSecCheck scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
const TEXT_SCENES: Record<TextScene, number> = { report: 3, comment: 2 };

/** msgSecCheck v2's reply: `{errcode, result: {suggest: 'pass'|'review'|'risky', label}}`; v1's 87014 means risky. */
export function textVerdict(reply: unknown): ContentVerdict {
  const { errcode, errmsg, result } = (typeof reply === 'object' && reply !== null ? reply : {}) as { errcode?: number; errmsg?: string; result?: { suggest?: string } };
  if (errcode === 87014) return 'risky';
  if (errcode) throw new WxOpenApiError(TEXT_CHECK_API, errcode, String(errmsg ?? ''));
  const suggest = result?.suggest;
  return suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass';
}

/** One cloud openapi call: the reply's body and content type, or a thrown error. */
async function callOpenApi(app: App, apiName: string, args: Record<string, unknown>): Promise<{ contentType: string; body: Buffer }> {
  const reply: unknown = await app.callCompatibleWxOpenApi({ apiName, requestData: encodeOpenApiRequest(args) });
  // CloudBase's own errors come back as JSON `{ code, message }`, which the SDK throws itself.
  if (!Buffer.isBuffer(reply)) throw wxError(apiName, reply);
  let decoded: ReturnType<typeof decodeOpenApiResponse>;
  try {
    decoded = decodeOpenApiResponse(reply);
  } catch {
    throw wxError(apiName, parseJson(reply)); // not protobuf: an error JSON under another content type
  }
  if (decoded.errorCode) throw new WxOpenApiError(apiName, decoded.errorCode, 'cloud openapi system error (is the API listed in permissions.openapi?)');
  return { contentType: decoded.contentType, body: decoded.respData };
}

/** WeChat's error JSON (`{ errcode, errmsg }`) as a thrown Error that keeps the errcode. */
export class WxOpenApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`${api} failed: errcode ${errcode} ${errmsg}`);
    this.name = 'WxOpenApiError';
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString());
  } catch {
    return bytes.toString();
  }
}

function wxError(api: string, body: unknown): Error {
  const { errcode, errmsg, code, message } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof errcode === 'number') return new WxOpenApiError(api, errcode, String(errmsg ?? ''));
  if (code) return new Error(`${api} failed: ${String(code)} ${String(message ?? '')}`);
  return new Error(`${api}: unexpected reply ${JSON.stringify(body)}`);
}

// Protobuf messages of the cloud openapi protocol, as wx-server-sdk (src/protobuf/openapi.js) defines
// them. Written out by hand: two small messages do not justify a protobuf dependency.
//   CommApiData     { int32 apiType = 1 (OPEN_API = 0); OpenApiData openapiData = 2; }
//   OpenApiData     { repeated KeyValuePair pairs = 1; }
//   KeyValuePair    { string key = 1; bytes value = 2 (the argument as JSON); }
//   CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; }

export function encodeOpenApiRequest(args: Record<string, unknown>): Buffer {
  const pairs = Object.entries(args).map(([key, value]) => field(1, Buffer.concat([field(1, Buffer.from(key)), field(2, Buffer.from(JSON.stringify(value)))])));
  return Buffer.concat([varint(1 << 3), varint(0), field(2, Buffer.concat(pairs))]);
}

export function decodeOpenApiResponse(buf: Buffer): { respData: Buffer; contentType: string; errorCode: number } {
  const out = { respData: Buffer.alloc(0), contentType: '', errorCode: 0 };
  let pos = 0;
  const readVarint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; pos < buf.length; shift += 7n) {
      const byte = buf[pos++];
      value |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw new Error('truncated cloud openapi reply');
  };
  while (pos < buf.length) {
    const tag = Number(readVarint());
    if ((tag & 7) === 0) {
      const value = Number(BigInt.asIntN(32, readVarint())); // int32: negatives arrive as 64-bit two's complement
      if (tag >> 3 === 3) out.errorCode = value;
    } else if ((tag & 7) === 2) {
      const length = Number(readVarint());
      const bytes = buf.subarray(pos, (pos += length));
      if (tag >> 3 === 1) out.respData = Buffer.from(bytes);
      if (tag >> 3 === 2) out.contentType = bytes.toString();
    } else {
      throw new Error(`unexpected wire type ${tag & 7} in cloud openapi reply`);
    }
  }
  return out;
}

function field(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  do {
    bytes.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Buffer.from(bytes);
}
