import { z } from 'zod';
import type { Page } from '../shared/page.js';
import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { storableDateSchema, storableText } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';
import type { Incident } from './model.js';
import { severitySchema, statusSchema, typeSchema } from './schemas.js';
import { checkSeverityKey, checkTypeKey, incidentProcessOf } from '../shared/incident-process.js';
import { invalid } from '../shared/errors.js';
import { fieldFilter } from '../custom-field/field-filter.js';

export const listIncidentsSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: storableText().nullish(),
  status: z.union([statusSchema, z.literal('open')]).optional(),
  severity: severitySchema.optional(),
  type: typeSchema.optional(),
  q: storableText().refine((s) => s.length <= 200, 'must be at most 200 characters').optional(),
  from: storableDateSchema().optional(),
  to: storableDateSchema().optional(),
  /** Field filters by key: a select's option key, a user field's Slack id, or an option a multi select includes. */
  fields: z.record(z.string(), storableText()).optional(),
});

export async function listIncidents(
  deps: CoreDeps,
  ctx: Ctx,
  input: z.input<typeof listIncidentsSchema>,
): Promise<Page<Incident>> {
  // List and search show private incidents only to their people and admins (the same rule as authorizeIncident).
  const viewer = await authorizeActor(deps, ctx);
  const f = validate(listIncidentsSchema, input);
  // A typo would silently list nothing; filtering by a severity no longer configured is not offered either.
  const problem = f.severity && checkSeverityKey(incidentProcessOf(deps), f.severity);
  if (problem) throw invalid('severity', `severity ${problem}`);
  const typeProblem = f.type && checkTypeKey(incidentProcessOf(deps), f.type);
  if (typeProblem) throw invalid('type', `type ${typeProblem}`);
  const customFields = f.fields ? fieldFilter(incidentProcessOf(deps), f.fields) : undefined;
  const visibility = { viewerSlackId: viewer.slackId, viewerIsAdmin: viewer.isAdmin };
  return deps.store.incidents.list({ status: f.status, severity: f.severity, type: f.type, q: f.q, from: f.from, to: f.to, ...(customFields ? { customFields } : {}), ...visibility }, f.limit, f.cursor ?? null);
}
