import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

describe('declaring from Slack', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/incident opens the report modal prefilled with the text', async () => {
    const r = await t.emulator.as('U0ALICE').slashCommand('/incident', 'Checkout API returning 500s');
    expect(r.status).toBe(200);
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1);
    expect(view?.view.callback_id).toBe('incident-report-dialog');
    expect((view?.view.title as { text: string }).text).toBe('Report an Incident');
    const blocks = view?.view.blocks as { block_id: string; element: { initial_value?: string } }[];
    // Anyone may declare a private incident by default (PERMISSION_DECLARE_PRIVATE), so the checkbox is offered.
    expect(blocks.map((b) => b.block_id)).toEqual(['report', 'summary', 'impact', 'lead', 'severity', 'private']);
    expect(blocks[0]?.element.initial_value).toBe('Checkout API returning 500s');
  });

  it('submitting declares the incident, thanks the reporter and posts the headline', async () => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', 'Checkout API returning 500s');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const r = await t.emulator
      .as('U0ALICE')
      .submitView(view.id, { summary: { value: 'Payments failing' }, lead: { value: 'U0BOB' }, severity: { value: 'major' } });
    expect(r.status).toBe(200);
    expect(r.viewOpen).toBe(false);
    await t.settle();
    const { body } = await t.api('GET', '/api/v1/incidents');
    const incident = body.results.at(-1);
    expect(incident).toMatchObject({ report: 'Checkout API returning 500s', summary: 'Payments failing', severity: 'major' });
    const thanks = t.emulator.ephemerals('U0ALICE').at(-1);
    expect(thanks?.text).toContain('Thanks for raising the incident 🙏');
    expect(thanks?.text).toContain('<#C0INCIDENTS>');
    const headline = await t.headline(incident.id);
    expect(headline?.channel).toBe('C0INCIDENTS');
    expect(headline?.text).toBe('Checkout API returning 500s reported by <@U0ALICE>');
  });
});
