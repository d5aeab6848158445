import { z } from 'zod';
import { ACTION_PRIORITIES, ACTION_TYPES } from './ports.js';
import { slackUserId } from '../incident/schemas.js';
import { storableDate, storableText } from '../shared/input-limits.js';

export const actionFieldsSchema = z
  .object({
    details: storableText().refine((s) => s.length <= 10000, 'must be at most 10000 characters'),
    done: z.boolean(),
    dueDate: z.iso
      .date({ message: 'must be a date such as 2026-12-31' })
      .refine((s) => storableDate(new Date(`${s}T00:00:00Z`)), 'must be a date between the years 0001 and 9999')
      .nullable(),
    priority: z.enum(ACTION_PRIORITIES, { message: 'must be one of high, medium, low' }).nullable(),
    type: z.enum(ACTION_TYPES, { message: 'must be one of detective, preventative, corrective' }).nullable(),
    assignee: slackUserId.nullable(),
  })
  .partial()
  .strict();
export type ActionInput = z.input<typeof actionFieldsSchema>;
