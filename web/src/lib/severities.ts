import { configuredList } from './configured-list';
import type { SeverityLevel } from './types';

const useConfiguredSeverities = configuredList<SeverityLevel>('/api/v1/severities');

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
  const { list, loaded } = useConfiguredSeverities();
  return scaleOf(list, loaded);
}
