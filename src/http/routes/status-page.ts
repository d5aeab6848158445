import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readStatusPage, type StatusPageSettings } from '../../core/status-page/read-status-page.js';
import type { PublicIncidentRepo } from '../../core/status-page/ports.js';
import type { Clock } from '../../core/shared/context.js';
import { LastGoodStatusPage } from '../status-page/last-good.js';
import { presentStatusJson } from '../status-page/present-json.js';
import { renderStatusAtom } from '../status-page/render-atom.js';
import { renderStatusHtml } from '../status-page/render-html.js';

export interface StatusPageRouteDeps {
  store: { publicIncidents: PublicIncidentRepo };
  settings: StatusPageSettings;
  clock: Clock;
  publicUrl: string;
}

/** Short enough that a new update shows within a minute, long enough that a crowd is answered from caches. */
const MAX_AGE_SECONDS = 30;
/** No script may run and nothing is loaded from elsewhere: the page is plain HTML with inline CSS. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(request: FastifyRequest, reply: FastifyReply, type: string, body: string, stale: boolean) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply
    .header('cache-control', stale ? 'public, max-age=5' : `public, max-age=${MAX_AGE_SECONDS}`)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', CSP);
  if (stale) reply.header('x-status-page-stale', 'true');
  // A cache may send several validators, weak or not (RFC 9110 §13.1.2).
  const validators = (request.headers['if-none-match'] ?? '').split(',').map((v) => v.trim().replace(/^W\//, ''));
  if (validators.includes(etag) || validators.includes('*')) return reply.code(304).send();
  return reply.code(200).type(type).send(body);
}

/**
 * The public status page: `/status` (HTML), `/status.json` and `/status/feed.atom`. Registered
 * outside the API's sign-in on purpose: they show only what was published (public wording,
 * configured components, never a private incident). When the database cannot be read they serve
 * the last good read, marked stale (a notice in the page, `x-status-page-stale: true`).
 */
export function statusPageRoutes(app: FastifyInstance, deps: StatusPageRouteDeps): void {
  const pageUrl = `${deps.publicUrl.replace(/\/+$/, '')}/status`;
  const lastGood = new LastGoodStatusPage();
  const read = (request: FastifyRequest) =>
    lastGood.read(
      () => readStatusPage(deps, deps.settings, deps.clock.now()),
      (err) => request.log.error({ err }, 'the status page could not be read; serving the last good one'),
    );
  const unavailable = (reply: FastifyReply) =>
    reply.code(503).header('retry-after', '30').header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('The status page is temporarily unavailable. Please try again shortly.');
  const opts = { schema: { hide: true } };

  app.get('/status', opts, async (request, reply) => {
    const page = await read(request).catch(() => null);
    if (!page) return unavailable(reply);
    return send(request, reply, 'text/html; charset=utf-8', renderStatusHtml(page.view, { stale: page.stale, feedUrl: '/status/feed.atom' }), page.stale);
  });
  app.get('/status.json', opts, async (request, reply) => {
    const page = await read(request).catch(() => null);
    if (!page) return unavailable(reply);
    return send(request, reply, 'application/json; charset=utf-8', JSON.stringify(presentStatusJson(page.view, pageUrl, page.stale)), page.stale);
  });
  app.get('/status/feed.atom', opts, async (request, reply) => {
    const page = await read(request).catch(() => null);
    if (!page) return unavailable(reply);
    return send(request, reply, 'application/atom+xml; charset=utf-8', renderStatusAtom(page.view, pageUrl), page.stale);
  });
}
