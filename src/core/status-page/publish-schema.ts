import { z } from 'zod';
import { storableText } from '../shared/input-limits.js';
import { COMPONENT_STATUSES } from './ports.js';

export const PUBLIC_TITLE_MAX = 200;
/** Statuspage's incident body is plain text; the same bound as the internal message. */
export const PUBLIC_BODY_MAX = 2800;

const trimmed = (max: number) =>
  storableText()
    .transform((s) => s.trim())
    .refine((s) => s.length <= max, `must be at most ${max} characters`);

/**
 * "Publish to the status page": its own public wording (never the internal message) and how each
 * component is affected. The title may be left out after the first publish (it keeps the last one).
 */
export const publishInputSchema = z
  .object({
    title: trimmed(PUBLIC_TITLE_MAX)
      .nullish()
      .transform((s) => (s ? s : null)),
    body: trimmed(PUBLIC_BODY_MAX).refine((s) => s.length > 0, 'must not be blank: say what customers see and what you are doing, in public words'),
    components: z
      .record(z.string(), z.enum(COMPONENT_STATUSES, { message: `must be one of ${COMPONENT_STATUSES.join(', ')}` }))
      .optional(),
  })
  .strict();

export type PublishInput = z.input<typeof publishInputSchema>;
