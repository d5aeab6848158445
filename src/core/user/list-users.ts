import type { Page } from '../shared/page.js';
import type { CoreDeps } from '../store-ports.js';
import type { User } from './ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';

/** The people of the workspace are no secret inside it: anyone in it may list them. */
export async function listUsers(deps: CoreDeps, ctx: Ctx, input: { q?: string; limit: number; cursor: string | null }): Promise<Page<User>> {
  await authorizeActor(deps, ctx);
  return deps.store.users.list(input.q, input.limit, input.cursor);
}

export async function getUser(deps: CoreDeps, ctx: Ctx, slackId: string): Promise<User> {
  await authorizeActor(deps, ctx);
  const user = await deps.store.users.getBySlackId(slackId);
  if (!user) throw notFound(`User ${slackId}`);
  return user;
}
