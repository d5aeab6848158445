import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JiraConfig } from '../../../../config/integrations/jira.js';

import type { WebhookRequest, WebhookVerdict } from '../../../sdk/types.js';

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Jira Cloud admin webhooks registered with a secret are signed (WebSub): `X-Hub-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body>` (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks).
 * Without JIRA_WEBHOOK_SECRET nothing proves a delivery came from Jira, so none is accepted: a
 * forged "Done" would close follow-ups. A delivery is identified by X-Atlassian-Webhook-Identifier
 * (the same on Jira's retries), else by its timestamp and issue.
 */
export function verifyJiraWebhook(config: JiraConfig, req: Pick<WebhookRequest, 'headers' | 'rawBody'>): WebhookVerdict {
  if (!config.webhookSecret)
    return { ok: false, status: 403, message: 'Jira webhooks are off: set JIRA_WEBHOOK_SECRET and register the webhook with the same secret' };
  const header = req.headers['x-hub-signature'] ?? '';
  const [method, signature] = header.split('=', 2);
  if (method !== 'sha256' || !signature) return { ok: false, status: 401, message: 'X-Hub-Signature (sha256=…) is missing' };
  const expected = createHmac('sha256', config.webhookSecret).update(req.rawBody).digest('hex');
  if (!safeEqual(signature.toLowerCase(), expected)) return { ok: false, status: 401, message: 'X-Hub-Signature does not match the body' };
  const id = req.headers['x-atlassian-webhook-identifier'];
  if (id) return { ok: true, deliveryId: `jira:${id}` };
  let body: { timestamp?: unknown; issue?: { key?: unknown } };
  try {
    body = JSON.parse(req.rawBody) as typeof body;
  } catch {
    return { ok: false, status: 400, message: 'The body is not JSON' };
  }
  if (typeof body.timestamp !== 'number' || typeof body.issue?.key !== 'string')
    return { ok: false, status: 400, message: 'Neither X-Atlassian-Webhook-Identifier nor timestamp and issue.key to tell deliveries apart' };
  return { ok: true, deliveryId: `jira:${body.timestamp}:${body.issue.key}` };
}

/** The issue key and whether it is now done, from a `jira:issue_updated` delivery whose status changed; null for anything else. */
export function jiraStatusChange(body: unknown): { key: string; done: boolean } | null {
  const b = body as {
    webhookEvent?: unknown;
    issue?: { key?: unknown; fields?: { status?: { statusCategory?: { key?: unknown } } } };
    changelog?: { items?: { field?: unknown }[] };
  } | null;
  if (!b || b.webhookEvent !== 'jira:issue_updated') return null;
  const key = b.issue?.key;
  const category = b.issue?.fields?.status?.statusCategory?.key;
  if (typeof key !== 'string' || typeof category !== 'string') return null;
  // Other edits (summary, assignee) leave the action as it is; without a changelog, go by the status.
  const items = b.changelog?.items;
  if (Array.isArray(items) && !items.some((i) => i?.field === 'status')) return null;
  return { key, done: category === 'done' };
}
