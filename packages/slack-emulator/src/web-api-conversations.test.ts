import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from './index.js';
import { fixture, failure, slackError, startEmulatorWithClient } from '../test/web-api-client.js';

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  ({ emulator, client } = await startEmulatorWithClient());
});
afterEach(() => emulator.close());

describe('conversations.create / rename / archive', () => {
  it('creates a channel with the fixture shape', async () => {
    const res = await client.conversations.create({ name: 'inc-42-checkout-api-500s' });
    const expected = fixture('api-conversations-create-ok.json') as { channel: Record<string, unknown> };
    expect(Object.keys(res.channel ?? {})).toEqual(Object.keys(expected.channel));
    expect(res.channel).toMatchObject({ name: 'inc-42-checkout-api-500s', creator: 'U0BOT', is_member: true, is_private: false });
    expect(emulator.members(res.channel!.id!)).toEqual(['U0BOT']);
  });

  it('applies Slack naming rules, including archived names', async () => {
    expect(await slackError(client.conversations.create({ name: 'Inc-42' }))).toBe('invalid_name_specials');
    expect(await slackError(client.conversations.create({ name: 'inc 42' }))).toBe('invalid_name_specials');
    expect(await slackError(client.conversations.create({ name: 'x'.repeat(81) }))).toBe('invalid_name_maxlength');
    expect(await slackError(client.conversations.create({ name: '' }))).toBe('invalid_name_required');
    expect(await slackError(client.conversations.create({ name: '---' }))).toBe('invalid_name_punctuation');
    expect(await failure(client.conversations.create({ name: 'incidents' }))).toEqual(fixture('api-conversations-create-name-taken.json'));
    const old = await client.conversations.create({ name: 'inc-1' });
    await client.conversations.archive({ channel: old.channel!.id! });
    expect(await slackError(client.conversations.create({ name: 'inc-1' }))).toBe('name_taken');
    expect(await slackError(client.conversations.archive({ channel: old.channel!.id! }))).toBe('already_archived');
    expect(await slackError(client.conversations.archive({ channel: 'C0GENERAL' }))).toBe('cant_archive_general');
    await client.conversations.unarchive({ channel: old.channel!.id! });
    expect(await slackError(client.conversations.unarchive({ channel: old.channel!.id! }))).toBe('not_archived');
  });

  it('renames, keeps previous names and rejects taken names', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-42' });
    const res = await client.conversations.rename({ channel: channel!.id!, name: 'inc-42-resolved' });
    expect(res.channel).toMatchObject({ name: 'inc-42-resolved', previous_names: ['inc-42'] });
    expect(await slackError(client.conversations.rename({ channel: channel!.id!, name: 'general' }))).toBe('name_taken');
  });
});

describe('conversations.list / info / members / users.conversations', () => {
  it('paginates with opaque cursors and an empty cursor on the last page', async () => {
    for (let i = 0; i < 5; i++) await client.conversations.create({ name: `inc-${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.conversations.list({ limit: 2, cursor, types: 'public_channel' });
      seen.push(...(page.channels ?? []).map((c) => c.name!));
      cursor = page.response_metadata?.next_cursor;
      pages++;
      if (pages === 1) expect(Buffer.from(cursor!, 'base64').toString()).toMatch(/^team:C/);
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(['general', 'incidents', 'inc-0', 'inc-1', 'inc-2', 'inc-3', 'inc-4']);
    const first = await client.conversations.list({ limit: 2 });
    const expected = fixture('api-conversations-list.json') as { channels: Record<string, unknown>[] };
    expect(Object.keys(first.channels![0]!).sort()).toEqual(
      Object.keys(expected.channels[0]!)
        .filter((k) => k !== 'properties')
        .sort(),
    );
    expect(await slackError(client.conversations.list({ cursor: 'bm9wZQ==' }))).toBe('invalid_cursor');
  });

  it('filters by type and archived state, and hides private channels the bot is not in', async () => {
    const priv = await client.conversations.create({ name: 'secret', is_private: true });
    const arch = await client.conversations.create({ name: 'old' });
    await client.conversations.archive({ channel: arch.channel!.id! });
    const names = async (args: object) => ((await client.conversations.list(args)).channels ?? []).map((c) => c.name);
    expect(await names({ types: 'private_channel' })).toEqual(['secret']);
    expect(await names({ exclude_archived: true })).toEqual(['general', 'incidents']);
    await client.conversations.leave({ channel: priv.channel!.id! });
    expect(await names({ types: 'private_channel' })).toEqual([]);
    expect(await slackError(client.conversations.info({ channel: priv.channel!.id! }))).toBe('channel_not_found');
  });

  it('shows info with the fixture keys, members with pagination, and users.conversations', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-42-checkout-api-500s' });
    await client.conversations.setTopic({ channel: channel!.id!, topic: 'SEV1 | Checkout' });
    await client.conversations.setPurpose({ channel: channel!.id!, purpose: 'INC-42' });
    const info = await client.conversations.info({ channel: channel!.id! });
    const expected = fixture('api-conversations-info.json') as { channel: Record<string, unknown> };
    expect(Object.keys(info.channel ?? {})).toEqual(Object.keys(expected.channel));
    expect(info.channel?.topic).toMatchObject({ value: 'SEV1 | Checkout', creator: 'U0BOT' });
    expect(emulator.topic(channel!.id!)?.value).toBe('SEV1 | Checkout');
    const members = await client.conversations.members({ channel: 'C0GENERAL', limit: 4 });
    expect(members.members).toHaveLength(4);
    const rest = await client.conversations.members({ channel: 'C0GENERAL', cursor: members.response_metadata!.next_cursor! });
    expect(rest.members).toEqual(['U0ERIN', 'U0BOT']);
    expect(rest.response_metadata?.next_cursor).toBe('');
    const mine = await client.users.conversations({ user: 'U0DAVE' });
    expect(mine.channels?.map((c) => c.id)).toEqual(['C0GENERAL']);
  });

  it('guards setTopic: length, membership, archived', async () => {
    expect(await slackError(client.conversations.setTopic({ channel: 'C0INCIDENTS', topic: 'x'.repeat(251) }))).toBe('too_long');
    const { channel } = await client.conversations.create({ name: 'inc-9' });
    await client.conversations.leave({ channel: channel!.id! });
    expect(await slackError(client.conversations.setTopic({ channel: channel!.id!, topic: 't' }))).toBe('not_in_channel');
    await client.conversations.join({ channel: channel!.id! });
    await client.conversations.archive({ channel: channel!.id! });
    expect(await slackError(client.conversations.setTopic({ channel: channel!.id!, topic: 't' }))).toBe('is_archived');
    expect(await slackError(client.conversations.setTopic({ channel: 'C0NOPE', topic: 't' }))).toBe('channel_not_found');
  });
});

describe('conversations.invite', () => {
  it('answers per-user errors exactly like the fixtures', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-42-checkout-api-500s' });
    const id = channel!.id!;
    await client.conversations.invite({ channel: id, users: 'U0BOB' });
    expect(await failure(client.conversations.invite({ channel: id, users: 'U0BOB' }))).toEqual(fixture('api-conversations-invite-already-in-channel.json'));
    expect(await failure(client.conversations.invite({ channel: id, users: 'U0BOT' }))).toEqual(fixture('api-conversations-invite-cant-invite-self.json'));
    await client.conversations.invite({ channel: id, users: 'U0ALICE' });
    const forced = await client.conversations.invite({ channel: id, users: 'U0CAROL,U0ALICE,U0GHOST1', force: true });
    expect(forced.errors).toEqual((fixture('api-conversations-invite-force-partial.json') as { errors: unknown }).errors);
    expect(emulator.members(id)).toEqual(['U0BOT', 'U0BOB', 'U0ALICE', 'U0CAROL']);
  });

  it('fails the whole call without force, and requires the bot in the channel', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-7' });
    expect(await failure(client.conversations.invite({ channel: channel!.id!, users: 'U0BOB,U0GHOST1' }))).toMatchObject({ error: 'user_not_found' });
    expect(emulator.members(channel!.id!)).toEqual(['U0BOT']);
    await client.conversations.leave({ channel: channel!.id! });
    expect(await slackError(client.conversations.invite({ channel: channel!.id!, users: 'U0BOB' }))).toBe('not_in_channel');
  });
});

describe('conversations.history / replies', () => {
  it('reads newest first with pagination, threads in order, and requires membership', async () => {
    const alice = emulator.as('U0ALICE');
    const ts1 = await alice.postMessage('incidents', 'one');
    await alice.postMessage('incidents', 'two');
    await alice.postMessage('incidents', 'reply', { threadTs: ts1 });
    await alice.postMessage('incidents', 'three');
    const page = await client.conversations.history({ channel: 'C0INCIDENTS', limit: 2 });
    expect(page.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(page.has_more).toBe(true);
    const next = await client.conversations.history({ channel: 'C0INCIDENTS', cursor: page.response_metadata!.next_cursor! });
    expect(next.messages?.map((m) => m.text)).toEqual(['one']);
    expect(next.messages?.[0]).toMatchObject({ reply_count: 1, thread_ts: ts1 });
    const thread = await client.conversations.replies({ channel: 'C0INCIDENTS', ts: ts1 });
    expect(thread.messages?.map((m) => m.text)).toEqual(['one', 'reply']);
    expect(await slackError(client.conversations.replies({ channel: 'C0INCIDENTS', ts: '1.000000' }))).toBe('thread_not_found');
    const { channel } = await client.conversations.create({ name: 'inc-8' });
    await client.conversations.leave({ channel: channel!.id! });
    expect(await slackError(client.conversations.history({ channel: channel!.id! }))).toBe('not_in_channel');
  });
});
