import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api';

export type AsyncState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; message: string; httpStatus?: number };

/** Loads once per change of `deps`; `reload` refetches; `set` updates the data after an edit. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === 'ok' && nonce > 0 ? s : { status: 'loading' }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorMessage(err), httpStatus: (err as { status?: number }).status });
      },
    );
    return () => controller.abort();
    // The effect re-runs when these change (the caller lists what `load` depends on).
  }, [...deps, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ok', data }), []);
  return { state, reload, set };
}
