import type { FastifyRequest } from 'fastify';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock, Ctx } from '../core/shared/context.js';
import { DomainError } from '../core/shared/errors.js';
import type { Authenticator } from './auth/principal.js';
import type { PresentContext } from './presenters/present.js';

export interface HttpDeps {
  core: CoreDeps;
  clock: Clock;
  publicUrl: string;
  workspace: PresentContext['workspace'];
  authenticators: Authenticator[];
  /** TIMEZONE: the wall clock the original Response's API printed its naive times on (compatibility routes; default UTC). */
  timezone?: string;
}

/** The core ctx of an authenticated request. Never a system actor: those pass every check. */
export function ctxOf(request: FastifyRequest, clock: Clock): Ctx {
  const actor = request.principal?.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Authentication required: send Authorization: Bearer <token> or sign in');
  return { actor, clock, requestId: request.id };
}

export function presentContext(deps: HttpDeps): PresentContext {
  return { publicUrl: deps.publicUrl, now: deps.clock.now(), workspace: deps.workspace };
}
