/**
 * Which timeline entries tell the story of an incident ("key events") and which are bookkeeping.
 * Bookkeeping: the entries an edit of the title, summary, impact, start or end time, a custom field or the channel's
 * name writes (the doc shows those fields themselves, so their history is detail). Everything else is
 * key: declared, the comms channel opening, Slack pins, what people wrote, actions, and changes of
 * severity, status (resolved, reopened…) and lead. Entry types this rule doesn't know (plugins, API
 * clients) count as key: someone chose to record them.
 */
const BOOKKEEPING_UPDATES = new Set(['incident_report', 'incident_summary', 'incident_impact', 'incident_start_time', 'incident_end_time', 'comms_channel_name', 'custom_field']);

export function isKeyTimelineEntry(entry: { eventType: string; metadata: Record<string, unknown> | null }): boolean {
  if (entry.eventType !== 'incident_update') return true;
  const updateType = entry.metadata?.update_type;
  return !(typeof updateType === 'string' && BOOKKEEPING_UPDATES.has(updateType));
}
