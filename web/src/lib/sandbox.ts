import { useEffect, useSyncExternalStore } from 'react';

/**
 * Beside the sandbox, the header links back to it; on an incident's doc, to that incident's channel.
 * The doc page says which channel it shows; the header, rendered outside the page, reads it here.
 */
let currentChannel: string | null = null;
const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const setChannel = (url: string | null) => {
  currentChannel = url;
  listeners.forEach((fn) => fn());
};

/** Whether a link points into the sandbox workspace (its channels and permalinks live under its path). */
export function inSandbox(url: string, sandboxUrl: string): boolean {
  try {
    const path = new URL(url, window.location.href).pathname;
    return path === sandboxUrl || path.startsWith(`${sandboxUrl.replace(/\/+$/, '')}/`);
  } catch {
    return false;
  }
}

/** The doc page: while it is open, "Back to the sandbox" opens this channel (when it is the sandbox's). */
export function useSandboxChannel(sandboxUrl: string | null | undefined, channelUrl: string | null | undefined): void {
  const url = sandboxUrl && channelUrl && inSandbox(channelUrl, sandboxUrl) ? channelUrl : null;
  useEffect(() => {
    setChannel(url);
    return () => setChannel(null);
  }, [url]);
}

/** Where "Back to the sandbox" goes now: the open incident's channel, or the sandbox itself. */
export function useBackToSandbox(sandboxUrl: string | null | undefined): string | null {
  const channel = useSyncExternalStore(subscribe, () => currentChannel);
  return sandboxUrl ? (channel ?? sandboxUrl) : null;
}
