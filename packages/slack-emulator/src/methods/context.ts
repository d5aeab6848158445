import { fail } from '../errors.js';
import type { SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';

/** Who is calling: the bot token, or a user token handed out by openid.connect.token. */
export interface CallerAuth {
  kind: 'bot' | 'user' | 'app' | 'none';
  userId: string;
}

export type Args = Record<string, unknown>;

export interface MethodContext {
  ws: Workspace;
  args: Args;
  auth: CallerAuth;
  /** `http://host:port/` of the emulator, for response_urls and OpenID endpoints. */
  baseUrl: string;
  triggerTtlMs: number;
  /** The app has chat:write.public: it may post in public channels it hasn't joined. */
  chatWritePublic: boolean;
  /** Mints a Socket Mode WebSocket URL (apps.connections.open). */
  openSocket?: () => string;
}

export type MethodHandler = (ctx: MethodContext) => SlackObject | Promise<SlackObject>;

export interface MethodSpec {
  handler: MethodHandler;
  /**
   * Most methods need the bot token (the default). Sign in with Slack's token exchange uses client credentials
   * (`none`), userInfo a user token (`user`), auth.test takes either (`any`), and Socket Mode's
   * apps.connections.open the app-level token (`app`).
   */
  auth?: 'bot' | 'user' | 'any' | 'none' | 'app';
}

export type MethodTable = Record<string, MethodSpec>;

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function need(args: Args, key: string, error = 'invalid_arguments'): string {
  const v = str(args, key);
  if (v === undefined || v === '') fail(error);
  return v;
}

/** Form posts carry booleans as "true"/"1"; JSON posts as real booleans. */
export function bool(args: Args, key: string): boolean {
  const v = args[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function int(args: Args, key: string, fallback: number): number {
  const v = str(args, key);
  if (v === undefined || v === '') return fallback;
  const n = Number.parseInt(v, 10);
  if (Number.isNaN(n)) fail('invalid_arguments');
  return n;
}

/** Nested values arrive as JSON strings in form posts (the WebClient stringifies them) and as objects in JSON posts. */
export function objectArg(args: Args, key: string, badFormat: string): unknown {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return fail(badFormat);
  }
}

export function list(args: Args, key: string): string[] {
  const v = args[key];
  if (Array.isArray(v)) return v.map(String);
  const s = str(args, key);
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

/**
 * Cursor pagination like Slack's: the cursor is opaque base64 of "<kind>:<id of the next item>", and the last
 * page answers `next_cursor: ""` with `response_metadata` still present.
 */
export function paginate<T>(items: T[], idOf: (t: T) => string, args: Args, kind: string, defaultLimit: number) {
  let limit = int(args, 'limit', defaultLimit);
  if (limit <= 0) limit = items.length || 1;
  if (limit >= 1000) fail('invalid_limit');
  let start = 0;
  const cursor = str(args, 'cursor');
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const [k, id] = [decoded.slice(0, decoded.indexOf(':')), decoded.slice(decoded.indexOf(':') + 1)];
    start = k === kind ? items.findIndex((t) => idOf(t) === id) : -1;
    if (start < 0) fail('invalid_cursor');
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  const nextCursor = next ? Buffer.from(`${kind}:${idOf(next)}`).toString('base64') : '';
  return { page, nextCursor, hasMore: next !== undefined };
}
