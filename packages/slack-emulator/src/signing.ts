import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack's v0 request signature: "v0=" + hex(HMAC-SHA256(secret, "v0:" + ts + ":" + rawBody)).
 * The body must be the exact bytes that go on the wire; re-serialising JSON would change the signature.
 */
export function computeSlackSignature(signingSecret: string, timestamp: number | string, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}

export interface SignedHeaders {
  'X-Slack-Request-Timestamp': string;
  'X-Slack-Signature': string;
}

export function signSlackRequest(signingSecret: string, rawBody: string, timestampSeconds: number): SignedHeaders {
  return {
    'X-Slack-Request-Timestamp': String(timestampSeconds),
    'X-Slack-Signature': computeSlackSignature(signingSecret, timestampSeconds, rawBody),
  };
}

/** The receiving side, as apps implement it: 5-minute replay window, constant-time compare. */
export function verifySlackSignature(opts: {
  signingSecret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds?: number;
}): boolean {
  const { timestamp, signature } = opts;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(computeSlackSignature(opts.signingSecret, timestamp, opts.rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
