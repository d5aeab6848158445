import type { Ctx } from '../shared/context.js';
import { authorizeSystem } from '../shared/authorize.js';
import type { SessionRepo } from './ports.js';
import { randomToken, sha256 } from './session-crypto.js';

export const SIGN_IN_STATE_TTL_MS = 10 * 60_000;

/** Only same-site paths: an open redirect after sign-in would hand a phishing page a trusted link. */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n]/.test(value)) return '/';
  return value.slice(0, 500);
}

/** Stores a single-use state and a nonce for one trip to Slack's authorize page. */
export async function startSignIn(deps: { sessions: SessionRepo }, ctx: Ctx, input: { returnTo?: string | null }): Promise<{ state: string; nonce: string }> {
  authorizeSystem(ctx, 'start a sign-in');
  const now = ctx.clock.now();
  const state = randomToken();
  const nonce = randomToken();
  // Housekeeping rides along with sign-ins rather than needing its own job.
  await deps.sessions.purgeExpired(now);
  await deps.sessions.saveState({ stateHash: sha256(state), nonce, returnTo: safeReturnTo(input.returnTo), expiresAt: new Date(now.getTime() + SIGN_IN_STATE_TTL_MS) });
  return { state, nonce };
}
