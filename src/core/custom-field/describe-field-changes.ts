import type { IncidentProcess } from '../shared/incident-process.js';
import { findField, type CustomFieldValue, type CustomFields } from './definitions.js';
import { formatFieldValue } from './format-value.js';

/** One custom field whose value differs between two versions of an incident. */
export interface CustomFieldChange {
  key: string;
  old: CustomFieldValue | null;
  new: CustomFieldValue | null;
}

const same = (a: CustomFieldValue | undefined, b: CustomFieldValue | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changed fields, in the configured order (fields no longer configured last, by key). */
export function customFieldChanges(process: Pick<IncidentProcess, 'fields'>, before: CustomFields, after: CustomFields): CustomFieldChange[] {
  const order = process.fields.map((f) => f.key);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  return keys.filter((k) => !same(before[k], after[k])).map((k) => ({ key: k, old: before[k] ?? null, new: after[k] ?? null }));
}

/** The timeline's wording of a change: `Customer set to "Acme"`, `Region changed from "EU" to "US"`, `Customer cleared`. */
export function describeCustomFieldChange(process: Pick<IncidentProcess, 'fields'>, change: CustomFieldChange): string {
  const field = findField(process, change.key);
  const label = field?.label ?? change.key;
  const show = (v: CustomFieldValue) => `"${formatFieldValue(field, v)}"`;
  if (change.new === null) return `${label} cleared`;
  return change.old === null ? `${label} set to ${show(change.new)}` : `${label} changed from ${show(change.old)} to ${show(change.new)}`;
}
