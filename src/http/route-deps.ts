import type { FastifyRequest } from 'fastify';
import type { CoreDeps } from '../core/ports.js';
import type { Clock, Ctx } from '../core/shared/context.js';
import type { Authenticator } from './auth/principal.js';
import type { PresentContext } from './presenters/present.js';

export interface HttpDeps {
  core: CoreDeps;
  clock: Clock;
  publicUrl: string;
  workspace: PresentContext['workspace'];
  authenticators: Authenticator[];
}

export function ctxOf(request: FastifyRequest, clock: Clock): Ctx {
  const actor = request.principal?.actor ?? { kind: 'system', job: 'anonymous' };
  return { actor, clock, requestId: request.id };
}

export function presentContext(deps: HttpDeps): PresentContext {
  return { publicUrl: deps.publicUrl, now: deps.clock.now(), workspace: deps.workspace };
}
