import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import type { User } from './ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeActor } from '../shared/authorize.js';
import { validate } from '../shared/validate.js';

const profileSchema = z.object({
  slackId: z.string().regex(/^[UWB][A-Z0-9]+$/, 'must be a Slack user id'),
  displayName: z.string().min(1),
  fullName: z.string().nullish(),
  email: z.string().nullish(),
  deleted: z.boolean().optional(),
  isBot: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
});

/** Keeps the stored profile of a Slack user current (names change; the id never does). */
export async function recordUserProfile(deps: CoreDeps, ctx: Ctx, input: z.input<typeof profileSchema>): Promise<User> {
  await authorizeActor(deps, ctx);
  const profile = validate(profileSchema, input);
  return deps.store.users.upsert(profile, ctx.clock.now());
}
