import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/shared/context.js';

/** Who made an HTTP request, after authentication. */
export interface Principal {
  actor: Actor;
  slackId: string | null;
  isAdmin: boolean;
  /** Session (cookie) requests need a CSRF token on every state change; bearer requests don't. */
  via: 'token' | 'session' | 'anonymous';
}

/** Tries to authenticate a request; returns null when this method doesn't apply. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
