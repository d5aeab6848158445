import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeActor } from '../shared/authorize.js';

/** The components an update may be published with (forms list them); null when no status page is configured. */
export async function listPublishableComponents(deps: CoreDeps, ctx: Ctx): Promise<readonly { key: string; name: string }[] | null> {
  await authorizeActor(deps, ctx);
  return deps.publishing?.components ?? null;
}
