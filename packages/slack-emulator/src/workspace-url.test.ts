import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './index.js';
import { openIdPage } from './openid-pages.js';

const started: SlackEmulator[] = [];
async function start(workspaceUrl?: string) {
  const e = await startSlackEmulator({ signingSecret: 's', ...(workspaceUrl ? { workspaceUrl } : {}) });
  started.push(e);
  return { e, client: new WebClient('xoxb-test', { slackApiUrl: e.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }) };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

describe("the workspace's address", () => {
  it("is Slack's own by default: auth.test, team.info and permalinks say https://acme.slack.com/", async () => {
    const { client } = await start();
    expect((await client.auth.test()).url).toBe('https://acme.slack.com/');
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'hi' });
    expect((await client.chat.getPermalink({ channel: 'C0INCIDENTS', message_ts: ts! })).permalink).toBe(`https://acme.slack.com/archives/C0INCIDENTS/p${ts!.replace('.', '')}`);
  });

  it('is the given page when the emulator is told one (the sandbox), everywhere a link is built', async () => {
    const { client } = await start('http://localhost:3000/sandbox');
    expect((await client.auth.test()).url).toBe('http://localhost:3000/sandbox/');
    expect((await client.team.info()).team?.url).toBe('http://localhost:3000/sandbox/');
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'root cause' });
    const link = `http://localhost:3000/sandbox/archives/C0INCIDENTS/p${ts!.replace('.', '')}`;
    expect((await client.chat.getPermalink({ channel: 'C0INCIDENTS', message_ts: ts! })).permalink).toBe(link);
    await client.pins.add({ channel: 'C0INCIDENTS', timestamp: ts! });
    const pins = (await client.pins.list({ channel: 'C0INCIDENTS' })) as { items?: { message?: { permalink?: string } }[] };
    expect(pins.items?.[0]?.message?.permalink).toBe(link);
  });
});

describe('the Sign in with Slack picker', () => {
  const query = new URLSearchParams({ redirect_uri: 'http://localhost:3000/auth/callback', state: 's1', client_id: 'c' });

  it('is a styled page with a "Continue as" button per person, names and emails escaped', async () => {
    const { e } = await start();
    e.workspace.state.users.find((u) => u.id === 'U0DAVE')!.real_name = 'Dave <script>alert(1)</script>';
    const page = openIdPage(e.workspace, '/openid/connect/authorize', query);
    const html = String(page?.body);
    expect(page?.headers?.['content-type']).toMatch(/text\/html/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Continue as Dave &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('alice@acme.example');
    expect(html.match(/class="continue/g)).toHaveLength(5); // five people; the bot is not one of them
    expect(html).not.toContain('class="continue primary"'); // nobody is being played: no one is preselected
  });

  it('offers the person being played first, with the one primary button, and ignores unknown ids', async () => {
    const { e } = await start();
    const html = String(openIdPage(e.workspace, '/openid/connect/authorize', query, { preselect: 'U0CAROL' })?.body);
    const rows = [...html.matchAll(/data-user="(\w+)"/g)].map((m) => m[1]);
    expect(rows[0]).toBe('U0CAROL');
    expect(html).toMatch(/<li class="person preselected" aria-current="true" data-user="U0CAROL">.*?<a class="continue primary" href="\?[^"]*user=U0CAROL[^"]*" autofocus>Continue as Carol Diaz<\/a>/);
    expect(html.match(/class="continue primary"/g)).toHaveLength(1);
    const unknown = String(openIdPage(e.workspace, '/openid/connect/authorize', query, { preselect: 'U0NOBODY' })?.body);
    expect(unknown).not.toContain('class="person preselected"');
  });
});
