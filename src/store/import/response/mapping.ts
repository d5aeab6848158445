/** How the original's values read here: pure functions, no database. */

const SEVERITIES: Record<string, 'critical' | 'major' | 'minor' | 'trivial'> = { '1': 'critical', '2': 'major', '3': 'minor', '4': 'trivial' };

/** The original's severity "1".."4" (or null); anything else is a problem the caller reports. */
export function mapSeverity(value: string | null): { severity: string | null; unknown?: string } {
  if (value === null || value === '') return { severity: null };
  const severity = SEVERITIES[value.trim()] ?? (Object.values(SEVERITIES).includes(value.trim().toLowerCase() as never) ? value.trim().toLowerCase() : undefined);
  return severity ? { severity } : { severity: null, unknown: value };
}

// The original's Action model: priority 1/2/3 = high/medium/low, type 1/2/3 = detective/preventative/corrective.
const PRIORITIES: Record<string, string> = { '1': 'high', '2': 'medium', '3': 'low', high: 'high', medium: 'medium', low: 'low' };
const TYPES: Record<string, string> = { '1': 'detective', '2': 'preventative', '3': 'corrective', detective: 'detective', preventative: 'preventative', corrective: 'corrective' };

export const mapPriority = (value: string | null): string | null | undefined => (value === null || value === '' ? null : PRIORITIES[value.trim().toLowerCase()]);
export const mapActionType = (value: string | null): string | null | undefined => (value === null || value === '' ? null : TYPES[value.trim().toLowerCase()]);

/** The original's JSON text (metadata, event payloads); a non-object is kept under `value`. */
export function parseJsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null || text === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'string') return parseJsonObject(parsed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { text };
  }
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
