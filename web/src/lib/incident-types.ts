import { api } from './api';
import { useAsync } from './use-async';
import type { IncidentType } from './types';

/** The configured types change only with a restart: read once per page load. */
let configured: Promise<{ results: IncidentType[] }> | null = null;
const load = (signal?: AbortSignal) => {
  configured ??= api.get<{ results: IncidentType[] }>('/api/v1/types', signal).catch((err: unknown) => {
    configured = null;
    throw err;
  });
  return configured;
};

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
  const { state } = useAsync((signal) => load(signal), []);
  const list = state.status === 'ok' ? state.data.results : [];
  return {
    loaded: state.status !== 'loading',
    list,
    used: list.length > 1,
    label: (key) => (key ? (list.find((t) => t.key === key)?.label ?? key.charAt(0).toUpperCase() + key.slice(1)) : '—'),
  };
}
