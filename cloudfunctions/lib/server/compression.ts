import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';

/**
 * Brotli or gzip for every compressible reply (JS, CSS, HTML, JSON: the H5 assets and the
 * function replies such as the catalog), as the client accepts. On a slow 3G line the bytes, not
 * the server's CPU, set the wait: app.js is ~4× smaller in brotli. Quality 5 keeps the CPU per
 * reply small (the assets are compressed on the fly; the catalog on each call). Replies under
 * 1 KB go as they are (a header costs more than it saves).
 */
export async function registerCompression(app: FastifyInstance) {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
}

/**
 * Files whose name carries a content hash (`app.1a2b3c4d.js`, as the H5 build writes them) never
 * change under that name: a year, immutable. Everything else — index.html above all, which names
 * the current hashes — is revalidated on each visit so a deploy shows at once.
 */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;

export function staticCacheControl(file: string): string {
  return HASHED.test(file) && !file.endsWith('.html') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
