/**
 * PagerDuty end to end: the real app, the Slack emulator and the PagerDuty stand-in (Events API v2,
 * REST API v2, signed v3 webhooks). Paging from the modal, who is on call and the invite; a 429
 * and a PagerDuty that keeps failing; webhooks refused, redelivered and put on the timeline;
 * resolving ours resolves PagerDuty's. Both databases (DATABASE_URL or the embedded one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationKey, PAGERDUTY_RATE_LIMITED, PagerDutyStandIn } from '../../src/stand-ins/pagerduty/pagerduty-stand-in.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from '../plugins/helpers.js';
import { headlineButtonIds, pressHeadlineButton } from '../support/slack-flows.js';

const SECRET = 'pd-webhook-secret';
const CHECKOUT = integrationKey();
const PAYMENTS = integrationKey();

describe('PagerDuty', { timeout: 120_000 }, () => {
  const pd = new PagerDutyStandIn({
    apiToken: 'pd-token',
    webhookSecrets: [SECRET],
    seed: {
      users: [
        { id: 'PBOB', name: 'Bob Okafor', email: 'bob@acme.example' },
        { id: 'PPAT', name: 'Pat Contractor', email: 'pat@contractor.example' },
        { id: 'PCAROL', name: 'Carol Diaz', email: 'carol@acme.example' },
      ],
      escalationPolicies: [{ id: 'PEP', name: 'Platform on-call', levels: [['PBOB', 'PPAT'], ['PCAROL']] }],
      services: [
        { id: 'PSCHK', name: 'Checkout API', escalationPolicyId: 'PEP', integrationKey: CHECKOUT },
        { id: 'PSPAY', name: 'Payments', escalationPolicyId: 'PEP', integrationKey: PAYMENTS },
      ],
    },
  });
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  const enqueued = () => pd.server.calls('POST', '/v2/enqueue');
  const entries = async (id = incident.id) => (await t.api('GET', `/api/v1/incidents/${id}/timeline`)).body.results as { text: string; actor: Record<string, unknown> }[];
  const timeline = async (id = incident.id) => (await entries(id)).map((e) => e.text);
  const retryLater = async (ms: number) => {
    t.clock.advance(ms);
    await t.settle();
  };

  /** Presses the headline's 📟 Page button as Alice and submits the modal. */
  async function page(id: number, service: string, urgency: 'high' | 'low', message: string) {
    await pressHeadlineButton(t, 'U0ALICE', id, 'pagerduty-page-button');
    const view = t.emulator.openViews('U0ALICE').at(-1);
    expect(view?.view.callback_id).toBe('pagerduty-page-modal');
    const r = await t.emulator.as('U0ALICE').submitView(view!.id, { pd_service: { value: service }, pd_urgency: { value: urgency }, pd_message: { value: message } });
    expect(r.responseAction).not.toBe('errors');
    await t.settle();
  }

  beforeAll(async () => {
    await pd.start();
    t = await startSlackTestApp({
      env: { AUTO_CREATE_CHANNEL: 'true', PAGERDUTY_API_TOKEN: 'pd-token', PAGERDUTY_WEBHOOK_SECRET: SECRET, PAGERDUTY_API_URL: pd.url, PAGERDUTY_EVENTS_URL: pd.url },
    });
    pd.subscribe(`${t.baseUrl}/webhooks/pagerduty`);
    incident = await declareViaSlack(t, 'Checkout is down');
  });
  afterAll(async () => {
    await t?.close();
    await pd.close();
  });

  it('@incident page answers with the button; the modal lists the services from the REST API', async () => {
    await mention(t, incident.channel, 'page');
    const prompt = t.emulator.ephemerals('U0ALICE', incident.channel).at(-1) as { text?: string } | undefined;
    expect(prompt?.text).toContain('Page someone with PagerDuty');
    expect(await headlineButtonIds(t, incident.id)).toContain('pagerduty-page-button');
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'pagerduty-page-button');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const service = (view.view.blocks as any[]).find((b) => b.block_id === 'pd_service');
    expect(service.element.options.map((o: any) => [o.value, o.text.text])).toEqual([
      ['pschk', 'Checkout API'],
      ['pspay', 'Payments'],
    ]);
    await t.emulator.as('U0ALICE').closeView(view.id);
    expect(enqueued()).toHaveLength(0);
  });

  it('pages through the Events API with our dedup key, shows who is on call and invites the person paged', async () => {
    expect(t.emulator.members(incident.channel)).not.toContain('U0BOB');
    await page(incident.id, 'pschk', 'high', 'Checkout returns 500s for everyone');
    expect(enqueued()).toHaveLength(1);
    expect(enqueued()[0]!.body).toMatchObject({
      routing_key: CHECKOUT,
      event_action: 'trigger',
      dedup_key: `response-incident-${incident.id}-pschk`,
      payload: { summary: `[Incident ${incident.id}] Checkout returns 500s for everyone`, severity: 'critical', custom_details: { incident_id: incident.id, incident: 'Checkout is down', link: expect.stringContaining(`/incidents/${incident.id}`) } },
      links: [{ href: expect.stringContaining(`/incidents/${incident.id}`), text: `Incident ${incident.id} in Response` }],
    });
    const pdIncident = pd.incidentByKey(`response-incident-${incident.id}-pschk`);
    expect(pdIncident).toMatchObject({ status: 'triggered', urgency: 'high' });

    const said = botTexts(t, incident.channel).filter((m) => m.includes('Paged Checkout API'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('(high urgency) for <@U0ALICE>: Checkout returns 500s for everyone');
    expect(said[0]).toContain('On call now (Platform on-call): level 1: <@U0BOB>, Pat Contractor · level 2: Carol Diaz');
    expect(said[0]).toContain('Invited <@U0BOB> to this channel.');
    expect(said[0]).toContain('Not found in Slack by their PagerDuty email: Pat Contractor.');
    expect(t.emulator.members(incident.channel)).toContain('U0BOB');
    // Level 2 is not paged yet, so not invited.
    expect(t.emulator.members(incident.channel)).not.toContain('U0CAROL');
    const paged = (await entries()).filter((e) => e.text.startsWith('Paged Checkout API in PagerDuty'));
    expect(paged.map((e) => e.text)).toEqual(['Paged Checkout API in PagerDuty (high urgency): Checkout returns 500s for everyone. On call: Bob Okafor, Pat Contractor']);
    // The integration did it, for the person who asked.
    expect(paged[0]!.actor).toMatchObject({ kind: 'plugin', plugin: 'pagerduty', slackId: 'U0ALICE', label: '<@U0ALICE> via PagerDuty' });
  });

  it('refuses a webhook with a bad signature (401) and records nothing', async () => {
    const before = await t.app.inbox.counts();
    const pdIncident = pd.incidentByKey(`response-incident-${incident.id}-pschk`)!;
    const body = JSON.stringify({ event: { id: 'forged-1', event_type: 'incident.resolved', resource_type: 'incident', agent: { id: 'PBOB', summary: 'Mallory' }, data: { id: pdIncident.id, type: 'incident', incident_key: pdIncident.incidentKey } } });
    expect(await pd.deliver(body, { secrets: ['not-the-secret'] })).toBe(401);
    const unsigned = await fetch(`${t.baseUrl}/webhooks/pagerduty`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    await t.app.webhooks?.idle();
    expect(await t.app.inbox.counts()).toEqual(before);
    expect((await timeline()).some((e) => e.includes('Mallory'))).toBe(false);
  });

  it('puts an acknowledgement on the timeline once, however often PagerDuty delivers it', async () => {
    const pdIncident = pd.incidentByKey(`response-incident-${incident.id}-pschk`)!;
    const body = await pd.acknowledge(pdIncident.id);
    expect(pd.webhooksSent.at(-1)?.status).toBe(200);
    await t.app.webhooks?.idle();
    expect(await pd.deliver(body)).toBe(200);
    await t.app.webhooks?.idle();
    await t.settle();
    const acked = `PagerDuty: Bob Okafor acknowledged the page to Checkout API (PagerDuty #${pdIncident.number})`;
    const ackEntries = (await entries()).filter((e) => e.text === acked);
    expect(ackEntries).toHaveLength(1);
    expect(ackEntries[0]!.actor).toMatchObject({ kind: 'plugin', plugin: 'pagerduty', label: 'PagerDuty' });
    expect(ackEntries[0]!.actor.slackId).toBeUndefined();
    expect(botTexts(t, incident.channel).filter((m) => m.includes('Bob Okafor acknowledged'))).toHaveLength(1);

    // Events Response doesn't follow, and incidents it didn't page, are answered 200 and ignored.
    const other = JSON.stringify({ event: { id: 'other-1', event_type: 'incident.acknowledged', resource_type: 'incident', data: { id: 'PNOTOURS', type: 'incident', incident_key: 'someone-else' } } });
    expect(await pd.deliver(other)).toBe(200);
    const note = JSON.stringify({ event: { id: 'note-1', event_type: 'incident.annotated', resource_type: 'incident', data: { id: 'N1', type: 'incident_note', incident: { id: pdIncident.id } } } });
    expect(await pd.deliver(note)).toBe(200);
    await t.app.webhooks?.idle();
    expect((await timeline()).filter((e) => e.startsWith('PagerDuty:'))).toEqual([acked]);
  });

  it('an escalation goes on the timeline and brings whoever it went to into the channel', async () => {
    const pdIncident = pd.incidentByKey(`response-incident-${incident.id}-pschk`)!;
    expect(t.emulator.members(incident.channel)).not.toContain('U0CAROL');
    await pd.escalate(pdIncident.id);
    expect(pd.webhooksSent.at(-1)?.status).toBe(200);
    await t.app.webhooks?.idle();
    await t.settle();
    expect(await timeline()).toContain(`PagerDuty: The page to Checkout API (PagerDuty #${pdIncident.number}) escalated to Carol Diaz`);
    expect(t.emulator.members(incident.channel)).toContain('U0CAROL');
    expect(botTexts(t, incident.channel).filter((m) => m.includes('escalated to Carol Diaz'))).toEqual([expect.stringContaining('Invited <@U0CAROL>.')]);
  });

  it('waits out a 429 from the Events API and then pages once', async () => {
    pd.server.clearCalls();
    pd.server.failNext({ ...PAGERDUTY_RATE_LIMITED.events, path: '/v2/enqueue' });
    await page(incident.id, 'pspay', 'low', 'Payments slow too');
    expect(enqueued().map((c) => c.status)).toEqual([429]);
    await retryLater(31_000);
    expect(enqueued().map((c) => c.status)).toEqual([429, 202]);
    expect(enqueued()[1]!.body).toMatchObject({ routing_key: PAYMENTS, dedup_key: `response-incident-${incident.id}-pspay`, payload: { severity: 'warning' } });
    await retryLater(300_000);
    expect(enqueued()).toHaveLength(2);
    expect(botTexts(t, incident.channel).filter((m) => m.includes('Paged Payments'))).toHaveLength(1);
  });

  it('resolving our incident resolves every PagerDuty incident it paged', async () => {
    pd.server.clearCalls();
    expect((await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'resolved' })).status).toBe(200);
    await t.settle();
    const resolves = enqueued().map((c) => c.body as Record<string, unknown>);
    expect(resolves).toEqual(
      expect.arrayContaining([
        { routing_key: CHECKOUT, event_action: 'resolve', dedup_key: `response-incident-${incident.id}-pschk` },
        { routing_key: PAYMENTS, event_action: 'resolve', dedup_key: `response-incident-${incident.id}-pspay` },
      ]),
    );
    expect(resolves).toHaveLength(2);
    const checkout = pd.incidentByKey(`response-incident-${incident.id}-pschk`)!;
    expect(checkout.status).toBe('resolved');
    expect(pd.incidentByKey(`response-incident-${incident.id}-pspay`)?.status).toBe('resolved');
    // PagerDuty's own webhooks about those resolves come back and are recorded as PagerDuty's doing.
    await pd.idle();
    await t.app.webhooks?.idle();
    expect(await timeline()).toContain(`PagerDuty: The page to Checkout API (PagerDuty #${checkout.number}) was resolved`);
    // Resolving again (a redelivery, or reopen and resolve) sends resolves PagerDuty drops: nothing changes.
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'investigating' });
    await t.settle();
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'resolved' });
    await t.settle();
    await pd.idle();
    expect(enqueued()).toHaveLength(4);
    expect(pd.webhooksSent.filter((w) => w.status === 200 && w.body.includes('incident.resolved'))).toHaveLength(2);
    expect(await headlineButtonIds(t, incident.id)).not.toContain('pagerduty-page-button');
  });

  it('gives up on a PagerDuty that keeps failing and tells the channel once', async () => {
    const second = await declareViaSlack(t, 'Login is down');
    pd.server.clearCalls();
    pd.server.failNext({ status: 500, path: '/v2/enqueue', times: 100, body: { status: 'error', message: 'internal error' } });
    await page(second.id, 'pschk', 'high', 'Nobody can log in');
    for (let i = 0; i < 12; i++) await retryLater(301_000);
    const attempts = enqueued().length;
    expect(attempts).toBeGreaterThan(1);
    const notices = botTexts(t, second.channel).filter((m) => m.includes('PagerDuty') && m.includes('gave up'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('paging Checkout API');
    expect(notices[0]).toContain('HTTP 500');
    await retryLater(3_600_000);
    expect(enqueued()).toHaveLength(attempts);
    expect(botTexts(t, second.channel).filter((m) => m.includes('Paged Checkout API'))).toHaveLength(0);
    pd.server.clearFaults?.();
  });
});
