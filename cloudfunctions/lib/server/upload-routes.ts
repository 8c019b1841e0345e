import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@qgt/shared/errors';
import type { Store } from '../store/port';
import { blobDir, canReadFile, type FileDoc, locateFile, MAX_FILE_BYTES, saveUpload, TOO_LARGE_MESSAGE } from '../files/files';
import { multipartFile } from '../files/multipart';
import type { ServerConfig } from './config';
import { requestIdentity } from './identity';
import { spendRate } from '../runtime/rate-limit';
import { RATE_RULES } from '../runtime/rate-policy';

/** Room for multipart framing around a 10 MB file; the file itself is checked against 10 MB. */
const UPLOAD_BODY_LIMIT = MAX_FILE_BYTES + 64 * 1024;

/**
 * Local photo uploads (on CloudBase the client uploads to cloud storage instead):
 * - `POST /api/upload`: the raw image bytes as the body (any content type; the bytes decide), or
 *   multipart/form-data with one `file` field → `{ok: true, data: {fileId, mime, bytes}}`.
 * - `GET /api/files/<fileId>`: the stored bytes, for whoever may see them (see canReadFile).
 * Both need a signed-in caller (`x-openid` in dev mode; a bearer token, as in production).
 * Registered as an encapsulated plugin: its body parsers, body limit and error mapping apply to
 * these routes only, so JSON function calls keep their own parser and 256 KB limit.
 */
export async function registerUploadRoutes(app: FastifyInstance, { store, config, clock }: { store: Store; config: ServerConfig; clock: () => Date }) {
  const blobs = blobDir(config.dataDir);
  const callers = new WeakMap<FastifyRequest, { openid: string; now: Date }>();
  const caller = (req: FastifyRequest) => callers.get(req)!;

  await app.register(async (scope) => {
    // Identity first, before a 10 MB body is read.
    scope.addHook('onRequest', async (req) => {
      const { openid, now } = await requestIdentity(req.headers, { production: config.production, clock, store });
      if (!openid) throw new AppError('UNAUTHENTICATED', '请先登录再上传或查看图片');
      callers.set(req, { openid, now });
    });

    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    scope.setErrorHandler((err: Error & { statusCode?: number }) => {
      // Handled by the server's error handler, which answers with the envelope.
      if (err.statusCode === 413) throw new AppError('BAD_REQUEST', TOO_LARGE_MESSAGE, { field: 'file', reason: 'fileTooLarge' });
      throw err;
    });

    scope.post('/api/upload', { bodyLimit: UPLOAD_BODY_LIMIT }, async (req, reply) => {
      const { openid, now } = caller(req);
      const refund = await spendRate(store, openid, RATE_RULES.upload, now);
      let doc: FileDoc;
      try {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const contentType = req.headers['content-type'] ?? '';
        const body = /^multipart\/form-data\b/i.test(contentType) ? multipartFile(raw, contentType) : raw;
        doc = await saveUpload(store, blobs, { owner: openid, body, now });
      } catch (e) {
        if (e instanceof AppError) await refund().catch(() => undefined); // a refused file is not spent
        throw e;
      }
      req.log.info({ route: 'upload', mime: doc.mime, bytes: doc.bytes }, 'upload');
      return reply.send({ ok: true, data: { fileId: doc._id, mime: doc.mime, bytes: doc.bytes } });
    });

    scope.get<{ Params: { fileId: string } }>('/api/files/:fileId', async (req, reply) => {
      const { openid } = caller(req);
      const { doc, file, size } = await locateFile(store, blobs, req.params.fileId);
      if (!(await canReadFile(store, doc, openid))) throw new AppError('FORBIDDEN', '无权查看该图片');
      return reply
        .type(doc.mime)
        .header('content-length', size)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file));
    });
  });
}
