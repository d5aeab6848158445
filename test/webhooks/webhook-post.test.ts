import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret, verifyWebhook } from '../../src/core/webhook/signing.js';
import { postWebhook } from '../../src/jobs/webhook-post.js';
import { StandInServer } from '../../src/stand-ins/stand-in-server.js';

/** One attempt against a real HTTP server: what counts as success, and what is never done (following a redirect, waiting forever). */
describe('a webhook attempt', () => {
  const server = new StandInServer('receiver');
  const other = new StandInServer('another host');
  const secret = newWebhookSecret();
  const delivery = (path: string) => ({ id: 1, eventId: 'evt-1', payload: '{"type":"incident.declared"}', attempts: 1, url: `${server.url}${path}`, secret });

  beforeAll(async () => {
    await server.start();
    await other.start();
    server.route('POST', '/ok', () => ({ status: 202, body: { ok: true } }));
    server.route('POST', '/away', () => ({ status: 307, headers: { location: `${other.url}/steal` } }));
    server.route('POST', '/slow', async () => {
      await new Promise((r) => setTimeout(r, 1000));
      return { status: 200 };
    });
    other.route('POST', '/steal', () => ({ status: 200 }));
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it('succeeds on any 2xx, signed over the exact body sent', async () => {
    const now = new Date();
    const result = await postWebhook(delivery('/ok'), now, 5000, 'Response-Webhooks/1');
    expect(result).toMatchObject({ ok: true, statusCode: 202, error: null });
    const [call] = server.calls('POST', '/ok');
    expect(call?.headers['user-agent']).toBe('Response-Webhooks/1');
    expect(call?.rawBody).toBe('{"type":"incident.declared"}');
    expect(verifyWebhook(secret, call?.headers ?? {}, call?.rawBody ?? '', now)).toEqual({ ok: true });
  });

  it('never follows a redirect: the signed body does not reach the other host', async () => {
    const result = await postWebhook(delivery('/away'), new Date(), 5000, 'ua');
    expect(result).toMatchObject({ ok: false, statusCode: 307 });
    expect(result.error).toContain("webhooks don't follow redirects");
    expect(other.calls()).toEqual([]);
  });

  it('gives up on a receiver that does not answer in time, and on one that refuses the connection', async () => {
    const slow = await postWebhook(delivery('/slow'), new Date(), 200, 'ua');
    expect(slow).toMatchObject({ ok: false, statusCode: null, error: 'no answer within 0.2 s' });
    expect(slow.durationMs).toBeLessThan(900);
    const closed = new StandInServer('gone');
    const url = await closed.start();
    await closed.close();
    const refused = await postWebhook({ ...delivery('/'), url: `${url}/hook` }, new Date(), 2000, 'ua');
    expect(refused).toMatchObject({ ok: false, statusCode: null });
    expect(refused.error).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
