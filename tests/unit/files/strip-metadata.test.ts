import zlib from 'node:zlib';
import { AppError } from '@qgt/shared/errors';
import { sniffImage } from '../../../cloudfunctions/lib/files/sniff';
import { exifOrientation, stripJpeg, stripMetadata, stripPng, stripWebp } from '../../../cloudfunctions/lib/files/strip-metadata';
import {
  exifSegment,
  GIF,
  ICCP,
  JPEG,
  jpegStripped,
  jpegWithExif,
  metadataMarkers,
  PNG,
  PNG_SIGNATURE,
  pngChunk,
  pngStripped,
  pngWithExif,
  riff,
  VP8L,
  VP8X_FLAGS,
  vp8x,
  webpChunk,
  webpStripped,
  webpWithExif,
  xmpSegment,
} from '../../fixtures/images';

function expectNoMetadata(out: Buffer) {
  for (const marker of metadataMarkers()) expect(out.includes(marker)).toBe(false);
}

function expectBadRequest(run: () => unknown) {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('BAD_REQUEST');
  expect((caught as AppError).message).toMatch(/[\u4e00-\u9fff]/);
}

describe('sniffImage', () => {
  it('knows the three types by their bytes', () => {
    expect(sniffImage(jpegWithExif())).toBe('image/jpeg');
    expect(sniffImage(pngWithExif())).toBe('image/png');
    expect(sniffImage(webpWithExif())).toBe('image/webp');
  });

  it('refuses anything else, however short', () => {
    expect(sniffImage(GIF)).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe('JPEG', () => {
  it('drops EXIF (with GPS) and XMP, keeps every other byte', () => {
    const input = jpegWithExif();
    // The fixture really carries the metadata.
    for (const marker of metadataMarkers().slice(0, 5)) expect(input.includes(marker)).toBe(true);
    const out = stripJpeg(input);
    expectNoMetadata(out);
    expect(out.subarray(0, 2)).toEqual(JPEG.SOI);
    expect(out.subarray(-2)).toEqual(JPEG.EOI);
    expect(out).toEqual(jpegStripped());
  });

  it('keeps the orientation of a sideways phone photo in a minimal EXIF, and nothing else of it', () => {
    const out = stripJpeg(jpegWithExif({ orientation: 6 }));
    expect(out.includes(Buffer.from('GPS'))).toBe(false);
    expect(out.includes(Buffer.from('QGTPhone'))).toBe(false);
    expect(out.includes(Buffer.from('2024:05:01'))).toBe(false);
    const at = out.indexOf(Buffer.from('Exif\0\0'));
    expect(at).toBe(JPEG.SOI.length + JPEG.APP0.length + 4); // where the original was: right after APP0
    const length = out.readUInt16BE(at - 2);
    expect(length).toBe(2 + 6 + 26);
    expect(exifOrientation(out.subarray(at + 6, at - 2 + length))).toBe(6);
    // Without it the image is the same as a stripped upright one.
    const withoutExif = Buffer.concat([out.subarray(0, at - 4), out.subarray(at - 2 + length)]);
    expect(withoutExif).toEqual(jpegStripped());
  });

  it('reads the orientation from big- and little-endian EXIF and ignores junk', () => {
    expect(exifOrientation(Buffer.from('II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x08\0\0\0\0\0\0\0', 'latin1'))).toBe(8);
    expect(exifOrientation(Buffer.from('MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x03\0\0\0\0\0\0', 'latin1'))).toBe(3);
    expect(exifOrientation(Buffer.from('MM\0*\0\0\0\x08\0\x09', 'latin1'))).toBeUndefined();
    expect(exifOrientation(Buffer.from('XX\0*\0\0\0\x08', 'latin1'))).toBeUndefined();
    expect(exifOrientation(Buffer.alloc(3))).toBeUndefined();
  });

  it('keeps fill bytes before markers and walks every scan of a progressive file', () => {
    const { SOI, APP0, DQT, SOF0, DHT, SOS, SCAN, EOI } = JPEG;
    const fill = Buffer.from([0xff, 0xff]);
    // A second scan after a table whose bytes contain FF D9, and an EXIF segment between scans.
    const input = Buffer.concat([SOI, fill, APP0, DQT, SOF0, DHT, SOS, SCAN, exifSegment(), DHT, fill, SOS, SCAN, EOI]);
    const out = stripJpeg(input);
    expectNoMetadata(out);
    expect(out).toEqual(Buffer.concat([SOI, fill, APP0, DQT, SOF0, DHT, SOS, SCAN, DHT, fill, SOS, SCAN, EOI]));
  });

  it('drops IPTC, the MPF index and the extra images and trailers after EOI', () => {
    const trailing = jpegWithExif(); // a second, full image with its own EXIF (MPF / motion photos)
    const { SOI, APP0, MPF, IPTC, DQT, SOF0, SOS, SCAN, EOI } = JPEG;
    const input = Buffer.concat([SOI, APP0, exifSegment(), MPF, IPTC, DQT, SOF0, SOS, SCAN, EOI, trailing, Buffer.from('vendor trailer')]);
    const out = stripJpeg(input);
    expectNoMetadata(out);
    expect(out).toEqual(Buffer.concat([SOI, APP0, DQT, SOF0, SOS, SCAN, EOI]));
  });

  it('drops any APP1, including XMP alone', () => {
    const { SOI, DQT, SOF0, SOS, SCAN, EOI } = JPEG;
    const out = stripJpeg(Buffer.concat([SOI, xmpSegment(), DQT, SOF0, SOS, SCAN, EOI]));
    expect(out).toEqual(Buffer.concat([SOI, DQT, SOF0, SOS, SCAN, EOI]));
  });

  it.each([
    ['no SOI', Buffer.from([0xff, 0xd9])],
    ['truncated inside a segment', jpegWithExif().subarray(0, 40)],
    ['cut before EOI', jpegWithExif().subarray(0, -2)],
    ['garbage where a marker belongs', Buffer.concat([JPEG.SOI, Buffer.from('hello world')])],
    ['a segment length below 2', Buffer.concat([JPEG.SOI, Buffer.from([0xff, 0xe0, 0x00, 0x01]), JPEG.EOI])],
    ['only SOI', JPEG.SOI],
  ])('refuses a malformed file (%s) with BAD_REQUEST', (_label, input) => {
    expectBadRequest(() => stripJpeg(input));
  });
});

describe('PNG', () => {
  it('drops eXIf and the text chunks, keeps the rest with valid CRCs', () => {
    const input = pngWithExif();
    expect(input.includes(Buffer.from('eXIf'))).toBe(true);
    const out = stripPng(input);
    expectNoMetadata(out);
    for (const type of ['eXIf', 'tEXt', 'iTXt', 'zTXt']) expect(out.includes(Buffer.from(type))).toBe(false);
    expect(out).toEqual(pngStripped());
    // Every chunk's CRC still checks out.
    for (let pos = 8; pos < out.length; ) {
      const length = out.readUInt32BE(pos);
      expect(out.readUInt32BE(pos + 8 + length)).toBe(zlib.crc32(out.subarray(pos + 4, pos + 8 + length)));
      pos += 12 + length;
    }
  });

  it('drops bytes after IEND', () => {
    expect(stripPng(Buffer.concat([pngStripped(), Buffer.from('appended data')]))).toEqual(pngStripped());
  });

  it.each([
    ['no IHDR first', Buffer.concat([PNG_SIGNATURE, PNG.IDAT, PNG.IHDR, PNG.IEND])],
    ['no IEND', Buffer.concat([PNG_SIGNATURE, PNG.IHDR, PNG.IDAT])],
    ['a chunk longer than the file', Buffer.concat([PNG_SIGNATURE, PNG.IHDR, pngChunk('IDAT', Buffer.alloc(10)).subarray(0, 15)])],
    ['a bad chunk type', Buffer.concat([PNG_SIGNATURE, PNG.IHDR, pngChunk('ID@T', Buffer.alloc(1)), PNG.IEND])],
    ['only the signature', PNG_SIGNATURE],
  ])('refuses a malformed file (%s) with BAD_REQUEST', (_label, input) => {
    expectBadRequest(() => stripPng(input));
  });
});

describe('WebP', () => {
  it('drops EXIF and XMP chunks, fixes the RIFF size and clears their VP8X flags', () => {
    const input = webpWithExif();
    expect(input[20] & (VP8X_FLAGS.EXIF | VP8X_FLAGS.XMP)).toBe(VP8X_FLAGS.EXIF | VP8X_FLAGS.XMP);
    const out = stripWebp(input);
    expectNoMetadata(out);
    expect(out.includes(Buffer.from('XMP '))).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]).toBe(VP8X_FLAGS.ICC | VP8X_FLAGS.ALPHA);
    expect(out).toEqual(webpStripped());
  });

  it('leaves a simple (VP8L only) file as it is, minus bytes past the RIFF', () => {
    const simple = riff([VP8L]);
    expect(stripWebp(simple)).toEqual(simple);
    expect(stripWebp(Buffer.concat([simple, Buffer.from('junk')]))).toEqual(simple);
  });

  it('tolerates a missing pad byte on the last chunk', () => {
    const chunk = webpChunk('VP8L', Buffer.alloc(5, 1)).subarray(0, 13); // 8 header + 5 data, no pad
    const input = riff([chunk]);
    expect(stripWebp(input)).toEqual(input);
  });

  it.each([
    ['a RIFF size past the end', (() => {
      const b = Buffer.from(webpStripped());
      b.writeUInt32LE(b.length, 4);
      return b;
    })()],
    ['a chunk past the RIFF end', riff([Buffer.concat([Buffer.from('VP8L'), Buffer.from([0xff, 0, 0, 0]), Buffer.alloc(4)])])],
    ['no image chunk first', riff([webpChunk('EXIF', Buffer.alloc(4)), VP8L])],
    ['no chunks at all', riff([])],
    ['a VP8X chunk too short', riff([webpChunk('VP8X', Buffer.alloc(4))])],
    ['a truncated chunk header', riff([Buffer.from('VP8')])],
  ])('refuses a malformed file (%s) with BAD_REQUEST', (_label, input) => {
    expectBadRequest(() => stripWebp(input));
  });

  it('accepts the padded-to-even VP8X chunk as is', () => {
    expect(stripWebp(riff([vp8x(0), VP8L]))).toEqual(riff([vp8x(0), VP8L]));
  });
});

describe('stripMetadata', () => {
  it('dispatches on the sniffed type, not on any name', () => {
    expect(stripMetadata(jpegWithExif()).mime).toBe('image/jpeg');
    expect(stripMetadata(pngWithExif())).toEqual({ mime: 'image/png', bytes: pngStripped() });
    expect(stripMetadata(webpWithExif())).toEqual({ mime: 'image/webp', bytes: webpStripped() });
  });

  it('refuses other types with the Chinese message', () => {
    expect(() => stripMetadata(GIF)).toThrow('仅支持 JPEG、PNG、WebP 图片');
    expect(() => stripMetadata(Buffer.from('just text'))).toThrow('仅支持 JPEG、PNG、WebP 图片');
  });

  it('never crashes on corrupted or truncated input: a Buffer or a BAD_REQUEST', () => {
    // Deterministic pseudo-random corruption of the three fixtures.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (const base of [jpegWithExif({ orientation: 6 }), pngWithExif(), webpWithExif()]) {
      for (let i = 0; i < 400; i++) {
        const b = Buffer.from(base.subarray(0, 12 + rand(base.length - 11)));
        for (let k = rand(4); k > 0; k--) b[12 + rand(Math.max(1, b.length - 12))] = rand(256);
        try {
          expect(Buffer.isBuffer(stripMetadata(b).bytes)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('BAD_REQUEST');
        }
      }
    }
  });
});
