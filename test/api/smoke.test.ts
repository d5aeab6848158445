import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('declares and reads an incident', async () => {
  const created = await t.api('POST', '/api/v1/incidents', { report: 'Checkout API returning 500s', severity: 'major', lead: 'U0ALICE' });
  expect(created.status).toBe(201);
  const read = await t.api('GET', `/api/v1/incidents/${created.body.id}`);
  expect(read.body).toMatchObject({ report: 'Checkout API returning 500s', severity: 'major', status: 'investigating', lead: { slack_id: 'U0ALICE' } });
});
