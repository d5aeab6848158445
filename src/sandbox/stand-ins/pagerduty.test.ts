import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { readPagerDutyConfig } from '../../config/integrations/pagerduty.js';
import { pagerDutyClient } from '../../plugins/builtin/integrations/pagerduty/client.js';
import { verifyPagerDutySignature } from '../../plugins/builtin/integrations/pagerduty/webhook-signature.js';
import { startPagerDutySandbox } from './pagerduty.js';

const received: { signature: string | undefined; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    received.push({ signature: req.headers['x-pagerduty-signature'] as string | undefined, body });
    res.end('{}');
  });
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

it("the sandbox's PagerDuty lists two services, has Bob on call and acknowledges a page with a signed webhook", async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const sandbox = await startPagerDutySandbox({ ackAfterMs: 20 });
  try {
    sandbox.connect(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`);
    const config = readPagerDutyConfig(sandbox.env, undefined)!;
    const client = pagerDutyClient(config);
    const services = await client.listServices();
    expect(services.map((s) => s.name)).toEqual(['Checkout API', 'Payments']);
    expect((await client.onCallFor(services[0]!.serviceId!)).people.map((p) => [p.name, p.level])).toEqual([
      ['Bob Okafor', 1],
      ['Carol Diaz', 2],
    ]);
    await client.trigger({ routingKey: services[0]!.routingKey, dedupKey: 'response-incident-1-x', summary: 'Down', source: 'sandbox', severity: 'critical', customDetails: {}, links: [] });
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    const { signature, body } = received[0]!;
    expect(verifyPagerDutySignature(body, signature, config.webhookSecrets)).toBe(true);
    expect(JSON.parse(body).event).toMatchObject({ event_type: 'incident.acknowledged', agent: { summary: 'Bob Okafor' }, data: { incident_key: 'response-incident-1-x' } });
  } finally {
    await sandbox.close();
  }
});
