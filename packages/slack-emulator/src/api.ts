import { SlackApiError } from './errors.js';
import type { Faults } from './faults.js';
import type { CallerAuth, MethodContext, MethodTable } from './methods/context.js';
import type { SlackObject } from './types.js';
import type { Workspace } from './workspace.js';

/** One recorded Web API call. `args` are parsed: blocks, view and attachments are objects, the token is left out. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  status: number;
  /** Milliseconds since the epoch, from the emulator's clock. */
  at: number;
  response: SlackObject;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: SlackObject;
  /** `body` as JSON, when it was already serialised (the HTTP server sends this as it is). */
  json?: string;
}

const MAX_RECORDED = 10_000;
const JSON_ARGS = ['blocks', 'view', 'attachments', 'metadata'];

function decodeArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (k === 'token') continue;
    if (JSON_ARGS.includes(k) && typeof v === 'string') {
      try {
        out[k] = JSON.parse(v) as unknown;
        continue;
      } catch {
        // keep the raw string: the method will answer invalid_*_format
      }
    }
    out[k] = v;
  }
  return out;
}

/** A recorded call whose `args` and `response` are worked out on first read (own enumerable getters, so they compare and serialise as plain fields). */
function recordedCall(fields: Omit<RecordedCall, 'args' | 'response'>, rawArgs: Record<string, unknown>, json: string): RecordedCall {
  let args: Record<string, unknown> | undefined;
  let response: SlackObject | undefined;
  return Object.defineProperties(fields, {
    args: { enumerable: true, get: () => (args ??= decodeArgs(rawArgs)) },
    response: { enumerable: true, get: () => (response ??= JSON.parse(json) as SlackObject) },
  }) as RecordedCall;
}

export interface ApiDeps {
  ws: Workspace;
  methods: MethodTable;
  faults: Faults;
  calls: RecordedCall[];
  baseUrl: () => string;
  triggerTtlMs: number;
  chatWritePublic: boolean;
  /** The app-level token (Socket Mode's apps.connections.open). */
  appToken?: string;
  /** Mints a Socket Mode WebSocket URL. */
  openSocket?: () => string;
}

function authenticate(ws: Workspace, token: string | undefined, appToken: string | undefined): CallerAuth | 'not_authed' | 'invalid_auth' {
  if (!token) return 'not_authed';
  if (token === ws.state.bot.token) return { kind: 'bot', userId: ws.state.bot.userId };
  if (appToken && token === appToken) return { kind: 'app', userId: '' };
  const user = ws.state.openid.userTokens[token];
  return user ? { kind: 'user', userId: user } : 'invalid_auth';
}

/** Runs one Web API call the way Slack answers it: HTTP 200 for every error except rate limiting. */
export async function handleApiCall(deps: ApiDeps, method: string, args: Record<string, unknown>, bearer: string | undefined): Promise<ApiAnswer> {
  const { ws } = deps;
  const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
  const record = (a: ApiAnswer): ApiAnswer => {
    const b = a.body;
    // The answer is serialised once, now: that is the copy the recording keeps (answers may hold
    // live state objects that later calls change) and the bytes the HTTP server sends. Tests read
    // few of the calls recorded, so arguments are decoded and the answer re-read only when asked.
    const json = JSON.stringify(b);
    deps.calls.push(recordedCall({ method, ok: b.ok === true, ...(b.ok === true ? {} : { error: String(b.error) }), status: a.status, at: ws.clock() }, args, json));
    // The sandbox runs for days; keep the recent history only.
    if (deps.calls.length > MAX_RECORDED) deps.calls.splice(0, deps.calls.length - MAX_RECORDED);
    return { ...a, json };
  };
  const spec = deps.methods[method];
  if (!spec) return record({ status: 200, headers: {}, body: { ok: false, error: 'unknown_method' } });
  const fault = deps.faults.take(method, args);
  if (fault) return record(fault);
  const mode = spec.auth ?? 'bot';
  let auth: CallerAuth = { kind: 'none', userId: '' };
  if (mode !== 'none') {
    const a = authenticate(ws, token, deps.appToken);
    if (typeof a === 'string') return record({ status: 200, headers: {}, body: { ok: false, error: a } });
    // A user token on a bot method (or the reverse) is a scope problem on real Slack; an app-level token
    // opens Socket Mode connections and nothing else.
    if ((mode === 'bot' && a.kind !== 'bot') || (mode === 'user' && a.kind !== 'user') || (mode === 'app') !== (a.kind === 'app')) {
      return record({ status: 200, headers: {}, body: { ok: false, error: 'not_allowed_token_type' } });
    }
    auth = a;
  }
  const ctx: MethodContext = {
    ws,
    args,
    auth,
    baseUrl: deps.baseUrl(),
    triggerTtlMs: deps.triggerTtlMs,
    chatWritePublic: deps.chatWritePublic,
    ...(deps.openSocket ? { openSocket: deps.openSocket } : {}),
  };
  const pending = ws.outbox.length;
  try {
    const body = await spec.handler(ctx);
    if (deps.faults.holding) await deps.faults.beforeAnswer(method, args);
    const late = deps.faults.takeAfterEffect(method, args);
    return record(late ?? { status: 200, headers: {}, body });
  } catch (err) {
    // A failed call changes nothing on Slack, so it must not announce events either.
    ws.outbox.length = pending;
    if (err instanceof SlackApiError) return record({ status: 200, headers: {}, body: { ok: false, error: err.code, ...err.extra } });
    throw err;
  }
}
