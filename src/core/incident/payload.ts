import type { Incident } from './model.js';

/** The JSON an incident event carries in the change log (snake_case, like the API). */
export function incidentPayload(incident: Incident, change: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const user = (u: Incident['lead']) => (u ? { slack_id: u.slackId, display_name: u.displayName, full_name: u.fullName } : null);
  return {
    change,
    incident: {
      id: incident.id,
      report: incident.report,
      summary: incident.summary,
      impact: incident.impact,
      severity: incident.severity,
      status: incident.status,
      report_only: incident.reportOnly,
      reporter: user(incident.reporter),
      lead: user(incident.lead),
      report_time: incident.reportTime.toISOString(),
      start_time: incident.startTime.toISOString(),
      end_time: incident.endTime?.toISOString() ?? null,
    },
    ...extra,
  };
}
