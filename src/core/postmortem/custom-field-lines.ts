import type { Incident } from '../incident/model.js';
import type { IncidentProcess } from '../shared/incident-process.js';
import { customFieldLines } from '../custom-field/custom-field-lines.js';

/**
 * What `{{custom_fields}}` becomes: a `## Fields` heading and one `- **Label:** value` line per field
 * with a value (configured ones in order, then ones no longer configured); nothing when none has a
 * value, so the template's line disappears.
 */
export function postmortemCustomFieldLines(process: IncidentProcess, incident: Incident): string[] {
  const lines = customFieldLines(process, incident);
  return lines.length ? ['## Fields', '', ...lines] : [];
}
