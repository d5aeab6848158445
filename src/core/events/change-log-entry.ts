import type { DomainEvent, IncidentFieldChange } from './domain-events.js';

/**
 * The change log row (`GET /api/v1/events`) of a domain event. That API predates domain events and
 * is a contract of its own, so its rows keep their shape: an `event_type` per aggregate and a
 * `payload.change` word, with the record as it now is.
 */
export function changeLogEntry(event: DomainEvent): { eventType: string; payload: Record<string, unknown> } {
  switch (event.type) {
    case 'incident.declared':
      return { eventType: 'incident_event', payload: { change: 'created', incident: event.data.incident } };
    case 'incident.updated':
    case 'incident.resolved':
    case 'incident.reopened':
      return { eventType: 'incident_event', payload: { change: 'updated', incident: event.data.incident, fields: timelineUpdateTypes(event.data.changes) } };
    case 'incident.comms_channel_attached':
      return { eventType: 'incident_event', payload: { change: 'comms_channel', incident: event.data.incident } };
    case 'incident.comms_channel_renamed':
      return { eventType: 'incident_event', payload: { change: 'comms_channel_renamed', channel_id: event.data.channel.id, channel_name: event.data.channel.name } };
    case 'timeline.entry_added':
    case 'timeline.entry_updated':
    case 'timeline.entry_removed': {
      const pin = event.data.entry.origin === 'slack_pin';
      const change = { 'timeline.entry_added': pin ? 'pinned' : 'created', 'timeline.entry_updated': pin ? 'pin_edited' : 'updated', 'timeline.entry_removed': pin ? 'unpinned' : 'deleted' }[event.type];
      return { eventType: 'timeline_event', payload: { change, timeline_event_id: event.data.entry.id } };
    }
    case 'action.created':
      return { eventType: 'action_event', payload: { change: 'created', action: event.data.action } };
    case 'action.updated':
    case 'action.completed':
      return { eventType: 'action_event', payload: { change: 'updated', action: event.data.action } };
    case 'action.removed':
      return { eventType: 'action_event', payload: { change: 'deleted', action: event.data.action } };
    case 'action.past_due':
      return { eventType: 'action_event', payload: { change: 'past_due', action: event.data.action } };
    case 'action.issue_requested':
    case 'action.issue_linked':
    case 'action.issue_failed':
      return { eventType: 'action_event', payload: { change: event.type.slice('action.'.length), action: event.data.action } };
    case 'status_update.posted':
      return { eventType: 'status_update_event', payload: { change: 'posted', update: event.data.update } };
    case 'role.assigned':
      return { eventType: 'incident_event', payload: { change: 'role_assigned', role: event.data.role.key, incident: event.data.incident } };
    case 'role.unassigned':
      return { eventType: 'incident_event', payload: { change: 'role_unassigned', role: event.data.role.key, incident: event.data.incident } };
    case 'postmortem.started':
    case 'postmortem.saved':
    case 'postmortem.reviewed':
      return { eventType: 'postmortem_event', payload: { change: event.type.slice('postmortem.'.length), postmortem: event.data.postmortem } };
  }
}

/** The log's `fields`: the timeline's update types (an end time that moved with the status is not listed apart), `custom_fields.<key>` for a custom field. */
function timelineUpdateTypes(changes: IncidentFieldChange[]): string[] {
  const statusChanged = changes.some((c) => c.field === 'status');
  return changes.filter((c) => !(c.field === 'end_time' && statusChanged)).map((c) => (c.field === 'custom_field' ? `custom_fields.${c.key}` : `incident_${c.field}`));
}
