import { z } from 'zod';
import { storableText } from '../shared/input-limits.js';
import { UPDATE_STATUSES } from './ports.js';
import { publishInputSchema } from '../status-page/publish-schema.js';

/** A status update fits one Slack section (3000 characters) with its heading. */
export const UPDATE_MESSAGE_MAX = 2800;
export const NEXT_STEPS_MAX = 2800;
/** The furthest ahead the next update may be promised: a day. */
export const NEXT_UPDATE_MAX_MINUTES = 1440;

const text = (max: number) =>
  storableText()
    .transform((s) => s.trim())
    .refine((s) => s.length <= max, `must be at most ${max} characters`);

export const statusUpdateInputSchema = z
  .object({
    status: z.enum(UPDATE_STATUSES, { message: `must be one of ${UPDATE_STATUSES.join(', ')}` }),
    message: text(UPDATE_MESSAGE_MAX).refine((s) => s.length > 0, 'must not be blank: say what is happening now'),
    nextSteps: text(NEXT_STEPS_MAX)
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
    /** Omitted: the severity's cadence; null: no next update is promised. */
    nextUpdateInMinutes: z
      .number({ message: `must be a whole number of minutes from 1 to ${NEXT_UPDATE_MAX_MINUTES}` })
      .int(`must be a whole number of minutes from 1 to ${NEXT_UPDATE_MAX_MINUTES}`)
      .min(1, `must be a whole number of minutes from 1 to ${NEXT_UPDATE_MAX_MINUTES}`)
      .max(NEXT_UPDATE_MAX_MINUTES, `must be a whole number of minutes from 1 to ${NEXT_UPDATE_MAX_MINUTES}`)
      .nullable()
      .optional(),
    /** Also publish it to the status page, with its own public wording; absent or null: internal only. */
    publish: publishInputSchema.nullish(),
  })
  .strict();

export type StatusUpdateInput = z.input<typeof statusUpdateInputSchema>;
