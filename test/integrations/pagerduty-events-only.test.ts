/**
 * PagerDuty with only the Events API: services from response.config.ts with their integration
 * keys and no REST API token. Paging still triggers the right service (no on-call lookup, no REST
 * call at all). Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_INTEGRATIONS, readIntegrations } from '../../src/config/integrations/index.js';
import { integrationKey, PagerDutyStandIn } from '../../src/stand-ins/pagerduty/pagerduty-stand-in.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack } from '../plugins/helpers.js';
import { pressHeadlineButton } from '../support/slack-flows.js';

const CHECKOUT = integrationKey();

describe('PagerDuty, Events API only (services from response.config.ts)', { timeout: 120_000 }, () => {
  const pd = new PagerDutyStandIn({ apiToken: 'unused', webhookSecrets: [], seed: { users: [], escalationPolicies: [], services: [{ id: 'PSCHK', name: 'Checkout API', escalationPolicyId: 'PEP', integrationKey: CHECKOUT }] } });
  let t: SlackTestApp;

  beforeAll(async () => {
    await pd.start();
    const integrations = readIntegrations(
      { PAGERDUTY_EVENTS_URL: pd.url, PAGERDUTY_CHECKOUT_KEY: CHECKOUT },
      { pagerduty: { services: [{ key: 'checkout', name: 'Checkout', routingKey: { env: 'PAGERDUTY_CHECKOUT_KEY' } }] } },
    );
    expect(integrations).toMatchObject({ ...NO_INTEGRATIONS, pagerduty: { apiToken: null, services: [{ key: 'checkout', routingKey: CHECKOUT }] } });
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' }, integrations });
  });
  afterAll(async () => {
    await t?.close();
    await pd.close();
  });

  it('pages the configured service by its integration key, without the REST API', async () => {
    const incident = await declareViaSlack(t, 'Checkout is down');
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'pagerduty-page-button');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const service = (view.view.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find((b) => b.block_id === 'pd_service');
    expect(service?.element?.options?.map((o) => o.value)).toEqual(['checkout']);
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { pd_service: { value: 'checkout' }, pd_urgency: { value: 'high' }, pd_message: { value: 'Checkout 500s' } });
    expect(r.responseAction).not.toBe('errors');
    await t.settle();
    const sent = pd.server.calls('POST', '/v2/enqueue');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ routing_key: CHECKOUT, event_action: 'trigger', dedup_key: `response-incident-${incident.id}-checkout`, payload: { severity: 'critical' } });
    expect(pd.server.calls().filter((c) => c.path !== '/v2/enqueue')).toEqual([]);
  });
});
