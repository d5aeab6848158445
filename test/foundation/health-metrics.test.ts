import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-me' } });
});
afterAll(() => t?.close());

it('reports readiness per check', async () => {
  const res = await fetch(`${t.baseUrl}/readyz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
});

it('exposes Prometheus metrics behind METRICS_TOKEN', async () => {
  await t.api('POST', '/api/v1/incidents', { report: 'Metric me', severity: 'critical' });
  expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
  const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toContain('response_open_incidents{severity="critical"} 1');
  expect(text).toMatch(/response_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/incidents",status="201"\} 1/);
  expect(text).toContain('response_outbox_backlog');
  expect(text).toContain('response_process_resident_memory_bytes');
});

it("redirects the original Response's doc links (/incident/{id}/) to the doc", async () => {
  const res = await fetch(`${t.baseUrl}/incident/42/`, { redirect: 'manual' });
  expect(res.status).toBe(301);
  expect(res.headers.get('location')).toBe('/incidents/42');
});
