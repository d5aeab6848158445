import { z } from 'zod';
import { storableText } from '../shared/input-limits.js';
import { REPORT_MAX_LENGTH, SEVERITIES, STATUSES } from './model.js';

const nonBlank = (max?: number) => {
  const base = storableText().refine((s) => s.trim().length > 0, 'must not be blank');
  return max ? base.refine((s) => s.length <= max, `must be at most ${max} characters`) : base;
};

/** Summary and impact: long, but bounded (a doc section, not a file store). */
export const LONG_TEXT_MAX_LENGTH = 20000;

export const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
export const severitySchema = z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` });
export const statusSchema = z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` });
export const reportSchema = nonBlank(REPORT_MAX_LENGTH);
export const longTextSchema = storableText().refine((s) => s.length <= LONG_TEXT_MAX_LENGTH, `must be at most ${LONG_TEXT_MAX_LENGTH} characters`);
