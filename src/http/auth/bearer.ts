import type { CoreDeps } from '../../core/store-ports.js';
import type { Clock } from '../../core/shared/context.js';
import { authenticateApiToken } from '../../core/token/manage-tokens.js';
import type { Authenticator } from './principal.js';

/** `Authorization: Bearer …`: an API token, valid in the workspace it was made in (`workspaceTeamId()`, read per request). */
export function bearerAuthenticator(deps: CoreDeps, clock: Clock, workspaceTeamId: () => string | null): Authenticator {
  return async (request) => {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return null;
    const token = await authenticateApiToken(deps, { actor: { kind: 'system', job: 'auth' }, clock }, match[1], workspaceTeamId());
    if (!token) return null;
    return { actor: { kind: 'api_token', tokenName: token.name }, slackId: null, isAdmin: true, via: 'token' };
  };
}
