import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from './index.js';
import { slackError, startEmulatorWithClient } from '../test/web-api-client.js';

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  ({ emulator, client } = await startEmulatorWithClient());
});
afterEach(() => emulator.close());

const metadata = { event_type: 'task_created', event_payload: { id: 'TK-1', priority: 'HIGH' } };

describe('message metadata', () => {
  it('is kept with the message and listed only with include_all_metadata', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'with metadata', metadata });
    expect(posted.message?.metadata).toEqual(metadata);
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'without' });

    const plain = await client.conversations.history({ channel: 'C0INCIDENTS' });
    expect(plain.messages?.map((m) => m.metadata)).toEqual([undefined, undefined]);
    const all = await client.conversations.history({ channel: 'C0INCIDENTS', include_all_metadata: true });
    expect(all.messages?.map((m) => [m.text, m.metadata])).toEqual([
      ['without', undefined],
      ['with metadata', metadata],
    ]);
    // The stored message keeps it whatever a reader asked for.
    expect(emulator.message('incidents', posted.ts!)?.metadata).toEqual(metadata);

    const replies = await client.conversations.replies({ channel: 'C0INCIDENTS', ts: posted.ts!, include_all_metadata: true });
    expect(replies.messages?.[0]?.metadata).toEqual(metadata);
    expect((await client.conversations.replies({ channel: 'C0INCIDENTS', ts: posted.ts! })).messages?.[0]?.metadata).toBeUndefined();
  });

  it('is replaced by chat.update when given and kept when not', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'v1', metadata });
    await client.chat.update({ channel: 'C0INCIDENTS', ts: posted.ts!, text: 'v2' });
    expect(emulator.message('incidents', posted.ts!)).toMatchObject({ text: 'v2', metadata });
    const next = { event_type: 'task_done', event_payload: { id: 'TK-1' } };
    await client.chat.update({ channel: 'C0INCIDENTS', ts: posted.ts!, text: 'v3', metadata: next });
    expect(emulator.message('incidents', posted.ts!)).toMatchObject({ text: 'v3', metadata: next });
  });

  it('refuses what is not a JSON object (invalid_metadata_format) or lacks event_type/event_payload (invalid_metadata_schema), posting nothing', async () => {
    const raw = (value: string) =>
      fetch(`${emulator.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { Authorization: 'Bearer xoxb-test' },
        body: new URLSearchParams({ channel: 'C0INCIDENTS', text: 'x', metadata: value }),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(await raw('{not json')).toEqual({ ok: false, error: 'invalid_metadata_format' });
    expect(await raw('["a"]')).toEqual({ ok: false, error: 'invalid_metadata_format' });
    expect(await raw('"text"')).toEqual({ ok: false, error: 'invalid_metadata_format' });
    expect(await raw(JSON.stringify({ event_payload: {} }))).toEqual({ ok: false, error: 'invalid_metadata_schema' });
    expect(await raw(JSON.stringify({ event_type: 'x' }))).toEqual({ ok: false, error: 'invalid_metadata_schema' });
    expect(await raw(JSON.stringify({ event_type: 'x', event_payload: 'y' }))).toEqual({ ok: false, error: 'invalid_metadata_schema' });
    expect(await slackError(client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x', metadata: { event_type: '', event_payload: {} } }))).toBe('invalid_metadata_schema');
    expect(emulator.messages('incidents')).toEqual([]);
  });

  it('drops an event type with punctuation, with a warning, and still posts', async () => {
    const res = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'dotted', metadata: { event_type: 'task.created', event_payload: {} } });
    expect(res).toMatchObject({ ok: true, warning: 'invalid_metadata_schema', response_metadata: { warnings: ['invalid_metadata_schema'] } });
    expect(emulator.message('incidents', res.ts!)?.metadata).toBeUndefined();
  });
});
