import { AppError } from '@qgt/shared/errors';
import { sniffImage, type ImageMime } from './sniff';

/**
 * Removes metadata that can carry where and when a photo was taken (EXIF with its GPS tags, XMP,
 * text chunks) from JPEG, PNG and WebP files. Pure: bytes in, bytes out. Only whole segments or
 * chunks are removed; every byte kept is copied unchanged, so image data, colour profiles and
 * checksums stay valid. A file that does not parse is refused with BAD_REQUEST, never crashes.
 */
export const UNSUPPORTED_MESSAGE = '仅支持 JPEG、PNG、WebP 图片';

function malformed(what: string): never {
  throw new AppError('BAD_REQUEST', `图片文件已损坏或格式不正确（${what}）`, { field: 'file' });
}

/**
 * The largest picture accepted: a side of WebP's own limit and 50 megapixels (a 48 MP phone photo
 * fits). A header claiming more (30000×30000, 2³¹ pixels) is a decompression bomb for whoever
 * opens it — staff's phones, the console — and is refused.
 */
export const MAX_SIDE = 16_384;
export const MAX_PIXELS = 50_000_000;

function checkDimensions(width: number, height: number): void {
  if (width < 1 || height < 1) malformed('图片尺寸为零');
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS)
    throw new AppError('BAD_REQUEST', `图片尺寸过大（${width}×${height}），请上传不超过${MAX_SIDE}像素边长、${MAX_PIXELS / 1_000_000}00万像素以内的照片`, { field: 'file' });
}

/** Sniffs the type and strips it; unsupported types → BAD_REQUEST. */
export function stripMetadata(input: Buffer): { mime: ImageMime; bytes: Buffer } {
  const mime = sniffImage(input);
  if (mime === 'image/jpeg') return { mime, bytes: stripJpeg(input) };
  if (mime === 'image/png') return { mime, bytes: stripPng(input) };
  if (mime === 'image/webp') return { mime, bytes: stripWebp(input) };
  throw new AppError('BAD_REQUEST', UNSUPPORTED_MESSAGE, { field: 'file', reason: 'unsupportedImage' });
}

// ---- JPEG ----

const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const MPF_HEADER = Buffer.from('MPF\0', 'latin1');
const PHOTOSHOP_HEADER = Buffer.from('Photoshop 3.0\0', 'latin1');

const startsWith = (b: Buffer, prefix: Buffer) => b.length >= prefix.length && b.subarray(0, prefix.length).equals(prefix);
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameHeader = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Which marker segments go:
 * - every APP1: EXIF (GPS, camera, times, a thumbnail with its own EXIF), XMP and extended XMP;
 * - APP13 "Photoshop 3.0": IPTC (city, location names) and Photoshop's own copies of EXIF/XMP;
 * - APP2 "MPF": the index of extra images appended after EOI, which are dropped (see below).
 * - COM: free text a camera or editor wrote (owner names, serial numbers, places).
 * Kept: JFIF (APP0), ICC profiles (APP2), Adobe (APP14, needed to decode colours), tables, frames.
 */
function dropJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === APP1 || marker === COM) return true;
  if (marker === APP13) return startsWith(payload, PHOTOSHOP_HEADER);
  if (marker === APP2) return startsWith(payload, MPF_HEADER);
  return false;
}

/**
 * Walks the markers from SOI to the first EOI: header segments by their lengths, entropy-coded
 * scan data after each SOS up to the next real marker (skipping stuffed FF00 and RSTn), so
 * progressive files' tables between scans are handled too. Fill bytes (FF FF …) before a marker
 * are kept. Anything after EOI — the extra images of MPF / "motion photo" files, each with its
 * own EXIF and GPS, or vendor trailers — is dropped. Orientation is the one EXIF tag kept: phone
 * cameras store photos sideways and rely on it, so a minimal EXIF with only that tag replaces
 * the original one when it says anything other than "upright".
 */
export function stripJpeg(b: Buffer): Buffer {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) malformed('JPEG 缺少文件头');
  const out: Buffer[] = [b.subarray(0, 2)];
  const len = b.length;
  let pos = 2;
  while (pos < len) {
    if (b[pos] !== 0xff) malformed('JPEG 段标记错误');
    const start = pos;
    while (pos < len && b[pos] === 0xff) pos++; // fill bytes
    if (pos >= len) break;
    const marker = b[pos++];
    if (marker === EOI) {
      out.push(b.subarray(start, pos));
      return Buffer.concat(out);
    }
    if (marker === 0x00 || marker === 0xd8) malformed('JPEG 段标记错误');
    if (isStandalone(marker)) {
      out.push(b.subarray(start, pos));
      continue;
    }
    if (pos + 2 > len) break;
    const segmentLength = b.readUInt16BE(pos);
    if (segmentLength < 2) malformed('JPEG 段长度错误');
    const end = pos + segmentLength;
    if (end > len) break;
    const payload = b.subarray(pos + 2, end);
    // A frame header (SOFn) gives the picture's size: precision, height, width.
    if (isFrameHeader(marker) && payload.length >= 5) checkDimensions(payload.readUInt16BE(3), payload.readUInt16BE(1));
    if (!dropJpegSegment(marker, payload)) out.push(b.subarray(start, end));
    else if (marker === APP1 && startsWith(payload, EXIF_HEADER)) {
      const orientation = exifOrientation(payload.subarray(EXIF_HEADER.length));
      if (orientation !== undefined && orientation !== 1) out.push(orientationSegment(orientation));
    }
    pos = end;
    if (marker === SOS) {
      const scanStart = pos;
      for (;;) {
        const ff = b.indexOf(0xff, pos);
        if (ff < 0 || ff + 1 >= len) {
          pos = len;
          break;
        }
        const next = b[ff + 1];
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos = ff + 2;
        else if (next === 0xff) pos = ff + 1;
        else {
          pos = ff;
          break;
        }
      }
      out.push(b.subarray(scanStart, pos));
    }
  }
  return malformed('JPEG 文件不完整');
}

/** The Orientation tag (0x0112) of IFD0 of a TIFF/EXIF block, if present and sane. */
export function exifOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) !== 0x0112) continue;
    if (u16(entry + 2) !== 3) return undefined; // SHORT
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** APP1 with a big-endian TIFF block holding one IFD0 entry: Orientation. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 offset
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(2 + EXIF_HEADER.length + tiff.length, 2);
  return Buffer.concat([header, EXIF_HEADER, tiff]);
}

// ---- PNG ----

const PNG_SIGNATURE_LENGTH = 8;
/** eXIf: EXIF (GPS…); tEXt/zTXt/iTXt: free text, including XMP (iTXt "XML:com.adobe.xmp"); tIME: when it was last changed. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** Copies chunks up to IEND, leaving out the metadata ones (their CRCs cover only themselves). */
export function stripPng(b: Buffer): Buffer {
  if (sniffImage(b) !== 'image/png') malformed('PNG 缺少文件头');
  const out: Buffer[] = [b.subarray(0, PNG_SIGNATURE_LENGTH)];
  let pos = PNG_SIGNATURE_LENGTH;
  let first = true;
  while (pos + 12 <= b.length) {
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) malformed('PNG 数据块错误');
    if (first && type !== 'IHDR') malformed('PNG 缺少 IHDR');
    first = false;
    const end = pos + 12 + length;
    if (end > b.length) break;
    if (type === 'IHDR') {
      if (length < 8) malformed('PNG IHDR 错误');
      checkDimensions(b.readUInt32BE(pos + 8), b.readUInt32BE(pos + 12));
    }
    if (!PNG_DROPPED.has(type)) out.push(b.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(out); // anything after IEND is dropped
  }
  return malformed('PNG 文件不完整');
}

// ---- WebP ----

/**
 * The chunks a decoder needs (image data, alpha, animation, colour profile). Everything else goes:
 * EXIF and XMP, and unknown chunks, which decoders skip but can carry anything.
 */
const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const WEBP_IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);
/** VP8X flags byte: …|ICC 0x20|alpha 0x10|EXIF 0x08|XMP 0x04|animation 0x02|… */
const VP8X_EXIF_XMP = 0x08 | 0x04;

/**
 * Rebuilds the RIFF container with only the chunks a decoder needs: a new RIFF size, and the VP8X
 * header's EXIF/XMP flags cleared. Bytes past the RIFF size are dropped.
 */
export function stripWebp(b: Buffer): Buffer {
  if (sniffImage(b) !== 'image/webp') malformed('WebP 缺少文件头');
  const riffEnd = 8 + b.readUInt32LE(4);
  if (riffEnd < 12 || riffEnd > b.length) malformed('WebP 文件不完整');
  const chunks: Buffer[] = [];
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) malformed('WebP 数据块错误');
    const fourcc = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    if (!/^[\x20-\x7e]{4}$/.test(fourcc) || pos + 8 + size > riffEnd) malformed('WebP 数据块错误');
    // Chunks are padded to an even size; tolerate a missing pad byte on the last one.
    const end = Math.min(pos + 8 + size + (size & 1), riffEnd);
    if (chunks.length === 0 && !WEBP_IMAGE_CHUNKS.has(fourcc)) malformed('WebP 缺少图像数据');
    if (WEBP_KEPT.has(fourcc)) chunks.push(b.subarray(pos, end));
    if (chunks.length === 1 && pos === 12) checkWebpDimensions(fourcc, b.subarray(pos + 8, Math.min(pos + 8 + size, riffEnd)));
    pos = end;
  }
  if (chunks.length === 0) malformed('WebP 缺少图像数据');
  if (chunks[0].toString('latin1', 0, 4) === 'VP8X') {
    if (chunks[0].length < 18) malformed('WebP VP8X 头错误');
    const vp8x = Buffer.from(chunks[0]);
    vp8x[8] &= ~VP8X_EXIF_XMP;
    chunks[0] = vp8x;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** The canvas (VP8X) or frame (VP8, VP8L) size of the first chunk, when its header is readable. */
function checkWebpDimensions(fourcc: string, p: Buffer): void {
  if (fourcc === 'VP8X' && p.length >= 10) checkDimensions(1 + p.readUIntLE(4, 3), 1 + p.readUIntLE(7, 3));
  else if (fourcc === 'VP8L' && p.length >= 5 && p[0] === 0x2f) {
    const bits = p.readUInt32LE(1);
    checkDimensions(1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff));
  } else if (fourcc === 'VP8 ' && p.length >= 10 && p[3] === 0x9d && p[4] === 0x01 && p[5] === 0x2a) checkDimensions(p.readUInt16LE(6) & 0x3fff, p.readUInt16LE(8) & 0x3fff);
}
