import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.js';
import type { Authenticator } from './principal.js';

/**
 * The API always needs a token or a session. A bad bearer token is a 401 even if a cookie
 * would pass: a script with a revoked token should hear about it.
 */
export function requireAuth(authenticators: Authenticator[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const authenticate of authenticators) {
      const principal = await authenticate(request);
      if (principal) {
        request.principal = principal;
        return;
      }
    }
    const message = request.headers.authorization
      ? 'The bearer token is unknown or revoked; create one with `npm run cli -- token create NAME`'
      : 'Authentication required: send Authorization: Bearer <token> or sign in';
    return reply.code(401).send(errorBody('unauthenticated', message));
  };
}
