import type { CoreDeps } from '../store-ports.js';
import type { ApiToken } from './ports.js';
import { authorizeActor, authorizePermission, authorizeSystem } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { hashToken } from './token-hash.js';

/** Names and dates only (never secrets): anyone signed in may see which tokens exist. */
export async function listApiTokens(deps: CoreDeps, ctx: Ctx): Promise<ApiToken[]> {
  await authorizeActor(deps, ctx);
  return deps.store.tokens.list();
}

export async function revokeApiToken(deps: CoreDeps, ctx: Ctx, name: string): Promise<void> {
  const viewer = await authorizeActor(deps, ctx);
  await authorizePermission(deps, ctx, viewer, 'manageApiTokens');
  if (!(await deps.store.tokens.revoke(name, ctx.clock.now()))) throw notFound(`Active token "${name}"`);
}

/** The token a bearer secret belongs to, or null when unknown or revoked. */
export async function authenticateApiToken(deps: CoreDeps, ctx: Ctx, secret: string, workspaceTeamId: string | null = null): Promise<ApiToken | null> {
  authorizeSystem(ctx, 'authenticate API tokens');
  const token = await deps.store.tokens.findActiveByHash(hashToken(secret));
  if (!token) return null;
  // Made in another workspace (the sandbox's, before real Slack was connected to the same data): worthless here.
  if (token.teamId && workspaceTeamId && token.teamId !== workspaceTeamId) return null;
  const now = ctx.clock.now();
  // Touch at most once a minute: every API call writing a row would make reads cost a write.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) await deps.store.tokens.touch(token.id, now);
  return token;
}
