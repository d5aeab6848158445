import type { StateValue } from '../schemas.js';
import { VALUE } from './modal-fields.js';

/** Reads one field of a submitted modal: text, selected user or selected option, whichever it holds. */
export function fieldValue(values: Record<string, Record<string, StateValue>>, blockId: string): string | null {
  const state = values[blockId]?.[VALUE] ?? Object.values(values[blockId] ?? {})[0];
  if (!state) return null;
  const raw = state.value ?? state.selected_user ?? state.selected_option?.value ?? null;
  return raw === null || raw.trim() === '' ? null : raw;
}

/** Whether a checkbox of a submitted modal is ticked. */
export function isChecked(values: Record<string, Record<string, StateValue>>, blockId: string, optionValue: string): boolean {
  const state = values[blockId]?.[VALUE] ?? Object.values(values[blockId] ?? {})[0];
  return state?.selected_options?.some((o) => o.value === optionValue) ?? false;
}
