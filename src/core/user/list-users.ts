import type { CoreDeps, Page, User } from '../ports.js';
import { notFound } from '../shared/errors.js';

export async function listUsers(deps: CoreDeps, input: { q?: string; limit: number; cursor: string | null }): Promise<Page<User>> {
  return deps.store.users.list(input.q, input.limit, input.cursor);
}

export async function getUser(deps: CoreDeps, slackId: string): Promise<User> {
  const user = await deps.store.users.getBySlackId(slackId);
  if (!user) throw notFound(`User ${slackId}`);
  return user;
}
