import { api } from './api';
import { useAsync } from './use-async';
import type { SeverityLevel } from './types';

/** The configured scale changes only with a restart: read once per page load. */
let configured: Promise<{ results: SeverityLevel[] }> | null = null;
const load = (signal?: AbortSignal) => {
  configured ??= api.get<{ results: SeverityLevel[] }>('/api/v1/severities', signal).catch((err: unknown) => {
    configured = null;
    throw err;
  });
  return configured;
};

export const NO_SEVERITY = { label: 'No severity', emoji: '☁️' };

export interface SeverityScale {
  /** False until the scale has loaded (pages that show severities wait for it, so labels never flicker). */
  loaded: boolean;
  /** Most severe first, as configured. */
  list: SeverityLevel[];
  /** How a key shows: its configured label and emoji, or (no longer configured, or not loaded yet) the key itself. */
  of(key: string): { key: string; label: string; emoji: string; rank: number };
}

export function scaleOf(list: SeverityLevel[], loaded = true): SeverityScale {
  return {
    loaded,
    list,
    of: (key) => {
      const found = list.find((s) => s.key === key);
      return found ?? { key, label: key.charAt(0).toUpperCase() + key.slice(1), emoji: '❔', rank: Number.MAX_SAFE_INTEGER };
    },
  };
}

/** The severity scale from the server (empty until it has loaded). */
export function useSeverities(): SeverityScale {
  const { state } = useAsync((signal) => load(signal), []);
  return scaleOf(state.status === 'ok' ? state.data.results : [], state.status !== 'loading');
}
