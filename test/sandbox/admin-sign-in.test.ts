import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

/**
 * The sandbox's seeded admin (Carol) signs in with "Sign in with Slack" and is an admin in Response, so she
 * can create API tokens from the UI. Slack's OpenID answer says nothing about admin rights: they come from
 * users.info at sign-in, even when she has never acted in Slack before.
 */
async function signIn(t: SlackTestApp, user: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${t.baseUrl}/auth/login`, { redirect: 'manual' });
  keep(login);
  const authorize = new URL(login.headers.get('location') ?? '');
  authorize.searchParams.set('user', user);
  const slack = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(slack.headers.get('location') ?? '');
  const back = await fetch(`${t.baseUrl}${callback.pathname}${callback.search}`, { redirect: 'manual', headers: { cookie: header() } });
  expect(back.status).toBe(302);
  keep(back);
  return header();
}

const me = async (t: SlackTestApp, cookie: string) => (await (await fetch(`${t.baseUrl}/api/v1/me`, { headers: { cookie } })).json()) as { user: { slack_id: string }; is_admin: boolean };

describe('signing in to the web UI as a sandbox person', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    const port = await freePort();
    const openid = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
    t = await startSlackTestApp({
      emulator: { port, openid },
      env: { SLACK_CLIENT_ID: openid.clientId, SLACK_CLIENT_SECRET: openid.clientSecret, SLACK_OAUTH_URL: `http://127.0.0.1:${port}/openid/connect/authorize` },
    });
  });
  afterAll(() => t?.close());

  it('makes the seeded workspace admin an admin on her first sign-in, and nobody else', async () => {
    expect(t.emulator.state.users.find((u) => u.id === 'U0CAROL')?.is_admin).toBe(true);
    expect((await t.api('GET', '/api/v1/users/U0CAROL')).status).toBe(404); // never seen in Slack before
    expect(await me(t, await signIn(t, 'U0CAROL'))).toMatchObject({ user: { slack_id: 'U0CAROL' }, is_admin: true });
    expect(await me(t, await signIn(t, 'U0ALICE'))).toMatchObject({ user: { slack_id: 'U0ALICE' }, is_admin: false });
  });

  it('follows Slack when admin rights change: the next sign-in reads them again', async () => {
    t.emulator.state.users.find((u) => u.id === 'U0CAROL')!.is_admin = false;
    expect((await me(t, await signIn(t, 'U0CAROL'))).is_admin).toBe(false);
  });
});
