import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack's v0 request signing (see /work/shared/slack-fixtures/README.md): HMAC-SHA256 of
 * `v0:{ts}:{raw body}`. The benchmark signs every request itself, and the bare baseline route
 * verifies with the same algorithm, so both sides pay the same crypto.
 */
export function slackHeaders(secret: string, body: string, contentType: 'application/json' | 'application/x-www-form-urlencoded', now = Math.floor(Date.now() / 1000)): Record<string, string> {
  const ts = String(now);
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature };
}

export function verifySlack(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = Buffer.from('v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
