import { z } from 'zod';
import { REPORT_MAX_LENGTH, SEVERITIES, STATUSES } from './model.js';

const nonBlank = (max?: number) => {
  const base = z.string().refine((s) => s.trim().length > 0, 'must not be blank');
  return max ? base.refine((s) => s.length <= max, `must be at most ${max} characters`) : base;
};

export const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
export const severitySchema = z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` });
export const statusSchema = z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` });
export const reportSchema = nonBlank(REPORT_MAX_LENGTH);
export const longTextSchema = z.string().max(20000, 'must be at most 20000 characters');
