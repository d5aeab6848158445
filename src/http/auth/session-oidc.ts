import { WebClient } from '@slack/web-api';
import type { IdentityProvider, SlackIdentity } from '../../core/session/ports.js';
import { DomainError } from '../../core/shared/errors.js';

export interface SlackOidcOptions {
  clientId: string;
  clientSecret: string;
  /** SLACK_API_URL, ending in /api/; Slack's own when unset. */
  apiUrl: string | undefined;
  /** The bot token, to read the person's admin flag with users.info. */
  botToken?: string;
}

/** The payload of a JWT, without checking the signature (see below). */
function jwtClaims(token: string | undefined): Record<string, unknown> {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Sign in with Slack: `openid.connect.token` then `openid.connect.userInfo`. The ID token comes
 * straight from Slack's token endpoint over TLS with our client secret, which OIDC Core §3.1.3.7
 * accepts in place of checking its signature; we read only its nonce from it.
 */
export function slackIdentityProvider(options: SlackOidcOptions): IdentityProvider {
  const client = new WebClient(undefined, { slackApiUrl: options.apiUrl, retryConfig: { retries: 1 } });
  const bot = options.botToken ? new WebClient(options.botToken, { slackApiUrl: options.apiUrl, retryConfig: { retries: 1 } }) : null;
  // OpenID's userInfo has no admin flag; users.info does. Unknown (null) when it can't be asked.
  const adminFlag = async (slackId: string): Promise<boolean | null> => {
    if (!bot) return null;
    try {
      const { user } = await bot.users.info({ user: slackId });
      return user ? Boolean(user.is_admin || user.is_owner || user.is_primary_owner) : null;
    } catch {
      return null;
    }
  };
  return {
    async exchangeCode(code, redirectUri): Promise<SlackIdentity> {
      let token;
      try {
        token = await client.openid.connect.token({ client_id: options.clientId, client_secret: options.clientSecret, code, redirect_uri: redirectUri, grant_type: 'authorization_code' });
      } catch (err) {
        throw new DomainError('UNAUTHENTICATED', `Slack refused the sign-in code: ${(err as Error).message}`);
      }
      if (!token.access_token) throw new DomainError('UNAUTHENTICATED', 'Slack returned no access token');
      const info = await client.openid.connect.userInfo({ token: token.access_token });
      const claims = jwtClaims(token.id_token);
      const slackId = str(info['https://slack.com/user_id']) ?? str(info.sub);
      if (!slackId) throw new DomainError('UNAUTHENTICATED', 'Slack did not say who signed in');
      return {
        slackId,
        teamId: str(info['https://slack.com/team_id']),
        name: str(info.name) ?? str(info.given_name),
        email: info.email_verified === false ? null : str(info.email),
        nonce: str(claims.nonce),
        isAdmin: await adminFlag(slackId),
      };
    },
  };
}
