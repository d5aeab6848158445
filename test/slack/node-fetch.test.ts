import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '@response/slack-emulator';
import { createSlackClient } from '../../src/slack/client/web-client.js';
import { createNodeFetch } from '../../src/slack/client/node-fetch.js';

/** A plain HTTP server whose handler each test sets; it remembers the client port of every request. */
async function rawServer(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const ports: number[] = [];
  const server: Server = createServer((req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, ports, close: () => new Promise<void>((resolve) => server.close(() => resolve())), server };
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the Slack SDK over Node’s HTTP client (createNodeFetch)', () => {
  let emulator: SlackEmulator;

  async function client(retries = 0) {
    emulator = await startSlackEmulator({ signingSecret: 'secret' });
    closers.push(() => emulator.close());
    const outcomes: string[] = [];
    const c = createSlackClient({
      token: emulator.botToken,
      apiUrl: emulator.apiUrl,
      retry: { retries, minTimeoutMs: 10, maxTimeoutMs: 20 },
      logger: pino({ level: 'silent' }),
      onCall: (method, outcome) => outcomes.push(`${method}:${outcome}`),
    });
    return { c, outcomes };
  }

  it('makes real Web API calls: the arguments arrive, the answer and its errors come back as the SDK gives them', async () => {
    const { c, outcomes } = await client();
    const posted = await c.chat.postMessage({ channel: 'C0INCIDENTS', text: 'hé <b>', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ünïcode ✓' } }] });
    expect(posted.ok).toBe(true);
    expect(emulator.lastCall('chat.postMessage')?.args).toMatchObject({ channel: 'C0INCIDENTS', text: 'hé <b>', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ünïcode ✓' } }] });
    const err = (await c.conversations.info({ channel: 'C0NOPE' }).catch((e: unknown) => e)) as WebAPIPlatformError;
    expect(err.code).toBe('slack_webapi_platform_error');
    expect(err.data.error).toBe('channel_not_found');
    expect(outcomes).toEqual(['chat.postMessage:ok', 'conversations.info:channel_not_found']);
  });

  it('passes Slack’s rate limit through: a 429 with Retry-After reaches the SDK, which waits and retries', async () => {
    const { c } = await client(1);
    emulator.faults.failNext('users.info', { status: 429, retryAfter: 1 });
    const t0 = Date.now();
    const info = await c.users.info({ user: 'U0ALICE' });
    expect(info.ok).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(emulator.calls('users.info').map((call) => call.status)).toEqual([429, 200]);
  });

  it('reports a 429 as the SDK’s rate-limited error when the client rejects rate-limited calls', async () => {
    emulator = await startSlackEmulator({ signingSecret: 'secret' });
    closers.push(() => emulator.close());
    const c = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, fetch: createNodeFetch({ timeoutMs: 5000 }) });
    emulator.faults.failNext('auth.test', { status: 429, retryAfter: 7 });
    const err = (await c.auth.test().catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe('slack_webapi_rate_limited_error');
    expect(err.retryAfter).toBe(7);
  });
});

describe('createNodeFetch on the wire', () => {
  it('keeps the connection alive between calls and sends the body with its length', async () => {
    const seen: { length: string | undefined; body: string; type: string | undefined }[] = [];
    const srv = await rawServer((req, body, res) => {
      seen.push({ length: req.headers['content-length'], body, type: req.headers['content-type'] });
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write, channels:read' }).end('{"ok":true}');
    });
    closers.push(srv.close);
    const f = createNodeFetch({ timeoutMs: 5000 });
    const body = 'text=%C3%A9t%C3%A9&channel=C1';
    for (let i = 0; i < 3; i++) {
      const r = await f(`${srv.url}/api/chat.postMessage`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body, redirect: 'error' });
      expect(r.status).toBe(200);
      expect(r.headers.get('X-OAuth-Scopes')).toBe('chat:write, channels:read');
      expect(await r.json()).toEqual({ ok: true });
    }
    expect(seen).toEqual(Array(3).fill({ length: String(Buffer.byteLength(body)), body, type: 'application/x-www-form-urlencoded' }));
    expect(new Set(srv.ports).size).toBe(1);
  });

  it('gives the status, headers and body of an error answer, and bytes for binary answers', async () => {
    const srv = await rawServer((_req, _body, res) => {
      res.writeHead(503, 'Unavailable', { 'content-type': 'application/gzip', 'retry-after': '3' });
      res.end(Buffer.from([0, 1, 2, 255]));
    });
    closers.push(srv.close);
    const r = await createNodeFetch({ timeoutMs: 5000 })(`${srv.url}/x`, { method: 'POST', body: '', redirect: 'error' });
    expect([r.status, r.statusText, r.ok]).toEqual([503, 'Unavailable', false]);
    expect(Object.fromEntries(r.headers.entries())).toMatchObject({ 'content-type': 'application/gzip', 'retry-after': '3' });
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('refuses to follow a redirect when asked to (the SDK asks), as fetch does', async () => {
    const srv = await rawServer((_req, _body, res) => res.writeHead(302, { location: 'http://evil.example/' }).end());
    closers.push(srv.close);
    const err = (await createNodeFetch({ timeoutMs: 5000 })(`${srv.url}/api/x`, { method: 'POST', body: 'a=1', redirect: 'error' }).catch((e: unknown) => e)) as TypeError;
    expect(err).toBeInstanceOf(TypeError);
    expect(String((err.cause as Error).message)).toContain('unexpected redirect (302)');
  });

  it('gives up on an attempt after the time limit with a TimeoutError, and honours an abort signal', async () => {
    const srv = await rawServer(() => undefined); // never answers
    closers.push(async () => {
      srv.server.closeAllConnections();
      await srv.close();
    });
    const f = createNodeFetch({ timeoutMs: 150 });
    const t0 = Date.now();
    const timedOut = (await f(`${srv.url}/api/x`, { method: 'POST', body: 'a=1', redirect: 'error' }).catch((e: unknown) => e)) as DOMException;
    expect(timedOut.name).toBe('TimeoutError');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    const controller = new AbortController();
    const pending = createNodeFetch({ timeoutMs: 0 })(`${srv.url}/api/x`, { method: 'POST', body: 'a=1', redirect: 'error', signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('hands anything but a plain string body to the platform fetch (file uploads use FormData)', async () => {
    const seen: string[] = [];
    const srv = await rawServer((req, body, res) => {
      seen.push(`${req.headers['content-type']?.split(';')[0]} ${body.includes('hello file') ? 'with file' : 'without file'}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    closers.push(srv.close);
    const form = new FormData();
    form.append('file', new Blob(['hello file']), 'a.txt');
    const r = await createNodeFetch({ timeoutMs: 5000 })(`${srv.url}/upload`, { method: 'POST', body: form, redirect: 'error' });
    expect(await r.json()).toEqual({ ok: true });
    expect(seen).toEqual(['multipart/form-data with file']);
  });

  it('fails with fetch’s TypeError when nothing listens', async () => {
    const srv = await rawServer(() => undefined);
    await srv.close();
    const err = (await createNodeFetch({ timeoutMs: 5000 })(`${srv.url}/api/x`, { method: 'POST', body: 'a=1', redirect: 'error' }).catch((e: unknown) => e)) as TypeError;
    expect(err).toBeInstanceOf(TypeError);
    expect((err.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});
