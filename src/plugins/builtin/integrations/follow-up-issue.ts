import type { Action, IncidentView } from '../../sdk/types.js';

/** What a follow-up's issue says, whichever tracker it goes to. */
export interface FollowUpIssueText {
  /** One line (trackers refuse newlines in titles), at most `max` characters. */
  title: string;
  details: string;
  incidentLine: string;
  docUrl: string;
  owner: string | null;
  dueDate: string | null;
}

export function followUpIssueText(incident: IncidentView, action: Action, max = 255): FollowUpIssueText {
  const oneLine = action.details.replace(/\s+/g, ' ').trim() || `Follow-up from incident #${incident.id}`;
  const title = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return {
    title,
    details: action.details,
    incidentLine: `Follow-up from incident #${incident.id}: ${incident.report}`,
    docUrl: `${incident.docUrl}#action-${action.id}`,
    owner: action.assignee ? action.assignee.fullName || action.assignee.displayName : null,
    dueDate: action.dueDate,
  };
}

/** The key under which a plugin remembers the issue it made for an action (set before linking, so a redelivery links it instead of making another). */
export const actionIssueDataKey = (incidentId: number, actionId: number) => `action:${incidentId}:${actionId}`;
/** The key under which a plugin finds the action an issue belongs to (its webhooks name the issue). */
export const issueActionDataKey = (issueKey: string) => `issue:${issueKey}`;

export interface StoredIssue {
  key: string;
  url: string;
}
export interface IssueOwner {
  incidentId: number;
  actionId: number;
}
