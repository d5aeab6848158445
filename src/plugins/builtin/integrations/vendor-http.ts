/**
 * How every integration calls its vendor's API. Calls run inside outbox deliveries (tasks and
 * event handlers), so the errors thrown here tell the outbox what to do: a 429 or 5xx, a timeout
 * or a refused connection is retried (after the vendor's Retry-After when it sent one); any other
 * 4xx is the vendor refusing the request for good (`permanent`), so retrying would only repeat it.
 */

export class VendorError extends Error {
  /** The outbox gives up at once instead of retrying. */
  readonly permanent: boolean;
  /** Wait at least this long before the next attempt (a 429's Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly vendor: string,
    message: string,
    readonly status: number | null,
    options: { permanent: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(`${vendor}: ${message}`, { cause: options.cause });
    this.name = 'VendorError';
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface VendorRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Default 10 s: an outbox delivery must not hang on a vendor. */
  timeoutMs?: number;
}

export interface VendorResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `ratelimit-reset`: seconds until the window resets (draft-ietf-httpapi-ratelimit-headers). */
function resetMs(header: string | null): number | undefined {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The vendor's own words for a refusal, from the usual error shapes (PagerDuty, Atlassian, GraphQL). */
function vendorMessage(body: unknown, fallback: string): string {
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 300);
  if (!body || typeof body !== 'object') return fallback;
  const b = body as Record<string, unknown>;
  const parts: string[] = [];
  const error = b.error;
  if (typeof error === 'string') parts.push(error);
  else if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    if (typeof e.message === 'string') parts.push(e.message);
    if (Array.isArray(e.errors)) parts.push(...e.errors.filter((x): x is string => typeof x === 'string'));
  }
  if (typeof b.message === 'string') parts.push(b.message);
  if (Array.isArray(b.errors)) parts.push(...b.errors.map((x) => (typeof x === 'string' ? x : typeof (x as { message?: unknown })?.message === 'string' ? String((x as { message: string }).message) : '')).filter(Boolean));
  else if (b.errors && typeof b.errors === 'object') parts.push(...Object.entries(b.errors as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`));
  if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.filter((x): x is string => typeof x === 'string'));
  return (parts.join('; ') || fallback).slice(0, 300);
}

/** Calls `url` and returns the parsed answer; throws a VendorError saying whether to retry. */
export async function vendorRequest<T = unknown>(vendor: string, url: string, request: VendorRequest = {}): Promise<VendorResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] ??= 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : `could not be reached (${err instanceof Error ? err.message : String(err)})`;
    throw new VendorError(vendor, `${new URL(url).host} ${reason}`, null, { permanent: false, cause: err });
  }
  const text = await response.text();
  let body: unknown = text;
  if (/json/i.test(response.headers.get('content-type') ?? '') && text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  } else if (!text) body = null;
  if (response.ok) return { status: response.status, headers: response.headers, body: body as T };
  const status = response.status;
  const message = `HTTP ${status}: ${vendorMessage(body, response.statusText || 'request refused')}`;
  if (status === 429) {
    // Retry-After (most vendors), else the IETF RateLimit header's reset in seconds (PagerDuty's REST API), else 30 s.
    const wait = retryAfterMs(response.headers.get('retry-after')) ?? resetMs(response.headers.get('ratelimit-reset')) ?? 30_000;
    throw new VendorError(vendor, message, status, { permanent: false, retryAfterMs: wait });
  }
  if (status >= 500 || status === 408) throw new VendorError(vendor, message, status, { permanent: false });
  throw new VendorError(vendor, message, status, { permanent: true });
}
