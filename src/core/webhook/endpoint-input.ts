import { z } from 'zod';
import { DOMAIN_EVENT_TYPES } from '../events/domain-events.js';
import { hasNul, NUL_MESSAGE } from '../shared/input-limits.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An endpoint URL: https, or plain http to this machine (a receiver under development) or anywhere
 * when `allowPlainHttp` (the sandbox). No credentials in the URL: they would show in every list.
 */
export function urlSchema(allowPlainHttp: boolean) {
  return z
    .string()
    .max(2000)
    .refine((s) => !hasNul(s), NUL_MESSAGE)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://example.com/hooks/response' });
        return;
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (allowPlainHttp || LOCAL_HOSTS.has(url.hostname))))
        ctx.addIssue({ code: 'custom', message: 'must use https:// (plain http:// only to localhost or 127.0.0.1)' });
      else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not hold a user name or password; verify the signature instead' });
    });
}

const eventTypesSchema = z
  .array(z.string())
  .min(1, 'must name at least one event type (or be null for every type)')
  .max(DOMAIN_EVENT_TYPES.length)
  .superRefine((types, ctx) => {
    const unknown = types.filter((t) => !(DOMAIN_EVENT_TYPES as readonly string[]).includes(t));
    if (unknown.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `unknown event type ${unknown.map((t) => `"${t}"`).join(', ')}; the types are ${DOMAIN_EVENT_TYPES.join(', ')}`,
      });
  })
  // Stored in the canonical order, without repeats.
  .transform((types) => DOMAIN_EVENT_TYPES.filter((t) => types.includes(t)) as string[]);

const description = z
  .string()
  .max(500)
  .refine((s) => !hasNul(s), NUL_MESSAGE);

export function newEndpointSchema(allowPlainHttp: boolean) {
  return z
    .object({
      url: urlSchema(allowPlainHttp),
      description: description.default(''),
      event_types: eventTypesSchema.nullable().default(null),
      include_private: z.boolean().default(false),
      enabled: z.boolean().default(true),
    })
    .strict();
}

export function endpointChangesSchema(allowPlainHttp: boolean) {
  return z
    .object({
      url: urlSchema(allowPlainHttp).optional(),
      description: description.optional(),
      event_types: eventTypesSchema.nullable().optional(),
      include_private: z.boolean().optional(),
      enabled: z.boolean().optional(),
    })
    .strict();
}

export type NewEndpointInput = z.input<ReturnType<typeof newEndpointSchema>>;
export type EndpointChangesInput = z.input<ReturnType<typeof endpointChangesSchema>>;
