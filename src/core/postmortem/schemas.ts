import { z } from 'zod';
import { storableText } from '../shared/input-limits.js';
import { POSTMORTEM_STATES } from './ports.js';

/** Long enough for any real review (a book chapter), short enough to keep one row sane. */
export const POSTMORTEM_MAX = 100_000;

const version = z.number({ message: 'must be the version you edited (a whole number; 0 when it was not started)' }).int('must be a whole number').min(0, 'must be 0 or more');

export const savePostmortemSchema = z
  .object({
    markdown: storableText()
      .refine((s) => s.trim().length > 0, 'must not be blank: write the postmortem, or start it from the template')
      .refine((s) => s.length <= POSTMORTEM_MAX, `must be at most ${POSTMORTEM_MAX} characters`),
    /** The version the edit started from; omitted: save over whatever is stored. */
    version: version.optional(),
    /** Omitted: a new postmortem is a draft, a stored one keeps its state. */
    state: z.enum(POSTMORTEM_STATES, { message: `must be one of ${POSTMORTEM_STATES.join(', ')}` }).optional(),
  })
  .strict();
export type SavePostmortemInput = z.input<typeof savePostmortemSchema>;

export const reviewPostmortemSchema = z.object({ version: version.optional() }).strict();
export type ReviewPostmortemInput = z.input<typeof reviewPostmortemSchema>;
