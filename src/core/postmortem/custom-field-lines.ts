import type { Incident } from '../incident/model.js';
import type { IncidentProcess } from '../shared/incident-process.js';

/**
 * The seam for custom fields in the postmortem: the Markdown lines `{{custom_fields}}` becomes
 * (e.g. a `## Fields` heading and one `- **Label:** value` line per field). Custom fields land in a
 * parallel branch; until they are wired here it is empty, and the template's line disappears.
 */
export function postmortemCustomFieldLines(_process: IncidentProcess, _incident: Incident): string[] {
  return [];
}
