import type { CoreDeps } from '../store-ports.js';
import type { User } from '../user/ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeSystem } from '../shared/authorize.js';
import type { SessionRepo } from './ports.js';
import { sha256 } from './session-crypto.js';
import { SESSION_TTL_MS } from './complete-sign-in.js';

/** Sliding expiry, but written at most every few minutes so reads don't all become writes. */
const TOUCH_EVERY_MS = 10 * 60_000;

/** The signed-in user behind a session id, or null when it is unknown, expired or the user is deactivated. */
export async function resolveSession(deps: CoreDeps & { sessions: SessionRepo }, ctx: Ctx, sessionId: string): Promise<User | null> {
  authorizeSystem(ctx, 'resolve a session');
  const now = ctx.clock.now();
  const idHash = sha256(sessionId);
  const session = await deps.sessions.find(idHash, now);
  if (!session) return null;
  const user = await deps.store.users.getById(session.userId);
  if (!user || user.deleted) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await deps.sessions.extend(idHash, now, new Date(now.getTime() + SESSION_TTL_MS));
  return user;
}

export async function endSession(deps: { sessions: SessionRepo }, ctx: Ctx, sessionId: string): Promise<void> {
  authorizeSystem(ctx, 'end a session');
  await deps.sessions.remove(sha256(sessionId));
}
