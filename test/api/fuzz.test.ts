import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Every route in the OpenAPI document (so a new route is fuzzed without touching this file) gets
// wrong types, out-of-range numbers, odd encodings, unicode, NUL and huge values in its path,
// query and body. Whatever it answers, it is never a 5xx, and an error is the API's JSON error.
// Seeded: a failure prints the seed and the request, and the same run repeats it.
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const CASES_PER_OPERATION = 24;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const WEIRD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '%', '_', '%%', '\\', "'; drop table incidents; --", '"', '<script>alert(1)</script>',
  '😀🔥', 'Ünïcödé', '\ud800', '\udfff', '\u202e', '\ufeff', 'a'.repeat(201), 'x'.repeat(3000), '-1', '0', '2147483647',
  '2147483648', '9'.repeat(40), '1e3', '0x10', '1.5', 'NaN', 'Infinity', 'null', 'true', '[]', '{}', '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', '2026-11-23T10:00:00+14:00', '0000-01-01', 'U0ALICE', 'W0GRID', 'U', '@bob',
];
const WEIRD_JSON = [null, true, false, 0, -1, 1.5, -0, 2 ** 31, 2 ** 53 + 1, 1e308, [], {}, [null], { a: '\u0000' }, { '\u0000': 1 }, ['\u0000'], { a: { b: { c: [1, { d: 'e' }] } } }];

interface Param {
  in: 'path' | 'query';
  name: string;
  schema?: { enum?: string[]; type?: string };
}
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: { properties?: Record<string, { enum?: string[]; type?: string }> };
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(byMethod)) {
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
    }
  return ops;
}

/** Only bodies carry huge values: a URL past Node's 16 KB header limit is refused (431) before Response sees it. */
const HUGE = ['h'.repeat(70_000), 'ü'.repeat(25_000), Array.from({ length: 5000 }, (_, i) => i)];

function weirdValue(r: Rng, inBody = false): unknown {
  if (inBody && r.chance(0.08)) return r.pick(HUGE);
  return r.chance(0.6) ? r.pick(WEIRD_STRINGS) : r.pick(WEIRD_JSON);
}

/** A plausible value for a property (so requests get past the first field to the next one), or a weird one. */
function valueFor(r: Rng, schema: { enum?: string[]; type?: string } | undefined, valid: Record<string, unknown>, name: string, inBody = false): unknown {
  if (r.chance(0.5)) return weirdValue(r, inBody);
  if (schema?.enum?.length) return r.pick(schema.enum);
  if (name in valid) return valid[name];
  if (schema?.type === 'boolean') return r.chance(0.5);
  if (schema?.type === 'integer' || schema?.type === 'number') return r.pick([1, 50, 0, -5, 2 ** 31]);
  return r.pick(['Checkout is down', 'ok', 'x'.repeat(300)]);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function pathValue(r: Rng, name: string, known: Record<string, string>): string {
  if (r.chance(0.35) && known[name]) return known[name];
  const raw = String(r.chance(0.8) ? r.pick(WEIRD_STRINGS) : r.pick(['%', '%zz', '..', '%2e%2e', '%00', '%C0%AF']));
  // Mostly encoded as a client would; sometimes raw, bad escapes and all.
  // A lone surrogate cannot be percent-encoded; a client sends U+FFFD for it.
  return r.chance(0.85) ? encodeURIComponent(raw.replace(LONE_SURROGATE, '\ufffd')) : raw.replace(/[/?#]/g, '');
}

function buildRequest(r: Rng, op: Operation, known: Record<string, string>, validBody: Record<string, unknown>) {
  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValue(r, name, known));
  const query = new URLSearchParams();
  for (const p of op.params.filter((p) => p.in === 'query')) {
    if (r.chance(0.5)) continue;
    const v = valueFor(r, p.schema, {}, p.name);
    query.append(p.name, typeof v === 'string' ? v : JSON.stringify(v));
  }
  if (r.chance(0.1)) query.append('unknown_param', String(r.pick(WEIRD_STRINGS)));
  if ([...query].length) url += `?${query.toString()}`;
  let body: string | undefined;
  if (op.method !== 'GET' && op.method !== 'DELETE') {
    const shape = r.next();
    if (shape < 0.1) body = r.pick(['null', '[]', '"text"', '{"report":', '{"a":1}{', '', '\u0000', '{"report":"\\u0000"}', '{"__proto__":{"x":1}}']);
    else if (shape < 0.2) body = JSON.stringify(weirdValue(r, true));
    else {
      const props = Object.entries(op.body?.properties ?? {});
      const obj: Record<string, unknown> = {};
      for (const [name, schema] of props) if (r.chance(0.6)) obj[name] = valueFor(r, schema, validBody, name, true);
      if (r.chance(0.1)) obj[String(r.pick(WEIRD_STRINGS))] = weirdValue(r);
      body = JSON.stringify(obj);
    }
  }
  // Encodings: a body that is not UTF-8 JSON at all, or says it is something else.
  let contentType = 'application/json';
  let raw: Uint8Array | undefined;
  if (body !== undefined && r.chance(0.12)) {
    const pick = r.next();
    if (pick < 0.3) raw = new Uint8Array([0x7b, 0x22, 0x72, 0x65, 0x70, 0x6f, 0x72, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]); // {"report":"<invalid UTF-8>"}
    else if (pick < 0.5) contentType = 'application/json; charset=utf-16';
    else if (pick < 0.7) contentType = 'text/plain';
    else if (pick < 0.85) contentType = 'application/x-www-form-urlencoded';
    else raw = new TextEncoder().encode(`\ufeff${body}`); // a byte-order mark before the JSON
  }
  return { method: op.method, url, body, raw, contentType };
}

describe('fuzzing every route in the OpenAPI document', { timeout: 120_000 }, () => {
  let t: TestApp;
  const known: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    const incident = (await t.api('POST', '/api/v1/incidents', { report: 'Fuzz target', lead: 'U0ALICE' })).body;
    const action = (await t.api('POST', `/api/v1/incidents/${incident.id}/actions`, { details: 'Fix it' })).body;
    const entry = (await t.api('POST', `/api/v1/incidents/${incident.id}/timeline`, { text: 'Something happened' })).body;
    Object.assign(known, { id: String(incident.id), action_id: String(action.id), event_id: String(entry.id), slack_id: 'U0ALICE', name: 'fuzz-token' });
  });
  afterAll(() => t?.close());

  it('answers every request below 500, with a JSON error body for every /api error', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).body;
    const ops = operations(doc);
    // The document must describe the API, or this test fuzzes nothing.
    expect(ops.length).toBeGreaterThanOrEqual(20);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/incidents/{id}', 'POST /api/v1/incidents/{id}/timeline']));
    const r = rng(SEED);
    const validBody = { report: 'A title', text: 'An entry', details: 'An action', lead: 'U0BOB', reporter: 'U0ALICE', assignee: 'U0BOB', due_date: '2026-12-31', timestamp: '2026-11-23T10:00:00Z', name: 'fuzzed' };
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const op of ops) {
      // Revoking the token this test authenticates with would turn every later request into a 401.
      for (let i = 0; i < CASES_PER_OPERATION; i++) {
        const req = buildRequest(r, op, known, validBody);
        if (req.method === 'DELETE' && req.url === '/api/v1/tokens/test') continue;
        const res = await fetch(t.baseUrl + req.url, {
          method: req.method,
          redirect: 'manual',
          headers: { authorization: `Bearer ${t.token}`, ...(req.body !== undefined ? { 'content-type': req.contentType } : {}) },
          body: req.raw ?? req.body,
        });
        const text = await res.text();
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const describe = () => `${res.status} ${req.method} ${req.url.slice(0, 200)} ${req.body?.slice(0, 200) ?? ''} → ${text.slice(0, 300)}`;
        if (res.status >= 500) failures.push(describe());
        else if (res.status >= 400 && req.url.startsWith('/api/')) {
          let parsed: any = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            // reported below
          }
          if (typeof parsed?.error?.message !== 'string') failures.push(`no JSON error: ${describe()}`);
        }
      }
    }
    expect(failures, `seed ${SEED}`).toEqual([]);
    // The requests reached handlers, not only the validators: some succeeded.
    expect(sent).toBeGreaterThan(ops.length * CASES_PER_OPERATION * 0.9);
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
  });
});
