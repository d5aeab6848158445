import { durationSeconds, type Incident, type UserRef } from '../../core/incident/model.js';
import type { Action } from '../../core/action/ports.js';
import type { ChangeLogEvent } from '../../core/event/ports.js';
import type { Participant } from '../../core/participant/ports.js';
import type { TimelineEntry } from '../../core/timeline/ports.js';
import type { User } from '../../core/user/ports.js';
import { isKeyTimelineEntry } from '../../core/timeline/key-events.js';
import type { StatusUpdate } from '../../core/status-update/ports.js';
import { presentStatusUpdate } from './present-status-update.js';
import type { FieldDefinition, IncidentTypeDefinition, RoleDefinition, SeverityDefinition } from '../../core/shared/incident-process.js';

/** What presenters need to know about the deployment. */
export interface PresentContext {
  publicUrl: string;
  now: Date;
  /** The Slack workspace, once known, for deep links into the comms channel. */
  workspace: { teamId: string | null; url: string | null };
}

// Overloaded so a person who is always there (a lead in the insights) is typed non-null for the web UI.
type PresentedUserRef = { slack_id: string; display_name: string; full_name: string | null };
export function presentUserRef(u: UserRef): PresentedUserRef;
export function presentUserRef(u: UserRef | null): PresentedUserRef | null;
export function presentUserRef(u: UserRef | null) {
  return u ? { slack_id: u.slackId, display_name: u.displayName, full_name: u.fullName } : null;
}

/** `latest`: the incident's latest status update (its public status), null while it has none. */
export function presentIncident(i: Incident, c: PresentContext, latest: StatusUpdate | null) {
  const channel = i.commsChannel;
  return {
    id: i.id,
    report: i.report,
    summary: i.summary,
    impact: i.impact,
    severity: i.severity,
    type: i.type,
    status: i.status,
    report_only: i.reportOnly,
    private: i.private,
    reporter: presentUserRef(i.reporter),
    lead: presentUserRef(i.lead),
    roles: i.roles.map((r) => ({ role: r.role, name: r.name, user: presentUserRef(r.user) })),
    report_time: i.reportTime.toISOString(),
    start_time: i.startTime.toISOString(),
    end_time: i.endTime?.toISOString() ?? null,
    duration_seconds: durationSeconds(i, c.now),
    comms_channel: channel
      ? {
          channel_id: channel.channelId,
          channel_name: channel.channelName,
          team_id: c.workspace.teamId,
          url: c.workspace.url ? `${c.workspace.url.replace(/\/$/, '')}/archives/${channel.channelId}` : `https://slack.com/app_redirect?channel=${channel.channelId}`,
        }
      : null,
    doc_url: `${c.publicUrl}/incidents/${i.id}`,
    latest_update: latest ? presentStatusUpdate(latest) : null,
    /** Values by field key, typed as stored; values of fields no longer configured are kept (GET /api/v1/fields lists the configured ones). */
    custom_fields: i.customFields,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
  };
}

export function presentSeverity(s: SeverityDefinition) {
  return {
    key: s.key,
    label: s.label,
    emoji: s.emoji,
    rank: s.rank,
    description: s.description,
    private_by_default: s.privateByDefault,
    auto_create_channel: s.autoCreateChannel,
  };
}

export function presentIncidentType(t: IncidentTypeDefinition) {
  return {
    key: t.key,
    label: t.label,
    description: t.description,
    default_severity: t.defaultSeverity,
    private_by_default: t.privateByDefault,
    channel_prefix: t.channelPrefix,
    roles: t.roles,
    required_fields: t.requiredFields,
  };
}

export function presentField(f: FieldDefinition) {
  return {
    key: f.key,
    label: f.label,
    help: f.help,
    kind: f.kind,
    options: f.options.map((o) => ({ key: o.key, label: o.label })),
    types: f.types,
    required_at: f.requiredAt,
    show_in_headline: f.showInHeadline,
  };
}

export function presentRole(r: RoleDefinition) {
  return { key: r.key, name: r.name, description: r.description, checklist: r.checklist, required: r.required };
}

export function presentAction(a: Action) {
  return {
    id: a.id,
    incident_id: a.incidentId,
    details: a.details,
    done: a.done,
    done_at: a.doneAt?.toISOString() ?? null,
    due_date: a.dueDate,
    priority: a.priority,
    type: a.type,
    logged_by: presentUserRef(a.loggedBy),
    assignee: presentUserRef(a.assignee),
    /** The Slack message it was made from (✅ on it): `key` slack_message:<channel>:<ts>, `url` its permalink. */
    source: a.source ? { key: a.source.key, url: a.source.url } : null,
    /** The Jira or Linear issue it is tracked in: `state` requested (key and url null until made), linked or failed. */
    issue: a.issue ? { provider: a.issue.provider, key: a.issue.key, url: a.issue.url, state: a.issue.state } : null,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export function presentTimelineEntry(e: TimelineEntry) {
  return {
    id: e.id,
    incident_id: e.incidentId,
    timestamp: e.timestamp.toISOString(),
    text: e.text,
    event_type: e.eventType,
    // The doc's "Key events" view and the postmortem leave the other entries out (edits of the title, summary…).
    key_event: isKeyTimelineEntry(e),
    metadata: e.metadata,
    actor: e.actor,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export const presentUser = (u: User) => ({ slack_id: u.slackId, display_name: u.displayName, full_name: u.fullName, email: u.email, deleted: u.deleted });

export const presentParticipant = (p: Participant) => ({ user: presentUserRef(p.user), first_message_at: p.firstMessageAt.toISOString(), message_count: p.messageCount });

export const presentChangeEvent = (e: ChangeLogEvent) => ({
  id: e.id,
  timestamp: e.timestamp.toISOString(),
  event_type: e.eventType,
  incident_id: e.incidentId,
  actor: e.actor,
  payload: e.payload,
});
