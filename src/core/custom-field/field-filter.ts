import { invalid } from '../shared/errors.js';
import type { IncidentProcess } from '../shared/incident-process.js';
import { checkFieldValue } from './check-values.js';
import { findField } from './definitions.js';

/** Kinds the incident list filters by: a choice or a person (free text is searched with `q`). */
export const FILTERABLE_KINDS = ['select', 'multi_select', 'user'] as const;

/**
 * The list's field filters (`field.<key>=<value>`) as a containment the store tests: a select's or a
 * user field's value, or one option a multi select must include. Each is checked, so a typo is a 422, not an empty list.
 */
export function fieldFilter(process: Pick<IncidentProcess, 'fields'>, given: Record<string, string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(given)) {
    const field = findField(process, key);
    const name = `field.${key}`;
    if (!field) throw invalid(name, `${name} is not a configured field (fields: ${process.fields.map((f) => f.key).join(', ') || 'none'})`);
    if (!(FILTERABLE_KINDS as readonly string[]).includes(field.kind)) throw invalid(name, `${name} can't be filtered by (only select, multi_select and user fields can)`);
    try {
      out[key] = field.kind === 'multi_select' ? (checkFieldValue(field, [value]) as string[]) : (checkFieldValue(field, value) as string);
    } catch (err) {
      throw invalid(name, `${name}: ${err instanceof Error ? err.message.replace(`custom_fields.${key} `, '') : 'invalid value'}`);
    }
  }
  return out;
}
