import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * PagerDuty's v3 webhook signature (developer.pagerduty.com/docs/webhooks/webhook-signatures):
 * `X-PagerDuty-Signature` holds one or more `v1=<hex HMAC-SHA256 of the raw body>`, comma-separated
 * while a secret is being rotated. A delivery is genuine when any v1 signature matches any of our
 * secrets (compared in constant time, over the exact bytes received).
 */
export function verifyPagerDutySignature(rawBody: string, header: string | undefined, secrets: string[]): boolean {
  if (!header || secrets.length === 0) return false;
  const given = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .map((s) => Buffer.from(s.slice(3), 'utf8'));
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex'), 'utf8');
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected))) return true;
  }
  return false;
}
