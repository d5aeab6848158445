import { durationSeconds, formatDuration, isResolved, type Incident } from '../core/incident/model.js';
import { incidentProcessOf, severityDefinition, typeDefinition, usesTypes, type IncidentProcess } from '../core/shared/incident-process.js';
import type { IncidentView } from './sdk/types.js';

/** The incident as plugins see it: the stored record plus its running time, doc link, state and how its severity shows. */
export function toIncidentView(incident: Incident, now: Date, publicUrl: string, core: { process?: IncidentProcess }): IncidentView {
  const process = incidentProcessOf(core);
  const level = incident.severity ? severityDefinition(process, incident.severity) : null;
  const type = incident.type && usesTypes(process) ? typeDefinition(process, incident.type) : null;
  return {
    ...incident,
    severityLevel: level && { key: level.key, label: level.label, emoji: level.emoji, rank: level.rank, configured: level.configured },
    incidentType: type && { key: type.key, label: type.label, configured: type.configured },
    duration: formatDuration(durationSeconds(incident, now)),
    docUrl: `${publicUrl.replace(/\/+$/, '')}/incidents/${incident.id}`,
    isResolved: isResolved(incident),
  };
}
