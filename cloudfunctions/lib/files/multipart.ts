import { AppError } from '@qgt/shared/errors';

/**
 * Just enough multipart/form-data (RFC 7578) for one upload: the whole body is already in memory
 * (bounded by the route's body limit); this finds the one part named `file` and returns its bytes.
 * Other fields are ignored; a missing, duplicated or malformed file part is BAD_REQUEST.
 */
const MAX_PARTS = 20;

function bad(message: string): never {
  throw new AppError('BAD_REQUEST', message, { field: 'file' });
}

export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

function partName(headers: string): string | null {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const m = /;\s*name="([^"]*)"/i.exec(line.slice(colon + 1)) ?? /;\s*name=([^;\s]+)/i.exec(line.slice(colon + 1));
    return m ? m[1] : null;
  }
  return null;
}

export function multipartFile(body: Buffer, contentType: string, field = 'file'): Buffer {
  const boundary = multipartBoundary(contentType);
  if (!boundary) bad('multipart/form-data 缺少 boundary');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const CRLF = Buffer.from('\r\n', 'latin1');
  const next = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let pos = body.indexOf(delimiter);
  if (pos < 0) bad('multipart/form-data 格式不正确');
  pos += delimiter.length;
  let found: Buffer | null = null;
  for (let parts = 0; ; parts++) {
    if (body.toString('latin1', pos, pos + 2) === '--') break; // close delimiter
    if (parts >= MAX_PARTS) bad('表单字段过多');
    // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) bad('multipart/form-data 格式不正确');
    const headersEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
    if (headersEnd < 0 || headersEnd - pos > 8 * 1024) bad('multipart/form-data 格式不正确');
    const headers = headersEnd > pos ? body.toString('utf8', pos + 2, headersEnd) : '';
    const contentStart = headersEnd + 4;
    const contentEnd = body.indexOf(next, contentStart);
    if (contentEnd < 0) bad('multipart/form-data 不完整');
    if (partName(headers) === field) {
      if (found) bad(`一次只能上传一张图片（${field} 字段只能有一个）`);
      found = body.subarray(contentStart, contentEnd);
    }
    pos = contentEnd + next.length;
  }
  if (!found) bad(`请在 ${field} 字段中上传图片`);
  return found;
}
