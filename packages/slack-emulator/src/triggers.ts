import { fail } from './errors.js';
import { randomHex, type Workspace } from './workspace.js';

/** A trigger id in Slack's "132456.7890123.abcdef" shape, registered for the user whose action produced it. */
export function issueTrigger(ws: Workspace, user: string): string {
  // The state is saved as a sandbox snapshot, so forget triggers long past any possible use.
  for (const [id, t] of Object.entries(ws.state.triggers)) if (ws.clock() - t.issuedAt > 3_600_000) delete ws.state.triggers[id];
  const n = (ws.state.counters.trigger ?? 0) + 1;
  ws.state.counters.trigger = n;
  const id = `${8071349150000 + n}.7450218834521.${randomHex(16)}`;
  ws.state.triggers[id] = { user, issuedAt: ws.clock(), used: false };
  return id;
}

/**
 * Trigger ids are single-use (`exchanged_trigger_id`) and expire 3 s after the interaction
 * (`expired_trigger_id`); the window is configurable because slow CI machines are not Slack's fault.
 */
export function consumeTrigger(ws: Workspace, triggerId: string | undefined, ttlMs: number): string {
  if (!triggerId || !/^\d+\.\d+\.[0-9a-f]+$/.test(triggerId)) fail('invalid_trigger_id');
  const t = ws.state.triggers[triggerId];
  if (!t) fail('invalid_trigger_id');
  if (t.used) fail('exchanged_trigger_id');
  if (ws.clock() - t.issuedAt > ttlMs) fail('expired_trigger_id');
  t.used = true;
  return t.user;
}
