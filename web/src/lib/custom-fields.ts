import { configuredList } from './configured-list';
import type { FieldDefinition, FieldValue } from './types';

/** The custom fields from the server (empty until they have loaded), in form order. */
export const useCustomFields = configuredList<FieldDefinition>('/api/v1/fields');

/** Whether incidents of a type have the field (a field without types belongs to every type). */
export const fieldApplies = (field: FieldDefinition, type: string | null): boolean => field.types === null || (type !== null && field.types.includes(type));

/** Kinds the incident list filters by. */
export const FILTERABLE_KINDS: readonly string[] = ['select', 'multi_select', 'user'];

/** An option key as its label (an option no longer configured shows its key). */
export const optionLabel = (field: FieldDefinition | undefined, key: string): string => field?.options.find((o) => o.key === key)?.label ?? key;

/** Whether a value is empty (the API leaves unset fields out; this covers the rest). */
export const isEmptyValue = (v: FieldValue | null | undefined): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
