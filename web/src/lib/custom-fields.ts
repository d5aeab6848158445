import { api } from './api';
import { useAsync } from './use-async';
import type { FieldDefinition, FieldValue } from './types';

/** The configured fields change only with a restart: read once per page load. */
let configured: Promise<{ results: FieldDefinition[] }> | null = null;
const load = (signal?: AbortSignal) => {
  configured ??= api.get<{ results: FieldDefinition[] }>('/api/v1/fields', signal).catch((err: unknown) => {
    configured = null;
    throw err;
  });
  return configured;
};

/** The custom fields from the server (empty until they have loaded), in form order. */
export function useCustomFields(): { loaded: boolean; list: FieldDefinition[] } {
  const { state } = useAsync((signal) => load(signal), []);
  return { loaded: state.status !== 'loading', list: state.status === 'ok' ? state.data.results : [] };
}

/** Whether incidents of a type have the field (a field without types belongs to every type). */
export const fieldApplies = (field: FieldDefinition, type: string | null): boolean => field.types === null || (type !== null && field.types.includes(type));

/** Kinds the incident list filters by. */
export const FILTERABLE_KINDS: readonly string[] = ['select', 'multi_select', 'user'];

/** An option key as its label (an option no longer configured shows its key). */
export const optionLabel = (field: FieldDefinition | undefined, key: string): string => field?.options.find((o) => o.key === key)?.label ?? key;

/** Whether a value is empty (the API leaves unset fields out; this covers the rest). */
export const isEmptyValue = (v: FieldValue | null | undefined): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
