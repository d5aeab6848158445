import type { CoreDeps } from '../store-ports.js';
import { authorizeActor, hasPermission } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';

export interface MyPermissions {
  isAdmin: boolean;
  declarePrivate: boolean;
  manageApiTokens: boolean;
  manageWebhooks: boolean;
}

/**
 * What the acting person may do that doesn't depend on one incident: surfaces show only the
 * controls that will work (the private checkbox, the token settings). The verbs check again.
 */
export async function getMyPermissions(deps: CoreDeps, ctx: Ctx): Promise<MyPermissions> {
  const viewer = await authorizeActor(deps, ctx);
  return {
    isAdmin: viewer.isAdmin,
    declarePrivate: await hasPermission(deps, ctx, viewer, 'declarePrivate'),
    manageApiTokens: await hasPermission(deps, ctx, viewer, 'manageApiTokens'),
    manageWebhooks: await hasPermission(deps, ctx, viewer, 'manageWebhooks'),
  };
}
