import type { HttpAnswer } from './http-server.js';
import { issueOpenIdCode, jwks } from './openid.js';
import type { Workspace } from './workspace.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The browser half of Sign in with Slack for the sandbox: /openid/connect/authorize shows "who are you?" (or,
 * with `user=U…`, picks that person at once) and redirects to `redirect_uri?code=…&state=…`.
 */
export function openIdPage(ws: Workspace, path: string, q: URLSearchParams): HttpAnswer | undefined {
  if (path === '/openid/connect/keys') return { status: 200, body: jwks(ws) };
  if (path !== '/openid/connect/authorize') return undefined;
  const redirectUri = q.get('redirect_uri');
  if (!redirectUri) return { status: 400, body: 'redirect_uri is required' };
  const user = q.get('user');
  if (user) {
    if (!ws.user(user)) return { status: 400, body: 'unknown user' };
    const code = issueOpenIdCode(ws, user, { clientId: q.get('client_id') ?? '', nonce: q.get('nonce') ?? undefined, redirectUri });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = q.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() }, body: '' };
  }
  const items = ws.state.users
    .filter((u) => !u.is_bot && !u.deleted)
    .map((u) => {
      const link = new URLSearchParams(q);
      link.set('user', u.id);
      return `<li><a href="?${escape(link.toString())}">${escape(u.real_name)}</a> <small>${escape(u.profile.email ?? '')}</small></li>`;
    })
    .join('');
  const html = `<!doctype html><meta charset="utf-8"><title>Sign in to ${escape(ws.state.team.name)}</title><h1>Sign in to ${escape(ws.state.team.name)} (sandbox)</h1><ul>${items}</ul>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}
