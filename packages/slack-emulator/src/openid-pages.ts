import type { HttpAnswer } from './http-server.js';
import { issueOpenIdCode, jwks } from './openid.js';
import type { SlackUser } from './types.js';
import type { Workspace } from './workspace.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface OpenIdPageOptions {
  /** The person to offer first (the one being played in the sandbox); unknown ids are ignored. */
  preselect?: string;
}

/**
 * The browser half of Sign in with Slack for the sandbox: /openid/connect/authorize shows "who are you?" (or,
 * with `user=U…`, picks that person at once) and redirects to `redirect_uri?code=…&state=…`.
 */
export function openIdPage(ws: Workspace, path: string, q: URLSearchParams, options: OpenIdPageOptions = {}): HttpAnswer | undefined {
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
  const people = ws.state.users.filter((u) => !u.is_bot && !u.deleted);
  const chosen = people.find((u) => u.id === options.preselect);
  // The person being played comes first, with the one green button: signing in as them is one click (or Enter).
  const ordered = chosen ? [chosen, ...people.filter((u) => u !== chosen)] : people;
  const items = ordered.map((u, i) => personRow(u, i, q, u === chosen)).join('');
  const team = escape(ws.state.team.name);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in to ${team}</title><style>${PICKER_CSS}</style></head><body><main class="card"><div class="brand"><span class="logo" aria-hidden="true">💬</span><strong>${team}</strong><span class="tag">sandbox</span></div><h1>Sign in to ${team}</h1><p class="lead">Choose who you are. This is the sandbox workspace: no password, anyone here is one click away.</p><ul class="people">${items}</ul></main></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

function personRow(u: SlackUser, index: number, q: URLSearchParams, preselected: boolean): string {
  const link = new URLSearchParams(q);
  link.set('user', u.id);
  const name = escape(u.real_name || u.name);
  const initials = escape(
    (u.real_name || u.name)
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase(),
  );
  const email = u.profile.email ? `<span class="email">${escape(u.profile.email)}</span>` : '';
  const title = typeof u.profile.title === 'string' && u.profile.title ? `<span class="title">${escape(u.profile.title)}</span>` : '';
  const playing = preselected ? '<span class="playing">You are playing this person in the sandbox</span>' : '';
  return `<li class="person${preselected ? ' preselected' : ''}"${preselected ? ' aria-current="true"' : ''} data-user="${escape(u.id)}"><span class="avatar c${index % 5}" aria-hidden="true">${initials}</span><span class="who"><strong class="name">${name}</strong>${email}${title}${playing}</span><a class="continue${preselected ? ' primary' : ''}" href="?${escape(link.toString())}"${preselected ? ' autofocus' : ''}>Continue as ${name}</a></li>`;
}

// Inline CSS only (the sandbox's CSP allows inline styles, not inline scripts): Slack's aubergine and green.
const PICKER_CSS = [
  '*{box-sizing:border-box}',
  "body{margin:0;min-height:100vh;display:flex;align-items:flex-start;justify-content:center;padding:8vh 16px;background:#f4ede4;font:15px/1.46 -apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#1d1c1d}",
  '.card{width:560px;max-width:100%;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 18px 48px rgba(53,13,54,.12);padding:28px 32px}',
  '.brand{display:flex;align-items:center;gap:8px;color:#4a154b;font-size:15px}',
  '.logo{font-size:22px}',
  '.tag{font-size:11px;text-transform:uppercase;letter-spacing:.05em;background:#ecb22e;color:#1d1c1d;border-radius:3px;padding:1px 6px;font-weight:700}',
  'h1{font-size:26px;font-weight:800;margin:18px 0 4px}',
  '.lead{color:#616061;margin:0 0 18px}',
  '.people{list-style:none;margin:0;padding:0;border:1px solid #e2e2e2;border-radius:8px}',
  '.person{display:flex;align-items:center;gap:12px;padding:12px 14px;border-top:1px solid #e2e2e2}',
  '.person:first-child{border-top:0}',
  '.person.preselected{background:#f2f9f6;border-radius:8px 8px 0 0}',
  '.avatar{flex:0 0 40px;height:40px;border-radius:8px;display:flex;align-items:center;justify-content:center;font-weight:800;color:#fff}',
  '.c0{background:#4a154b}.c1{background:#1264a3}.c2{background:#2bac76}.c3{background:#e01e5a}.c4{background:#c47e0b}',
  '.who{flex:1;min-width:0;display:flex;flex-direction:column}',
  '.name{font-size:15px}',
  '.email,.title{color:#616061;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
  '.playing{color:#007a5a;font-size:12px;font-weight:700;margin-top:2px}',
  '.continue{flex:0 0 auto;font-weight:700;font-size:14px;padding:7px 14px;border:1px solid #c6c6c6;border-radius:4px;color:#1d1c1d;text-decoration:none;background:#fff;white-space:nowrap}',
  '.continue:hover{background:#f6f6f6}',
  '.continue.primary{background:#007a5a;border-color:#007a5a;color:#fff}',
  '.continue.primary:hover{background:#148567}',
  '.continue:focus-visible{outline:3px solid #1d9bd1;outline-offset:2px}',
  '@media (max-width:520px){.person{flex-wrap:wrap}.continue{width:100%;text-align:center}}',
].join('');
