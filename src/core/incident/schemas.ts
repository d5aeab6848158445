import { z } from 'zod';
import { storableText } from '../shared/input-limits.js';
import { REPORT_MAX_LENGTH, STATUSES } from './model.js';

const nonBlank = (max?: number) => {
  const base = storableText().refine((s) => s.trim().length > 0, 'must not be blank');
  return max ? base.refine((s) => s.length <= max, `must be at most ${max} characters`) : base;
};

/** Summary and impact: long, but bounded (a doc section, not a file store). */
export const LONG_TEXT_MAX_LENGTH = 20000;

export const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
/** A severity key's shape; whether it is configured is checked by the verb against the process. */
export const severitySchema = z.string({ message: 'must be a severity key' }).regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a severity key such as major');
/** A type key's shape; whether it is configured is checked by the verb against the process. */
export const typeSchema = z.string({ message: 'must be an incident type key' }).regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be an incident type key such as security');
export const statusSchema = z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` });
export const reportSchema = nonBlank(REPORT_MAX_LENGTH);
export const longTextSchema = storableText().refine((s) => s.length <= LONG_TEXT_MAX_LENGTH, `must be at most ${LONG_TEXT_MAX_LENGTH} characters`);
