import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors.js';
import { ensureCsrfCookie } from './web-auth.js';

/** The built SPA: `<repo>/web/dist`, the same path from src/ (tsx, tests) and dist/ (npm start). */
export const webDistDir = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to the server: never answered with the SPA's index.html. */
const SERVER_PREFIXES = ['/api/', '/auth/', '/slack/', '/metrics', '/health', '/ready', '/live'];

/**
 * Defence in depth behind React's escaping: no inline or foreign scripts, no plugins, no framing.
 * Inline style attributes stay allowed (the charts position elements with them).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves web/dist with long-lived caching for hashed assets, and index.html for every other GET (client-side routes). */
export async function webStaticRoutes(app: FastifyInstance, options: { publicUrl: string; distDir?: string }): Promise<void> {
  const root = options.distDir ?? webDistDir;
  const built = existsSync(`${root}index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      index: false,
      // One route per built file, found at start-up, so the SPA fallback below can own `/*`.
      wildcard: false,
      setHeaders: (res, path) => {
        res.header('x-content-type-options', 'nosniff');
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) {
      return reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${path}`));
    }
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin').header('x-content-type-options', 'nosniff');
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web UI is not built yet. Run `npm run build:web` (or `npm start`, which builds it), then reload. The API is at /api/v1 and its docs at /api/docs.');
    }
    ensureCsrfCookie(request, reply, options.publicUrl);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
}
