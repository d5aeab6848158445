import { durationSeconds, formatDuration, isResolved, type Incident } from '../core/incident/model.js';
import { incidentProcessOf, severityDefinition, typeDefinition, usesTypes, type IncidentProcess } from '../core/shared/incident-process.js';
import type { IncidentView } from './sdk/types.js';
import { findField, isEmptyValue } from '../core/custom-field/definitions.js';
import { formatFieldValue } from '../core/custom-field/format-value.js';

function fieldValuesOf(process: IncidentProcess, incident: Incident): IncidentView['fieldValues'] {
  const configured = process.fields.map((f) => f.key);
  const removed = Object.keys(incident.customFields).filter((k) => !configured.includes(k)).sort();
  return [...configured, ...removed]
    .filter((k) => !isEmptyValue(incident.customFields[k]))
    .map((k) => {
      const field = findField(process, k);
      return { key: k, label: field?.label ?? k, text: formatFieldValue(field, incident.customFields[k]!), showInHeadline: field?.showInHeadline ?? false, configured: Boolean(field) };
    });
}

/** The incident as plugins see it: the stored record plus its running time, doc link, state and how its severity shows. */
export function toIncidentView(incident: Incident, now: Date, publicUrl: string, core: { process?: IncidentProcess }): IncidentView {
  const process = incidentProcessOf(core);
  const level = incident.severity ? severityDefinition(process, incident.severity) : null;
  const type = incident.type && usesTypes(process) ? typeDefinition(process, incident.type) : null;
  return {
    ...incident,
    severityLevel: level && { key: level.key, label: level.label, emoji: level.emoji, rank: level.rank, configured: level.configured },
    incidentType: type && { key: type.key, label: type.label, configured: type.configured },
    fieldValues: fieldValuesOf(process, incident),
    duration: formatDuration(durationSeconds(incident, now)),
    docUrl: `${publicUrl.replace(/\/+$/, '')}/incidents/${incident.id}`,
    isResolved: isResolved(incident),
  };
}
