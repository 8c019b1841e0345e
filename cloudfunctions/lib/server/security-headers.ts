import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Security headers on every response (helmet), chiefly for the HTML ones — the H5 client, the QR
 * poster sheet, the printable 一次性告知单: a Content-Security-Policy that runs only our own
 * scripts (plus the H5 page's one inline bootstrap script, allowed by its hash), forbids framing
 * (clickjacking a staff member's signed-in session), `nosniff`, and a Referrer-Policy that keeps
 * a notice's secret link out of other sites' logs.
 */

/** `'sha256-…'` of each inline `<script>` of the built H5 entry page (Taro's rem bootstrap). */
export function inlineScriptHashes(h5Dir: string): string[] {
  let html: string;
  try {
    html = fs.readFileSync(path.join(h5Dir, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .filter(([, body]) => body.length > 0)
    .map(([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: { h5Dir: string; production: boolean }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(opts.h5Dir)],
        // React and Taro set style attributes; the printable pages carry a <style> block.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Open311 and the QR images are meant to be read from other sites.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Only where the server is the real site (behind TLS); locally it is plain http.
    strictTransportSecurity: opts.production ? { maxAge: 15_552_000 } : false,
  });
}
