import type { SandboxState } from './types';

export async function fetchState(user: string | null): Promise<SandboxState> {
  const res = await fetch(`/sandbox/api/state${user ? `?user=${encodeURIComponent(user)}` : ''}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`The sandbox answered ${res.status}`);
  return (await res.json()) as SandboxState;
}

export interface ActResult {
  ok: boolean;
  error?: string;
  result?: { status?: number; responseAction?: string; errors?: Record<string, string>; viewOpen?: boolean } | null;
}

/** One person doing one thing in the workspace; the server signs and delivers it to Response like Slack does. */
export async function act(user: string, action: string, args: unknown[]): Promise<ActResult> {
  const res = await fetch('/sandbox/api/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, action, args }) });
  const body = (await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }))) as ActResult;
  return body;
}

/** Calls `onChange` whenever the workspace may have changed (server-sent events; reconnects by itself). */
export function subscribe(onChange: () => void): () => void {
  const source = new EventSource('/sandbox/api/events');
  source.addEventListener('change', onChange);
  return () => source.close();
}
