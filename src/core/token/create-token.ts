import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import type { ApiToken } from './ports.js';
import { actorSlackId, type Ctx } from '../shared/context.js';
import { authorizeActor, authorizePermission } from '../shared/authorize.js';
import { DomainError } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { hashToken, newTokenSecret } from './token-hash.js';

const nameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'must be 1-100 letters, digits, spaces, dots, dashes or underscores');

/**
 * Creates an API token; the secret is returned once and never stored in clear. `teamId` is the
 * Slack workspace it is made in (the web UI passes the connected one): the token works only there.
 */
export async function createApiToken(deps: CoreDeps, ctx: Ctx, name: string, teamId: string | null = null): Promise<{ token: ApiToken; secret: string }> {
  const viewer = await authorizeActor(deps, ctx);
  await authorizePermission(deps, ctx, viewer, 'manageApiTokens');
  const valid = validate(nameSchema, name);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    if (await tx.tokens.getByName(valid)) throw new DomainError('CONFLICT', `A token named "${valid}" exists already`, 'name');
    const slackId = actorSlackId(ctx.actor);
    const creator = slackId ? await tx.users.ensure(slackId, now) : null;
    const secret = newTokenSecret();
    const token = await tx.tokens.insert(valid, hashToken(secret), creator?.id ?? null, teamId, now);
    return { token, secret };
  });
}
