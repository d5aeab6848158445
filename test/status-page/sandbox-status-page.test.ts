/**
 * The sandbox sets up a status page a newcomer can publish to: the built-in page with a few
 * components, and a Statuspage stand-in Response mirrors published updates to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the sandbox status page', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'response-sandbox-status-'));
  let sandbox: Sandbox;
  let t: TestApp;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir, publicUrl: 'http://127.0.0.1' });
    t = await startTestApp({ env: sandbox.env });
    sandbox.connect(`${t.baseUrl}/slack/events`);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes to the built-in page and to the Statuspage stand-in', async () => {
    const before = (await (await fetch(`${t.baseUrl}/status.json`)).json()) as any;
    expect(before.page.title).toBe('Sandbox status');
    expect(before.components.map((c: any) => c.key)).toEqual(['checkout', 'payments', 'login', 'api']);

    const id = (await t.api('POST', '/api/v1/incidents', { report: 'Checkout errors', severity: 'major' })).body.id;
    const posted = await t.api('POST', `/api/v1/incidents/${id}/updates`, {
      status: 'investigating',
      message: 'internal',
      publish: { title: 'Checkout errors', body: 'Some checkouts fail.', components: { checkout: 'partial_outage' } },
    });
    expect(posted.status).toBe(201);
    const html = await (await fetch(`${t.baseUrl}/status`)).text();
    expect(html).toMatch(/Checkout<\/span>.*Partial outage/s);

    const env = sandbox.env;
    const mirrored = async () => {
      const res = await fetch(`${env.STATUSPAGE_API_URL}/pages/${env.STATUSPAGE_PAGE_ID}/incidents`, { headers: { authorization: `OAuth ${env.STATUSPAGE_API_KEY}` } });
      return ((await res.json()) as { name: string; components: { id: string; status: string }[] }[]).map((i) => ({ name: i.name, components: i.components.map((c) => `${c.id}:${c.status}`) }));
    };
    await expect.poll(mirrored, { timeout: 30_000 }).toEqual([{ name: 'Checkout errors', components: ['sb-checkout:partial_outage'] }]);
  });
});
