import { api } from './api';
import { useAsync } from './use-async';

/**
 * A hook for a list the server reads from its configuration (roles, severities, types, fields): it
 * changes only with a restart, so it is fetched once per page load and shared by every page that
 * shows it; a failed fetch is tried again by the next page that asks.
 */
export function configuredList<T>(path: string): () => { loaded: boolean; list: T[]; error: string | null } {
  let cached: Promise<T[]> | null = null;
  const load = (signal?: AbortSignal) => {
    cached ??= api
      .get<{ results: T[] }>(path, signal)
      .then((r) => r.results)
      .catch((err: unknown) => {
        cached = null;
        throw err;
      });
    return cached;
  };
  return function useConfiguredList() {
    const { state } = useAsync((signal) => load(signal), []);
    return { loaded: state.status !== 'loading', list: state.status === 'ok' ? state.data : [], error: state.status === 'error' ? state.message : null };
  };
}
