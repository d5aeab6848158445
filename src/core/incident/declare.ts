import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import { actorSlackId, type Ctx } from '../shared/context.js';
import { earlierResult, settleOnce } from '../shared/once.js';
import { authorizeActor, authorizePermission } from '../shared/authorize.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import type { Incident } from './model.js';
import { longTextSchema, reportSchema, severitySchema, slackUserId, typeSchema } from './schemas.js';
import { incidentSnapshot } from '../events/snapshots.js';
import { getIncidentIn } from './get.js';
import { LEAD_ROLE } from '../role/incident-roles.js';
import { recordRoleChange } from '../role/record-role-change.js';
import { checkSeverityKey, checkTypeKey, incidentProcessOf, severityDefinition, typeDefinition } from '../shared/incident-process.js';
import { invalid } from '../shared/errors.js';
import { checkDeclaredFields, customFieldsInputSchema } from '../custom-field/check-values.js';

export const declareInputSchema = z.object({
  report: reportSchema,
  summary: longTextSchema.nullish(),
  impact: longTextSchema.nullish(),
  /** Unset: the type's default severity; null: none. */
  severity: severitySchema.nullish(),
  /** Unset: the first configured type. */
  type: typeSchema.nullish(),
  lead: slackUserId.nullish(),
  /** Defaults to the acting Slack user. */
  reporter: slackUserId.nullish(),
  reportOnly: z.boolean().default(false),
  /** Unset: the severity's `privateByDefault`, else public. */
  private: z.boolean().nullish(),
  /** Custom field values by key, checked against the configured fields of the type. */
  customFields: customFieldsInputSchema.nullish(),
});

export type DeclareInput = z.input<typeof declareInputSchema>;

/** Declares an incident: the row, its first timeline entry, the change log and the outbox, in one transaction. */
export async function declareIncident(deps: CoreDeps, ctx: Ctx, input: DeclareInput): Promise<Incident> {
  const viewer = await authorizeActor(deps, ctx);
  const data = validate(declareInputSchema, input);
  const process = incidentProcessOf(deps);
  const typeProblem = data.type && checkTypeKey(process, data.type);
  if (typeProblem) throw invalid('type', `type ${typeProblem}`);
  const type = typeDefinition(process, data.type ?? process.types[0]?.key ?? 'default');
  const severity = data.severity === undefined ? type.defaultSeverity : data.severity;
  const severityProblem = severity && checkSeverityKey(process, severity);
  if (severityProblem) throw invalid('severity', `severity ${severityProblem}`);
  // Asking for privacy needs the permission; a type or severity private by default needs none (the team chose it).
  if (data.private) await authorizePermission(deps, ctx, viewer, 'declarePrivate', undefined, 'private');
  const customFields = checkDeclaredFields(process, type.key, data.customFields ?? {});
  const isPrivate = data.private ?? type.privateByDefault ?? (severity ? severityDefinition(process, severity).privateByDefault : false);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const earlier = await earlierResult(tx, ctx, (incidentId) => tx.incidents.get(incidentId));
    if (earlier) return earlier;
    const reporter = await resolveUser(tx, data.reporter ?? actorSlackId(ctx.actor), now);
    const lead = await resolveUser(tx, data.lead, now);
    const id = await tx.incidents.insert(
      {
        report: data.report,
        summary: data.summary ?? null,
        impact: data.impact ?? null,
        severity: severity ?? null,
        type: type.key,
        status: data.reportOnly ? 'reported' : 'investigating',
        reportOnly: data.reportOnly,
        private: isPrivate,
        reporterId: reporter?.id ?? null,
        leadId: lead?.id ?? null,
        reportTime: now,
        startTime: now,
        customFields,
      },
      now,
    );
    const who = reporter ? `<@${reporter.slackId}>` : 'Response';
    await tx.timeline.insert(
      id,
      {
        timestamp: now,
        text: data.reportOnly ? `Incident reported by ${who}` : `Incident declared by ${who}`,
        eventType: 'incident_declared',
        metadata: null,
        actor: ctx.actor,
      },
      now,
    );
    const incident = await getIncidentIn(tx, id);
    await settleOnce(tx, ctx, id);
    await recordChange(tx, ctx, { type: 'incident.declared', incident, data: { incident: incidentSnapshot(incident) } });
    // A lead named at declaration is given the role like any later one (their DM and checklist).
    const leadRole = incident.roles.find((r) => r.role === LEAD_ROLE);
    if (leadRole) await recordRoleChange(tx, ctx, incident, { key: LEAD_ROLE, name: leadRole.name }, null, leadRole.user);
    return incident;
  });
}
