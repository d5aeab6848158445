import { durationSeconds, formatDuration, isResolved, type Incident } from '../core/incident/model.js';
import type { IncidentView } from './sdk/types.js';

/** The incident as plugins see it: the stored record plus its running time, doc link and state. */
export function toIncidentView(incident: Incident, now: Date, publicUrl: string): IncidentView {
  return {
    ...incident,
    duration: formatDuration(durationSeconds(incident, now)),
    docUrl: `${publicUrl.replace(/\/+$/, '')}/incidents/${incident.id}`,
    isResolved: isResolved(incident),
  };
}
