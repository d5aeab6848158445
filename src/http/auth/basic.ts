import type { CoreDeps } from '../../core/store-ports.js';
import type { Clock } from '../../core/shared/context.js';
import { authenticateApiToken } from '../../core/token/manage-tokens.js';
import type { Authenticator } from './principal.js';

/**
 * The credentials of `Authorization: Basic …`, or null when the header is not Basic. Response's
 * users scripted its API with Basic; here the password is an API token.
 */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]*)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { username: decoded, password: '' } : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * HTTP Basic with an API token as the password; the username is ignored (a token is a credential
 * of its own, as with GitHub's tokens), so a script's old `user:` prefix keeps working. Only the
 * read-only compatibility routes accept it: browsers resend Basic credentials on their own, like
 * cookies, and token requests skip the CSRF check the session's changes need.
 */
export function basicTokenAuthenticator(deps: CoreDeps, clock: Clock, workspaceTeamId: () => string | null): Authenticator {
  return async (request) => {
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials?.password) return null;
    const token = await authenticateApiToken(deps, { actor: { kind: 'system', job: 'auth' }, clock }, credentials.password, workspaceTeamId());
    if (!token) return null;
    return { actor: { kind: 'api_token', tokenName: token.name }, slackId: null, isAdmin: true, via: 'token' };
  };
}
