import { configuredList } from './configured-list';
import type { IncidentType } from './types';

const useConfiguredTypes = configuredList<IncidentType>('/api/v1/types');

export interface IncidentTypes {
  loaded: boolean;
  /** The default first, as configured. */
  list: IncidentType[];
  /** Whether the team uses types: with one configured, nothing shows or asks which. */
  used: boolean;
  /** A type's label, or (no longer configured) its key. */
  label(key: string | null): string;
}

/** The incident types from the server (empty until they have loaded). */
export function useIncidentTypes(): IncidentTypes {
  const { list, loaded } = useConfiguredTypes();
  return {
    loaded,
    list,
    used: list.length > 1,
    label: (key) => (key ? (list.find((t) => t.key === key)?.label ?? key.charAt(0).toUpperCase() + key.slice(1)) : '—'),
  };
}
