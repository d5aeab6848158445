import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from '../../src/core/webhook/signing.js';
import { MAX_ATTEMPTS, nextAttemptDelayMs, RETRY_DELAYS_MS } from '../../src/core/webhook/retry-schedule.js';
import { parseRetryAfter } from '../../src/jobs/webhook-post.js';

describe('Standard Webhooks signatures', () => {
  it('match the reference libraries’ test vector', () => {
    // The vector the Standard Webhooks reference implementations test against.
    const signature = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verify with the right secret only, over the exact body, within the tolerance', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const at = new Date('2030-01-01T00:00:00Z');
    const body = '{"type":"incident.declared"}';
    const headers = webhookHeaders(secret, 'evt-1', at, body);
    expect(headers['webhook-timestamp']).toBe(String(at.getTime() / 1000));
    expect(verifyWebhook(secret, headers, body, at)).toEqual({ ok: true });
    expect(verifyWebhook(newWebhookSecret(), headers, body, at)).toEqual({ ok: false, reason: 'no matching signature' });
    expect(verifyWebhook(secret, headers, `${body} `, at).ok).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'evt-2' }, body, at).ok).toBe(false);
    expect(verifyWebhook(secret, headers, body, new Date(at.getTime() + 301_000))).toEqual({ ok: false, reason: 'timestamp outside the tolerance' });
    // Several signatures (a receiver mid-rotation): any one matching is enough.
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,bm90IGl0 ${headers['webhook-signature']}` }, body, at)).toEqual({ ok: true });
  });
});

describe('the retry schedule', () => {
  it('is the spec’s: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then failed (about a day)', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => nextAttemptDelayMs(n))).toEqual([...RETRY_DELAYS_MS, null]);
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeCloseTo(27.6, 1);
  });

  it('waits a 429’s Retry-After when it is longer than the backoff, never shorter', () => {
    expect(nextAttemptDelayMs(1, 120_000)).toBe(120_000);
    expect(nextAttemptDelayMs(3, 1_000)).toBe(1_800_000);
    expect(parseRetryAfter('120', new Date())).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2030 00:01:00 GMT', new Date('2030-01-01T00:00:00Z'))).toBe(60_000);
    expect(parseRetryAfter('soon', new Date())).toBeNull();
  });
});
