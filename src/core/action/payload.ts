import type { Action } from '../ports.js';

export function actionPayload(action: Action, change: string): Record<string, unknown> {
  return {
    change,
    action: {
      id: action.id,
      incident_id: action.incidentId,
      details: action.details,
      done: action.done,
      done_at: action.doneAt?.toISOString() ?? null,
      due_date: action.dueDate,
      priority: action.priority,
      type: action.type,
      logged_by: action.loggedBy?.slackId ?? null,
      assignee: action.assignee?.slackId ?? null,
    },
  };
}
