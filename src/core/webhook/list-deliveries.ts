import { z } from 'zod';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { authorizeSetting } from '../shared/authorize.js';
import { existingEndpoint, WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryPage, WebhookDeps } from './ports.js';

const pageSchema = z
  .object({
    state: z.enum(['pending', 'succeeded', 'failed']).optional(),
    // The cursor is the last delivery id of the previous page.
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'is not valid; use the "next" value of a previous page')
      .optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

/** An endpoint's delivery log, newest first (optionally only failed ones), a page at a time. */
export async function listWebhookDeliveries(
  deps: WebhookDeps,
  ctx: Ctx,
  endpointId: number,
  input: z.input<typeof pageSchema> = {},
): Promise<WebhookDeliveryPage> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  await existingEndpoint(deps.webhooks, endpointId);
  const valid = validate(pageSchema, input);
  const rows = await deps.webhooks.listDeliveries(endpointId, {
    state: valid.state,
    before: valid.cursor ? Number(valid.cursor) : undefined,
    limit: valid.limit + 1,
  });
  const results = rows.slice(0, valid.limit);
  const last = results.at(-1);
  return { results, next: rows.length > valid.limit && last ? String(last.id) : null };
}

/** One delivery with the exact body sent and every attempt. */
export async function getWebhookDelivery(
  deps: WebhookDeps,
  ctx: Ctx,
  endpointId: number,
  deliveryId: number,
): Promise<WebhookDelivery & { payload: string; log: WebhookAttempt[] }> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  await existingEndpoint(deps.webhooks, endpointId);
  const delivery = deliveryId > 0 && deliveryId <= Number.MAX_SAFE_INTEGER ? await deps.webhooks.getDelivery(endpointId, deliveryId) : null;
  if (!delivery) throw notFound(`Delivery ${deliveryId} of webhook endpoint ${endpointId}`);
  return delivery;
}
