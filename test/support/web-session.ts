/**
 * A browser's side of the web UI's API in tests: cookies kept as a browser keeps them, "Sign in
 * with Slack" through the Slack emulator's authorize page as a chosen person, and calls with the
 * session cookie and the CSRF header.
 */
import { expect } from 'vitest';
import { freePort } from '../browser/browser-support.js';
import { startSlackTestApp, type SlackTestApp, type SlackTestAppOptions } from './slack-test-app.js';
import type { TestApp } from './test-app.js';

/** Cookies from Set-Cookie headers, as a browser would keep them. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    const v = this.cookies.get(name);
    return v === undefined ? undefined : decodeURIComponent(v);
  }
}

/** Signs in through /auth/login, the emulator's authorize page (as `user`) and /auth/callback. */
export async function signIn(t: TestApp, returnTo = '/incidents/1', user = 'U0ALICE'): Promise<{ jar: Jar; landed: string }> {
  const jar = new Jar();
  const login = await fetch(`${t.baseUrl}/auth/login?return_to=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get('location') ?? '');
  // The emulator's authorize page asks "who are you?"; `user` answers it.
  authorize.searchParams.set('user', user);
  expect(authorize.searchParams.get('scope')).toBe('openid profile email');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.app.config.publicUrl}/auth/callback`);
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  jar.take(login);
  const slack = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(slack.headers.get('location') ?? '');
  // The public URL in config is not the test's random port; replay the callback against the app itself.
  const back = await fetch(`${t.baseUrl}${callback.pathname}${callback.search}`, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(back);
  return { jar, landed: back.headers.get('location') ?? '' };
}

/** A request with the session cookie and (unless `csrf` is null) the CSRF header. */
export const call = (t: TestApp, jar: Jar, method: string, path: string, body?: unknown, csrf: string | null | undefined = jar.get('csrf_token')) =>
  fetch(t.baseUrl + path, {
    method,
    headers: { cookie: jar.header(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A Slack test app with "Sign in with Slack" pointed at its emulator. */
export async function startSignInApp(options: SlackTestAppOptions = {}): Promise<SlackTestApp> {
  const slackPort = await freePort();
  const oidc = { clientId: '7450218834521.8012345678901', clientSecret: 'shh' };
  return startSlackTestApp({
    ...options,
    emulator: { port: slackPort, openid: oidc, ...options.emulator },
    env: {
      SLACK_CLIENT_ID: oidc.clientId,
      SLACK_CLIENT_SECRET: oidc.clientSecret,
      SLACK_OAUTH_URL: `http://127.0.0.1:${slackPort}/openid/connect/authorize`,
      ...options.env,
    },
  });
}
