import type { SlackUserActor } from './driver/actor.js';
import type { RecordedCall } from './api.js';
import type { FaultSpec, OutageSpec, RateLimitedCounts, RateLimitsOption } from './faults.js';
import type { ResolvedRateLimits, SlackRateLimitOptions } from './rate-limits.js';
import type { HttpAnswer } from './http-server.js';
import type { EmulatorState } from './types.js';

/** What a browser may make a person do, by name, with the same arguments as the SlackUserActor methods. */
const ACTIONS = [
  'slashCommand',
  'postMessage',
  'dmBot',
  'editMessage',
  'deleteMessage',
  'pin',
  'unpin',
  'react',
  'unreact',
  'renameChannel',
  'join',
  'leave',
  'openHome',
  'clickButton',
  'selectOption',
  'clickViewButton',
  'selectViewOption',
  'setViewValue',
  'submitView',
  'closeView',
] as const;
type ActionName = (typeof ACTIONS)[number];

interface ActRequest {
  user?: string;
  action?: string;
  args?: unknown[];
}

function parse(raw: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(raw || '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function act(emulator: ControlledWorkspace, req: ActRequest): Promise<HttpAnswer> {
  if (!req.user || !emulator.state.users.some((u) => u.id === req.user && !u.is_bot)) return { status: 400, body: { ok: false, error: 'user_not_found' } };
  if (!ACTIONS.includes(req.action as ActionName)) return { status: 400, body: { ok: false, error: 'unknown_action', actions: ACTIONS } };
  const actor = emulator.as(req.user);
  const fn = actor[req.action as ActionName] as (...args: unknown[]) => Promise<unknown>;
  try {
    const result = await fn.apply(actor as SlackUserActor, Array.isArray(req.args) ? req.args : []);
    return { status: 200, body: { ok: true, result: result ?? null } };
  } catch (err) {
    // The driver refuses impossible actions (a button that isn't shown…); the sandbox UI shows why.
    return { status: 409, body: { ok: false, error: err instanceof Error ? err.message : String(err) } };
  }
}

/** What the control API drives: the emulator, named by what it uses (the emulator calls this module). */
export interface ControlledWorkspace {
  readonly state: EmulatorState;
  as(userId: string): SlackUserActor;
  snapshot(): EmulatorState;
  calls(method?: string): RecordedCall[];
  failNext(method: string, spec?: FaultSpec): void;
  setOutage(on: boolean | OutageSpec): void;
  setRateLimits(spec: RateLimitsOption | false): void;
  readonly rateLimits: ResolvedRateLimits | null;
  rateLimited(): RateLimitedCounts;
}

/** `{"on": true | "slack" | false | {speedUp, tiers, methods, …}}` → the `rateLimits` spec, or an error code. */
function rateLimitsSpec(on: unknown): RateLimitsOption | false | 'invalid' {
  if (on === false) return false;
  if (on === true || on === 'slack') return 'slack';
  if (on && typeof on === 'object' && !Array.isArray(on)) return { ...(on as SlackRateLimitOptions), preset: 'slack' };
  return 'invalid';
}

/**
 * The sandbox's control API:
 *   GET  /_emulator/state                  the whole workspace (snapshot)
 *   GET  /_emulator/calls?method=…         recorded Web API calls
 *   POST /_emulator/act   {user, action, args}   a person acts (SlackUserActor method + arguments)
 *   POST /_emulator/faults {method, spec} | {outage}   (outage: true | false | {status, forMs, holdDeliveries})
 *   GET  /_emulator/rate-limits            {limits (Slack's model in force, or null), rateLimited (429 counts)}
 *   POST /_emulator/rate-limits {on}       on: true / "slack" (Slack's limits), {speedUp, tiers, methods, …}, false
 */
export async function handleControl(
  emulator: ControlledWorkspace,
  method: string,
  path: string,
  query: URLSearchParams,
  raw: string,
): Promise<HttpAnswer | undefined> {
  if (method === 'GET' && path === '/_emulator/state') return { status: 200, body: emulator.snapshot() };
  if (method === 'GET' && path === '/_emulator/calls') return { status: 200, body: { calls: emulator.calls(query.get('method') ?? undefined) } };
  if (method === 'GET' && path === '/_emulator/rate-limits') return { status: 200, body: { ok: true, limits: emulator.rateLimits, rateLimited: emulator.rateLimited() } };
  if (method !== 'POST') return undefined;
  const body = parse(raw);
  if (!body) return { status: 400, body: { ok: false, error: 'invalid_json' } };
  if (path === '/_emulator/act') return act(emulator, body as ActRequest);
  if (path === '/_emulator/faults') {
    if ('outage' in body) emulator.setOutage(body.outage as boolean | OutageSpec);
    else if (typeof body.method === 'string') emulator.failNext(body.method, (body.spec ?? {}) as FaultSpec);
    else return { status: 400, body: { ok: false, error: 'method_or_outage_required' } };
    return { status: 200, body: { ok: true } };
  }
  if (path === '/_emulator/rate-limits') {
    const spec = rateLimitsSpec(body.on);
    if (spec === 'invalid') return { status: 400, body: { ok: false, error: 'on_required', detail: 'on: true, "slack", false or {speedUp, tiers, methods, postPerChannel, postPerWorkspace}' } };
    try {
      emulator.setRateLimits(spec);
    } catch (err) {
      return { status: 400, body: { ok: false, error: 'invalid_rate_limits', detail: err instanceof Error ? err.message : String(err) } };
    }
    return { status: 200, body: { ok: true, limits: emulator.rateLimits } };
  }
  return undefined;
}
