import type { FieldDefinition } from '../shared/incident-process.js';
import type { CustomFieldValue } from './definitions.js';

/**
 * A value as people read it, plain text: option labels for selects (an option no longer configured
 * shows its key), `<@U…>` for a user, a UTC time for a date-time. Surfaces escape it for their medium.
 */
export function formatFieldValue(field: FieldDefinition | undefined, value: CustomFieldValue): string {
  const label = (key: string) => field?.options.find((o) => o.key === key)?.label ?? key;
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (!field) return String(value);
  switch (field.kind) {
    case 'select':
      return label(String(value));
    case 'user':
      return `<@${String(value)}>`;
    case 'datetime': {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime()) ? String(value) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    }
    default:
      return String(value);
  }
}
