import type { FastifyReply, FastifyRequest } from 'fastify';
import { basicCredentials, basicTokenAuthenticator } from '../../auth/basic.js';
import { errorBody } from '../../errors.js';
import type { HttpDeps } from '../../route-deps.js';

const CHALLENGES = ['Bearer realm="Response"', 'Basic realm="Response", charset="UTF-8"'];

/** A 401 in both the original's shape (`detail`) and ours, with the schemes a client may answer. */
export function unauthenticated(reply: FastifyReply, message: string) {
  return reply.code(401).header('www-authenticate', CHALLENGES).send({ detail: message, ...errorBody('unauthenticated', message) });
}

/**
 * What the compatibility routes accept: HTTP Basic with an API token as the password, else what
 * /api/v1 accepts (a bearer token, the web UI's session). A credential that was sent and fails is
 * a 401 even when a cookie would pass, as on /api/v1.
 */
export function compatAuth(deps: HttpDeps) {
  const basic = basicTokenAuthenticator(deps.core, deps.clock, () => deps.workspace.teamId);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (basicCredentials(request.headers.authorization)) {
      const principal = await basic(request);
      if (principal) {
        request.principal = principal;
        return;
      }
      return unauthenticated(reply, 'Basic authentication failed: give an API token as the password (any username); create one with `npm run cli -- token create NAME`');
    }
    for (const authenticate of deps.authenticators) {
      const principal = await authenticate(request);
      if (principal) {
        request.principal = principal;
        return;
      }
    }
    return unauthenticated(
      reply,
      request.headers.authorization
        ? 'The token is unknown or revoked; create one with `npm run cli -- token create NAME`'
        : 'Authentication required: send Authorization: Bearer <token>, or HTTP Basic with an API token as the password',
    );
  };
}

/**
 * Every error from these routes also carries DRF's `detail` (the original's scripts read it; "Not found." for a 404), beside
 * our `error` object, whoever produced it (the error handler, a 404, validation).
 */
export async function addDetailToErrors(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
  try {
    const body = JSON.parse(payload) as { detail?: unknown; error?: { code?: unknown; message?: unknown; field?: unknown } };
    if (body.detail !== undefined || typeof body.error?.message !== 'string') return payload;
    // DRF's own words for a missing row (`error.message` still says which); a page past the last keeps "Invalid page.".
    const notFound = reply.statusCode === 404 && body.error.code === 'not_found' && body.error.field === undefined;
    return JSON.stringify({ detail: notFound ? 'Not found.' : body.error.message, ...body });
  } catch {
    return payload;
  }
}
