import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PagerDutyConfig } from '../../../../config/integrations/pagerduty.js';
import { integrationKey, PagerDutyStandIn } from '../../../../stand-ins/pagerduty/pagerduty-stand-in.js';
import { pagerDutyClient } from './client.js';
import { pagerDutyServices } from './services.js';

const pd = new PagerDutyStandIn({
  apiToken: 't',
  seed: { escalationPolicies: [{ id: 'PEP', name: 'P', levels: [] }], services: [{ id: 'PS1', name: 'Checkout', escalationPolicyId: 'PEP', integrationKey: integrationKey() }] },
});
beforeAll(() => pd.start());
afterAll(() => pd.close());

const config = (services: PagerDutyConfig['services'] = []): PagerDutyConfig => ({ apiToken: 't', fromEmail: null, webhookSecrets: [], apiUrl: pd.url, eventsUrl: pd.url, services });

it('offers the configured services without asking PagerDuty', async () => {
  pd.server.clearCalls();
  const configured = [{ key: 'checkout', name: 'Checkout', serviceId: null, routingKey: 'k'.repeat(32) }];
  const services = pagerDutyServices(config(configured), pagerDutyClient(config(configured)));
  expect(await services.all()).toEqual(configured);
  expect(await services.find('nope')).toBeUndefined();
  expect(pd.server.calls()).toHaveLength(0);
});

it('lists services from PagerDuty, reuses the listing for a few minutes, and lists again for a service it has not seen', async () => {
  pd.server.clearCalls();
  let now = 0;
  const services = pagerDutyServices(config(), pagerDutyClient(config()), () => now);
  expect((await services.all()).map((s) => s.key)).toEqual(['ps1']);
  expect(await services.find('ps1')).toMatchObject({ name: 'Checkout', serviceId: 'PS1' });
  expect(pd.server.calls('GET', '/services')).toHaveLength(1);
  pd.services.set('PS2', { id: 'PS2', name: 'Payments', escalationPolicyId: 'PEP', integrationKey: integrationKey() });
  expect(await services.find('ps2')).toMatchObject({ name: 'Payments' });
  expect(pd.server.calls('GET', '/services')).toHaveLength(2);
  now += 6 * 60_000;
  await services.all();
  expect(pd.server.calls('GET', '/services')).toHaveLength(3);
});
