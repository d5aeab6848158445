import { notFound } from '../shared/errors.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';

/**
 * Endpoints receive incident data outside Response and their secrets sign it: every webhook verb
 * first authorises `manageWebhooks` (workspace admins by default; API tokens and the CLI), then
 * finds its endpoint with this.
 */
export const WEBHOOKS_PERMISSION = 'manageWebhooks' as const;

export async function existingEndpoint(webhooks: WebhookDeps['webhooks'], id: number): Promise<WebhookEndpoint> {
  const endpoint = await webhooks.getEndpoint(id);
  if (!endpoint) throw notFound(`Webhook endpoint ${id}`);
  return endpoint;
}
