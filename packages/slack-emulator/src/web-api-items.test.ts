import { WebClient } from '@slack/web-api';
import { createPublicKey, createVerify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from './index.js';
import { fixture, slackError, startEmulatorWithClient } from '../test/web-api-client.js';

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  ({ emulator, client } = await startEmulatorWithClient());
});
afterEach(() => emulator.close());

describe('reactions and pins', () => {
  it('adds, rejects duplicates, reads and removes reactions', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' });
    await client.reactions.add({ channel: 'C0INCIDENTS', timestamp: ts!, name: 'eyes' });
    const dup = await client.reactions.add({ channel: 'C0INCIDENTS', timestamp: ts!, name: 'eyes' }).catch((e: { data: Record<string, unknown> }) => e.data);
    const { response_metadata: _m, ...body } = dup as Record<string, unknown>;
    expect(body).toEqual(fixture('api-reactions-add-already-reacted.json'));
    await emulator.as('U0BOB').react('incidents', ts!, 'eyes');
    const got = await client.reactions.get({ channel: 'C0INCIDENTS', timestamp: ts! });
    expect(got.message?.reactions).toEqual([{ name: 'eyes', users: ['U0BOT', 'U0BOB'], count: 2 }]);
    await client.reactions.remove({ channel: 'C0INCIDENTS', timestamp: ts!, name: 'eyes' });
    expect(await slackError(client.reactions.remove({ channel: 'C0INCIDENTS', timestamp: ts!, name: 'eyes' }))).toBe('no_reaction');
    expect(emulator.message('incidents', ts!)?.reactions).toEqual([{ name: 'eyes', users: ['U0BOB'], count: 1 }]);
  });

  it('pins once, lists and unpins; needs membership', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' });
    await client.pins.add({ channel: 'C0INCIDENTS', timestamp: ts! });
    expect(await slackError(client.pins.add({ channel: 'C0INCIDENTS', timestamp: ts! }))).toBe('already_pinned');
    expect(await slackError(client.pins.add({ channel: 'C0INCIDENTS', timestamp: '1.000001' }))).toBe('message_not_found');
    const list = await client.pins.list({ channel: 'C0INCIDENTS' });
    expect(list.items).toEqual([
      expect.objectContaining({
        type: 'message',
        created_by: 'U0BOT',
        channel: 'C0INCIDENTS',
        message: expect.objectContaining({ ts, pinned_to: ['C0INCIDENTS'] }),
      }),
    ]);
    expect(emulator.pins('incidents').map((m) => m.ts)).toEqual([ts]);
    await client.pins.remove({ channel: 'C0INCIDENTS', timestamp: ts! });
    expect(await slackError(client.pins.remove({ channel: 'C0INCIDENTS', timestamp: ts! }))).toBe('no_pin');
    await client.conversations.leave({ channel: 'C0INCIDENTS' });
    expect(await slackError(client.pins.add({ channel: 'C0INCIDENTS', timestamp: ts! }))).toBe('not_in_channel');
  });
});

describe('bookmarks', () => {
  it('adds with the fixture shape and lists', async () => {
    const res = await client.bookmarks.add({
      channel_id: 'C0INCIDENTS',
      title: 'Checkout runbook',
      type: 'link',
      link: 'https://runbooks.acme.example/checkout',
      emoji: ':blue_book:',
    });
    const expected = fixture('api-bookmarks-add-ok.json') as { bookmark: Record<string, unknown> };
    expect(Object.keys(res.bookmark ?? {})).toEqual(Object.keys(expected.bookmark));
    expect(res.bookmark).toMatchObject({ ...expected.bookmark, id: expect.any(String), channel_id: 'C0INCIDENTS', date_created: expect.any(Number) });
    expect(emulator.bookmarks('incidents').map((b) => b.title)).toEqual(['Checkout runbook']);
    expect((await client.bookmarks.list({ channel_id: 'C0INCIDENTS' })).bookmarks).toHaveLength(1);
    expect(await slackError(client.bookmarks.add({ channel_id: 'C0INCIDENTS', title: 'x', type: 'link', link: 'ftp://x' }))).toBe('invalid_link');
  });
});

describe('users', () => {
  it('answers users.info like the fixture, pages users.list and looks up by email', async () => {
    const { response_metadata: _m, ...info } = await client.users.info({ user: 'U0ALICE' });
    const expected = fixture('api-users-info.json') as { user: Record<string, unknown> & { profile: Record<string, unknown> } };
    expect(Object.keys(info.user ?? {})).toEqual(Object.keys(expected.user));
    expect(Object.keys((info.user as { profile: object }).profile)).toEqual(Object.keys(expected.user.profile));
    expect(info.user).toMatchObject({ id: 'U0ALICE', name: 'alice', real_name: 'Alice Nguyen', profile: { email: 'alice@acme.example' } });
    expect(await slackError(client.users.info({ user: 'U0GHOST1' }))).toBe('user_not_found');
    const page = await client.users.list({ limit: 3 });
    expect(page.members?.map((u) => u.id)).toEqual(['U0ALICE', 'U0BOB', 'U0CAROL']);
    expect(Buffer.from(page.response_metadata!.next_cursor!, 'base64').toString()).toBe('user:U0DAVE');
    const rest = await client.users.list({ limit: 3, cursor: page.response_metadata!.next_cursor! });
    expect(rest.members?.map((u) => u.id)).toEqual(['U0DAVE', 'U0ERIN', 'U0BOT']);
    expect(rest.response_metadata?.next_cursor).toBe('');
    expect((await client.users.lookupByEmail({ email: 'BOB@acme.example' })).user?.id).toBe('U0BOB');
    expect(await slackError(client.users.lookupByEmail({ email: 'nobody@acme.example' }))).toBe('users_not_found');
  });
});

describe('Sign in with Slack', () => {
  it('exchanges a code for a user token and an RS256 id_token verifiable with the JWKS', async () => {
    const code = emulator.issueOpenIdCode('U0ALICE', { nonce: 'n-1' });
    const res = await client.openid.connect.token({ client_id: '7450218834521.8012345678901', client_secret: 'shh', code });
    expect(res).toMatchObject({ ok: true, token_type: 'Bearer', access_token: expect.stringMatching(/^xoxp-/) });
    const [head, body, sig] = res.id_token!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: 'https://slack.com',
      sub: 'U0ALICE',
      aud: '7450218834521.8012345678901',
      nonce: 'n-1',
      'https://slack.com/team_id': 'T0TEAM',
      email: 'alice@acme.example',
    });
    const jwks = (await (await fetch(`${emulator.url}openid/connect/keys`)).json()) as { keys: Record<string, unknown>[] };
    const key = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
    expect(createVerify('RSA-SHA256').update(`${head}.${body}`).verify(key, Buffer.from(sig!, 'base64url'))).toBe(true);
    expect(await slackError(client.openid.connect.token({ client_id: 'x', client_secret: 'y', code }))).toBe('invalid_code');
    const user = new WebClient(res.access_token, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
    const { response_metadata: _m, ...info } = await user.openid.connect.userInfo();
    expect(Object.keys(info)).toEqual(Object.keys(fixture('api-openid-connect-userInfo-ok.json')));
    expect(info).toMatchObject({ sub: 'U0ALICE', name: 'Alice Nguyen', 'https://slack.com/team_domain': 'acme' });
    expect(await slackError(client.openid.connect.userInfo())).toBe('not_allowed_token_type');
  });

  it('serves a sign-in page that redirects with code and state', async () => {
    const q = new URLSearchParams({ client_id: 'c', redirect_uri: 'http://app.local/auth/callback', state: 'st', nonce: 'n', user: 'U0BOB' });
    const res = await fetch(`${emulator.url}openid/connect/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st');
    const token = await client.openid.connect.token({ client_id: 'c', client_secret: 's', code: location.searchParams.get('code')! });
    expect(JSON.parse(Buffer.from(token.id_token!.split('.')[1]!, 'base64url').toString())).toMatchObject({ sub: 'U0BOB' });
    q.delete('user');
    const page = await (await fetch(`${emulator.url}openid/connect/authorize?${q}`)).text();
    expect(page).toContain('Alice Nguyen');
  });
});
