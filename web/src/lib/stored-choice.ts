import { useCallback, useState } from 'react';

/**
 * A choice the viewer makes once and expects to find again (the timeline's view), kept in
 * localStorage. A value that isn't one of the choices (an old version's, edited by hand) reads as
 * the default; storage that refuses (private windows, quotas) just doesn't remember.
 */
export function useStoredChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return choices.find((c) => c === stored) ?? fallback;
    } catch {
      return fallback;
    }
  });
  const choose = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Not remembered; the choice still holds on this page.
      }
    },
    [key],
  );
  return [value, choose];
}
