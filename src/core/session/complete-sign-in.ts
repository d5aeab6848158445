import type { CoreDeps } from '../store-ports.js';
import type { User } from '../user/ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeSystem } from '../shared/authorize.js';
import { DomainError } from '../shared/errors.js';
import type { IdentityProvider, SessionRepo } from './ports.js';
import { randomToken, sha256 } from './session-crypto.js';

export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export interface SignInDeps extends CoreDeps {
  sessions: SessionRepo;
  identity: IdentityProvider;
}

export interface CompleteSignInInput {
  state: string;
  code: string;
  redirectUri: string;
  /** When the workspace is known, people from other workspaces are turned away. */
  expectedTeamId: string | null;
}

const refuse = (message: string) => new DomainError('UNAUTHENTICATED', message);

/**
 * The OIDC callback: takes the state (once), exchanges the code with Slack, matches the Slack
 * user to the user Response knows (creating the row on first sign-in) and opens a session.
 */
export async function completeSignIn(deps: SignInDeps, ctx: Ctx, input: CompleteSignInInput): Promise<{ sessionId: string; user: User; returnTo: string }> {
  authorizeSystem(ctx, 'complete a sign-in');
  const now = ctx.clock.now();
  const pending = await deps.sessions.takeState(sha256(input.state), now);
  if (!pending) throw refuse('The sign-in link expired or was already used');
  const identity = await deps.identity.exchangeCode(input.code, input.redirectUri);
  if (identity.nonce !== null && identity.nonce !== pending.nonce) throw refuse('Slack answered for a different sign-in (nonce mismatch)');
  if (input.expectedTeamId && identity.teamId && identity.teamId !== input.expectedTeamId) throw refuse('That Slack account belongs to another workspace');

  let user = await deps.store.users.getBySlackId(identity.slackId);
  // Admin rights are read from Slack at every sign-in: a first sign-in before any Slack activity must not
  // make a workspace admin an ordinary user (nobody could then create tokens), and a demotion counts at once.
  const isAdmin = identity.isAdmin ?? user?.isAdmin ?? false;
  if (!user || user.displayName === user.slackId) {
    // First time we hear of this person (or only a placeholder row): take the name Slack just gave us.
    user = await deps.store.users.upsert(
      { slackId: identity.slackId, displayName: identity.name ?? identity.slackId, fullName: identity.name, email: identity.email, isAdmin },
      now,
    );
  } else if (user.isAdmin !== isAdmin) {
    const { slackId, displayName, fullName, email, deleted, isBot } = user;
    user = await deps.store.users.upsert({ slackId, displayName, fullName, email, deleted, isBot, isAdmin }, now);
  }
  if (user.deleted) throw refuse('That Slack account is deactivated');

  const sessionId = randomToken();
  await deps.sessions.create(sha256(sessionId), { userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return { sessionId, user, returnTo: pending.returnTo };
}
