import { z } from 'zod';
import type { IncidentChanges } from './ports.js';
import type { CoreDeps, Tx } from '../store-ports.js';
import { authorizeIncident, authorizePermission, type AuthDeps, type Viewer } from '../shared/authorize.js';
import { actorLabel, type Ctx } from '../shared/context.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { storableDateSchema } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { describeChanges, type FieldChange } from './describe-changes.js';
import type { Incident } from './model.js';
import { incidentChanges, incidentSnapshot } from '../events/snapshots.js';
import { longTextSchema, reportSchema, severitySchema, slackUserId, statusSchema, typeSchema } from './schemas.js';
import { getIncidentIn } from './get.js';
import { LEAD_ROLE } from '../role/incident-roles.js';
import { recordRoleChange } from '../role/record-role-change.js';
import { customFieldsInputSchema, mergeCustomFields } from '../custom-field/check-values.js';
import { missingForClose } from '../custom-field/definitions.js';
import { customFieldChanges, describeCustomFieldChange } from '../custom-field/describe-field-changes.js';
import { checkSeverityKey, checkTypeKey, incidentProcessOf, type FieldDefinition, type IncidentProcess } from '../shared/incident-process.js';

export const updateInputSchema = z
  .object({
    report: reportSchema,
    summary: longTextSchema.nullable(),
    impact: longTextSchema.nullable(),
    severity: severitySchema.nullable(),
    type: typeSchema,
    status: statusSchema,
    lead: slackUserId.nullable(),
    startTime: storableDateSchema(),
    endTime: storableDateSchema().nullable(),
    /** Custom field values to set (null clears one); fields left out keep theirs. */
    customFields: customFieldsInputSchema,
  })
  .partial()
  .strict();

export type UpdateInput = z.input<typeof updateInputSchema>;

export interface UpdateResult {
  incident: Incident;
  changes: FieldChange[];
}

/**
 * Changes any field of an incident from any edge (Slack, API, web, plugins). Writes one
 * `incident_update` timeline entry per changed field, the change log and the outbox in the
 * same transaction; resolving sets the end time and reopening clears it.
 */
export async function updateIncident(deps: CoreDeps, ctx: Ctx, id: number, input: UpdateInput): Promise<UpdateResult> {
  const { viewer } = await authorizeIncident(deps, ctx, id);
  const data = validate(updateInputSchema, input);
  return deps.store.transaction((tx) => applyIncidentUpdate({ store: tx, permissions: deps.permissions, process: incidentProcessOf(deps) }, ctx, viewer, id, data));
}

/** Part of a verb, inside its transaction, for a viewer the verb has authorised: the changed fields' permissions are checked here. */
export async function applyIncidentUpdate(
  // The process is required: a field required at close, and the labels of custom field changes, come from it.
  txDeps: AuthDeps & { store: Tx; process: IncidentProcess },
  ctx: Ctx,
  viewer: Viewer,
  id: number,
  data: z.output<typeof updateInputSchema>,
): Promise<UpdateResult> {
  const tx = txDeps.store;
  const now = ctx.clock.now();
  const before = await tx.incidents.getForUpdate(id);
  if (!before) throw notFound(`Incident ${id}`);
  const process = txDeps.process;
  const next: IncidentChanges = {};
  if (data.report !== undefined && data.report !== before.report) next.report = data.report;
  if (data.summary !== undefined && data.summary !== before.summary) next.summary = data.summary;
  if (data.impact !== undefined && data.impact !== before.impact) next.impact = data.impact;
  if (data.severity !== undefined && data.severity !== before.severity) {
    // A new severity must be on the configured scale; an old incident may keep one no longer configured.
    const problem = data.severity && checkSeverityKey(process, data.severity);
    if (problem) throw invalid('severity', `severity ${problem}`);
    next.severity = data.severity;
  }
  if (data.type !== undefined && data.type !== before.type) {
    const problem = checkTypeKey(process, data.type);
    if (problem) throw invalid('type', `type ${problem}`);
    next.type = data.type;
  }
  if (data.startTime !== undefined && data.startTime.getTime() !== before.startTime.getTime()) next.startTime = data.startTime;
  if (data.lead !== undefined && data.lead !== (before.lead?.slackId ?? null)) {
    next.leadId = (await resolveUser(tx, data.lead, now))?.id ?? null;
  }
  if (data.customFields !== undefined) {
    const merged = mergeCustomFields(process, next.type ?? before.type, before.customFields, data.customFields);
    if (customFieldChanges(process, before.customFields, merged).length > 0) next.customFields = merged;
  }
  applyLifecycle(before, data, next, now);
  if (next.status === 'resolved' && before.status !== 'resolved') {
    // Fields the team needs for its review are asked for before closing (Slack opens a form for them).
    const missing = missingForClose(process, { type: next.type ?? before.type, customFields: next.customFields ?? before.customFields });
    if (missing[0]) throw missingFieldsError(missing);
  }
  const startTime = next.startTime ?? before.startTime;
  const endTime = next.endTime !== undefined ? next.endTime : before.endTime;
  if (endTime && endTime.getTime() < startTime.getTime()) throw invalid('end_time', 'end_time must not be before start_time');

  if (Object.keys(next).length === 0) return { incident: before, changes: [] };
  await authorizeChanges(txDeps, ctx, viewer, before, next);
  await tx.incidents.update(id, next, now);
  const after = await getIncidentIn(tx, id);
  const changes = [...describeChanges(before, after), ...customFieldChanges(process, before.customFields, after.customFields).map((c) => ({
    updateType: 'custom_field',
    oldValue: c.old,
    newValue: c.new,
    text: describeCustomFieldChange(process, c),
    key: c.key,
  }))];
  const by = actorLabel(ctx.actor);
  for (const change of changes) {
    await tx.timeline.insert(
      id,
      {
        timestamp: now,
        text: `${change.text} (by ${by})`,
        eventType: 'incident_update',
        metadata: { update_type: change.updateType, ...(change.key ? { key: change.key } : {}), old_value: change.oldValue, new_value: change.newValue },
        actor: ctx.actor,
      },
      now,
    );
  }
  const closed = before.status !== 'resolved' && after.status === 'resolved';
  const reopened = before.status === 'resolved' && after.status !== 'resolved';
  await recordChange(tx, ctx, {
    type: closed ? 'incident.resolved' : reopened ? 'incident.reopened' : 'incident.updated',
    incident: after,
    data: { incident: incidentSnapshot(after), changes: incidentChanges(before, after, process) },
  });
  // The lead is a role too: role consumers (the new holder's DM and invite, plugins) hear of it as of any role.
  const leadName = [...after.roles, ...before.roles].find((r) => r.role === LEAD_ROLE)?.name ?? LEAD_ROLE;
  await recordRoleChange(tx, ctx, after, { key: LEAD_ROLE, name: leadName }, before.lead, after.lead);
  return { incident: after, changes };
}

/** Closing, reopening, severity and lead may be restricted (permissions); refused before anything is written. */
async function authorizeChanges(deps: AuthDeps, ctx: Ctx, viewer: Viewer, before: Incident, next: IncidentChanges): Promise<void> {
  if (next.status === 'resolved' && before.status !== 'resolved') await authorizePermission(deps, ctx, viewer, 'close', before, 'status');
  if (next.status !== undefined && next.status !== 'resolved' && before.status === 'resolved') await authorizePermission(deps, ctx, viewer, 'reopen', before, 'status');
  if (next.severity !== undefined) await authorizePermission(deps, ctx, viewer, 'changeSeverity', before, 'severity');
  if (next.leadId !== undefined) await authorizePermission(deps, ctx, viewer, 'changeLead', before, 'lead');
}

/** Status and end time move together: resolving stamps the end, reopening clears it. */
function applyLifecycle(before: Incident, data: z.output<typeof updateInputSchema>, next: IncidentChanges, now: Date): void {
  if (data.status === 'reported' && !before.reportOnly) {
    throw invalid('status', 'status "reported" is only for report-only incidents; use investigating, identified, monitoring or resolved');
  }
  let status = data.status ?? before.status;
  let endTime = data.endTime !== undefined ? data.endTime : before.endTime;
  if (data.status === undefined && data.endTime !== undefined) {
    // Setting an end time closes the incident; clearing it reopens it (Response: closed == end_time set).
    if (data.endTime && before.status !== 'resolved') status = 'resolved';
    if (!data.endTime && before.status === 'resolved') status = before.reportOnly ? 'reported' : 'investigating';
  }
  if (status === 'resolved') endTime = endTime ?? now;
  else if (data.endTime) {
    throw new DomainError('VALIDATION', 'end_time can only be set on a resolved incident; set status to resolved too', 'end_time');
  } else endTime = null;
  if (status !== before.status) next.status = status;
  if ((endTime?.getTime() ?? null) !== (before.endTime?.getTime() ?? null)) next.endTime = endTime;
}

/**
 * Closing with required fields empty: a 422 naming the first (`custom_fields.<key>`), with every one in
 * the message. The Slack edge asks for them in a form instead (missingForClose) before closing.
 */
export function missingFieldsError(missing: readonly FieldDefinition[]): DomainError {
  const names = missing.map((f) => `${f.label} (custom_fields.${f.key})`).join(', ');
  return new DomainError('VALIDATION', `Fill in ${names} before closing this incident`, `custom_fields.${missing[0]?.key ?? ''}`);
}
