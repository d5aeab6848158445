import type { FieldDefinition, IncidentProcess } from '../shared/incident-process.js';
import type { CustomFieldValue, CustomFields } from '../incident/model.js';

// The value types belong to the incident model (which stores them); they are re-exported for the field code.
export type { CustomFieldValue, CustomFields } from '../incident/model.js';

type Fields = Pick<IncidentProcess, 'fields'>;
type FieldsAndTypes = Pick<IncidentProcess, 'fields' | 'types'>;

/** The configured field with this key, or undefined (a key no longer configured keeps its stored value). */
export const findField = (process: Fields, key: string): FieldDefinition | undefined => process.fields.find((f) => f.key === key);

/** Whether incidents of this type have the field (a field without `types` belongs to every type). */
export const fieldAppliesTo = (field: FieldDefinition, type: string | null): boolean => field.types === null || (type !== null && field.types.includes(type));

/** The fields incidents of this type have, in the configured order. */
export const fieldsForType = (process: Fields, type: string | null): FieldDefinition[] => process.fields.filter((f) => fieldAppliesTo(f, type));

/**
 * When a field must be filled in for incidents of a type: at declaration if the field says so or the
 * type lists it in `requiredFields`, else before closing if the field says so, else never.
 */
export function fieldRequirement(process: FieldsAndTypes, field: FieldDefinition, type: string | null): 'declare' | 'close' | null {
  if (!fieldAppliesTo(field, type)) return null;
  const byType = process.types.find((t) => t.key === type)?.requiredFields.includes(field.key) ?? false;
  if (field.requiredAt === 'declare' || byType) return 'declare';
  return field.requiredAt;
}

export const isEmptyValue = (v: CustomFieldValue | null | undefined): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Fields of the incident's type that must be filled in before it closes (required at declaration or at close) and are empty. */
export function missingForClose(process: FieldsAndTypes, incident: { type: string | null; customFields: CustomFields }): FieldDefinition[] {
  return fieldsForType(process, incident.type).filter((f) => fieldRequirement(process, f, incident.type) !== null && isEmptyValue(incident.customFields[f.key]));
}
