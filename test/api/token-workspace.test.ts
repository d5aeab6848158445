import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newTokenSecret } from '../../src/core/token/token-hash.js';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { call, signIn, startSignInApp } from '../support/web-session.js';

/**
 * An API token works only in the Slack workspace it was made in: one minted by a sandbox identity
 * (team T0SANDBOX) is refused once the same data serves a real workspace. CLI-made tokens belong
 * to whoever runs the server and work wherever its data is served.
 */
describe('API tokens and the workspace they were made in', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSignInApp();
    // Carol is the seeded workspace's admin: she may create tokens from the web UI.
    await t.app.core.store.users.upsert({ slackId: 'U0CAROL', displayName: 'carol', isAdmin: true }, new Date());
  });
  afterAll(() => t?.close());

  const get = (secret: string) => fetch(`${t.baseUrl}/api/v1/incidents`, { headers: { authorization: `Bearer ${secret}` } });
  const teamOf = async (name: string) =>
    (await t.app.database.query<{ team_id: string | null }>('select team_id from api_tokens where name = $1', [name]))[0]?.team_id;

  it('records the connected workspace on a token made in the web UI, and accepts it there', async () => {
    const { jar } = await signIn(t, '/', 'U0CAROL');
    const res = await call(t, jar, 'POST', '/api/v1/tokens', { name: 'made-here' });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    expect(await teamOf('made-here')).toBe('T0TEAM');
    expect((await get(token)).status).toBe(200);
  });

  it("refuses a token made in another workspace (the sandbox's), and keeps accepting CLI-made ones", async () => {
    const now = new Date();
    const sandboxSecret = newTokenSecret();
    await t.app.core.store.tokens.insert('made-in-the-sandbox', hashToken(sandboxSecret), null, 'T0SANDBOX', now);
    const cliSecret = newTokenSecret();
    await t.app.core.store.tokens.insert('made-with-the-cli', hashToken(cliSecret), null, null, now);
    const refused = await get(sandboxSecret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await get(cliSecret)).status).toBe(200);
  });
});
