import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient } from '../../src/slack/client/web-client.js';

// A bare HTTP server that records each request body as sent and answers like Slack.
let server: Server;
let apiUrl: string;
const bodies: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the Slack client', () => {
  it('sends views and blocks byte for byte as the plain SDK client does', async () => {
    const view = { type: 'modal' as const, callback_id: 'x', title: { type: 'plain_text' as const, text: 'Déclarer <un> incident & "quoi"' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*bold* :fire: <@U0ALICE>' } }] };
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'a+b=c?&d' } }];
    const ours = createSlackClient({ token: 'xoxb-t', apiUrl, retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 }, logger: pino({ level: 'silent' }) });
    const plain = new WebClient('xoxb-t', { slackApiUrl: apiUrl, retryConfig: { retries: 0 } });
    for (const client of [ours, plain]) {
      await client.views.open({ trigger_id: '1.2.abc', view });
      await client.chat.postMessage({ channel: 'C1', text: 'fallback', blocks });
    }
    expect(bodies).toHaveLength(4);
    expect(bodies[0]).toBe(bodies[2]);
    expect(bodies[1]).toBe(bodies[3]);
    expect(new URLSearchParams(bodies[0]).get('view')).toBe(JSON.stringify(view));
  });
});
