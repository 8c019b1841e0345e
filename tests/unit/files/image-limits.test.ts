import { AppError } from '@qgt/shared/errors';
import { stripMetadata } from '../../../cloudfunctions/lib/files/strip-metadata';
import { JPEG, PNG, PNG_SIGNATURE, VP8L, jpegSegment, jpegStripped, pngChunk, pngStripped, riff, vp8x, webpChunk } from '../../fixtures/images';

/**
 * Photos are refused when their header claims an absurd size (a decompression bomb for whoever
 * opens them), and lose the metadata the first pass kept: JPEG comments, PNG modification times,
 * WebP chunks no decoder needs.
 */
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const pngOf = (width: number, height: number) => Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])])), PNG.IDAT, PNG.IEND]);
const jpegOf = (width: number, height: number) => {
  const sof = Buffer.from([8, (height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff, 1, 1, 0x11, 0]);
  return Buffer.concat([JPEG.SOI, JPEG.APP0, JPEG.DQT, jpegSegment(0xc0, sof), JPEG.DHT, JPEG.SOS, JPEG.SCAN, JPEG.EOI]);
};
const webpCanvas = (width: number, height: number) => {
  const p = Buffer.alloc(10);
  p.writeUIntLE(width - 1, 4, 3);
  p.writeUIntLE(height - 1, 7, 3);
  return riff([webpChunk('VP8X', p), VP8L]);
};
const vp8lOf = (width: number, height: number) => {
  const p = Buffer.from([0x2f, 0, 0, 0, 0, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00, 0x00]);
  p.writeUInt32LE((width - 1) | ((height - 1) << 14), 1);
  return riff([webpChunk('VP8L', p)]);
};

function refused(bytes: Buffer): AppError {
  try {
    stripMetadata(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('accepted');
}

describe('absurd dimensions', () => {
  it.each([
    ['PNG 30000×30000', pngOf(30_000, 30_000)],
    ['PNG claiming 2³¹ pixels', pngOf(65_536, 32_768)],
    ['PNG 0×10', pngOf(0, 10)],
    ['PNG 12000×12000 (144 MP)', pngOf(12_000, 12_000)],
    ['JPEG 60000×60000', jpegOf(60_000, 60_000)],
    ['WebP canvas 16384×16384', webpCanvas(16_384, 16_384)],
    ['WebP lossless 16384×4000', vp8lOf(16_384, 4_000)],
  ])('refuses %s with 400 on the file', (_what, bytes) => {
    expect(refused(bytes)).toMatchObject({ code: 'BAD_REQUEST', field: 'file' });
  });

  it.each([
    ['PNG 8000×6000 (a 48 MP phone photo)', pngOf(8_000, 6_000)],
    ['JPEG 4032×3024', jpegOf(4_032, 3_024)],
    ['WebP canvas 1080×1920', webpCanvas(1_080, 1_920)],
    ['WebP lossless 2000×1000', vp8lOf(2_000, 1_000)],
  ])('accepts %s', (_what, bytes) => {
    expect(stripMetadata(bytes).bytes.length).toBeGreaterThan(0);
  });
});

describe('metadata the first pass kept', () => {
  it('drops JPEG comment segments', () => {
    const comment = jpegSegment(0xfe, Buffer.from('Owner: 张三 13912345678', 'utf8'));
    const { SOI, APP0, ICC, DQT, SOF0, DHT, SOS, SCAN, EOI } = JPEG;
    const out = stripMetadata(Buffer.concat([SOI, APP0, comment, ICC, DQT, SOF0, DHT, SOS, SCAN, EOI])).bytes;
    expect(out).toEqual(jpegStripped());
  });

  it('drops PNG tIME chunks', () => {
    const time = pngChunk('tIME', Buffer.from([0x07, 0xe8, 5, 1, 8, 30, 0]));
    const out = stripMetadata(Buffer.concat([PNG_SIGNATURE, PNG.IHDR, PNG.gAMA, time, PNG.IDAT, PNG.IEND])).bytes;
    expect(out).toEqual(pngStripped());
  });

  it('keeps only the WebP chunks a decoder needs', () => {
    const unknown = webpChunk('GPSX', Buffer.from('31.2474N 121.4737E'));
    const anim = webpChunk('ANIM', Buffer.alloc(6));
    const out = stripMetadata(riff([vp8x(0x02), anim, unknown, VP8L])).bytes;
    expect(out).toEqual(riff([vp8x(0x02), anim, VP8L]));
    expect(out.includes(Buffer.from('GPSX'))).toBe(false);
  });
});
