import type { Severity } from '../incident/model.js';
import type { IncidentProcess } from '../shared/incident-process.js';

/** Minutes between updates for a severity; null: no cadence (no severity yet, or one configured without). */
export function cadenceMinutesOf(process: IncidentProcess, severity: Severity | null): number | null {
  return severity ? (process.statusUpdates.cadenceMinutes[severity] ?? null) : null;
}
