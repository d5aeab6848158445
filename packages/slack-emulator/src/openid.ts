import { createHash, createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import type { SlackObject } from './types.js';
import { randomHex, type Workspace } from './workspace.js';

/**
 * Sign in with Slack (OpenID Connect). Real id_tokens are RS256 with Slack's keys; the emulator signs with its
 * own key, kept in state (so a restored sandbox keeps validating old tokens) and published as a JWKS.
 */
function signingKey(ws: Workspace): { pem: string; kid: string } {
  const o = ws.state.openid;
  if (!o.privateKeyPem || !o.keyId) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    o.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    o.keyId = `emulator-${randomHex(4)}`;
  }
  return { pem: o.privateKeyPem, kid: o.keyId };
}

export function jwks(ws: Workspace): { keys: JsonWebKey[] } {
  const { pem, kid } = signingKey(ws);
  const jwk = createPublicKey(createPrivateKey(pem)).export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function signJwt(ws: Workspace, claims: SlackObject): string {
  const { pem, kid } = signingKey(ws);
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(pem);
  return `${head}.${body}.${b64url(signature)}`;
}

/** The claims userInfo returns and the id_token carries (api-openid-connect-userInfo-ok.json). */
export function userInfoClaims(ws: Workspace, userId: string): SlackObject {
  const { team } = ws.state;
  const u = ws.requireUser(userId);
  const p = u.profile;
  const images: SlackObject = {};
  for (const s of [24, 32, 48, 72, 192, 512]) images[`https://slack.com/user_image_${s}`] = p[`image_${s}`];
  for (const s of [34, 44, 68, 88, 102, 132, 230])
    images[`https://slack.com/team_image_${s}`] = `https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-${s}.png`;
  images['https://slack.com/team_image_default'] = true;
  return {
    sub: u.id,
    'https://slack.com/user_id': u.id,
    'https://slack.com/team_id': team.id,
    email: p.email,
    email_verified: true,
    date_email_verified: 1700000000,
    name: u.real_name,
    picture: p.image_512,
    given_name: p.first_name,
    family_name: p.last_name,
    locale: 'en-US',
    'https://slack.com/team_name': team.name,
    'https://slack.com/team_domain': team.domain,
    ...images,
  };
}

export function issueOpenIdCode(ws: Workspace, user: string, opts: { clientId?: string; nonce?: string; redirectUri?: string } = {}): string {
  ws.requireUser(user);
  const code = `${ws.nowSeconds()}.${randomHex(12)}`;
  ws.state.openid.codes[code] = { user, clientId: opts.clientId ?? '', nonce: opts.nonce, redirectUri: opts.redirectUri, issuedAt: ws.clock(), used: false };
  return code;
}

export function exchangeCode(ws: Workspace, code: string, clientId: string): SlackObject | undefined {
  const record = ws.state.openid.codes[code];
  // Codes are single-use and live 10 minutes, like OAuth codes on Slack.
  if (!record || record.used || ws.clock() - record.issuedAt > 600_000) return undefined;
  record.used = true;
  const accessToken = `xoxp-${randomHex(16)}`;
  ws.state.openid.userTokens[accessToken] = record.user;
  const now = ws.nowSeconds();
  const { sub, ...claims } = userInfoClaims(ws, record.user);
  const idToken = signJwt(ws, {
    iss: 'https://slack.com',
    sub,
    aud: clientId || record.clientId,
    exp: now + 300,
    iat: now,
    auth_time: now,
    ...(record.nonce ? { nonce: record.nonce } : {}),
    at_hash: b64url(createHash('sha256').update(accessToken).digest().subarray(0, 16)),
    ...claims,
  });
  return { ok: true, access_token: accessToken, token_type: 'Bearer', id_token: idToken };
}
