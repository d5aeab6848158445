import { z } from 'zod';
import type { CoreDeps, IncidentFilter, Page } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { storableDateSchema, storableText } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';
import type { Incident } from './model.js';
import { severitySchema, statusSchema } from './schemas.js';

export const listIncidentsSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: storableText().nullish(),
  status: z.union([statusSchema, z.literal('open')]).optional(),
  severity: severitySchema.optional(),
  q: storableText().refine((s) => s.length <= 200, 'must be at most 200 characters').optional(),
  from: storableDateSchema().optional(),
  to: storableDateSchema().optional(),
});

export async function listIncidents(
  deps: CoreDeps,
  _ctx: Ctx,
  input: z.input<typeof listIncidentsSchema>,
  visibility: Pick<IncidentFilter, 'viewerSlackId' | 'viewerIsAdmin'> = {},
): Promise<Page<Incident>> {
  const f = validate(listIncidentsSchema, input);
  return deps.store.incidents.list({ status: f.status, severity: f.severity, q: f.q, from: f.from, to: f.to, ...visibility }, f.limit, f.cursor ?? null);
}
