/**
 * A team's own severity scale in Slack, through POST /slack/events against the emulator: the
 * declare form offers it, `@incident severity 2` picks by rank, the headline shows the label and
 * emoji, and a severity that creates its channel at once does so with AUTO_CREATE_CHANNEL off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, mention } from '../plugins/helpers.js';
import { SCALE } from './scale.js';

const blockText = (blocks: any[], id: string): string => String(blocks.find((b) => b.block_id === id)?.text?.text ?? '');

describe('configured severities in Slack', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'false' }, process: SCALE });
  });
  afterAll(() => t?.close());

  /** Declares from /incident with the chosen severity; the incident's id. */
  const declare = async (report: string, severity?: string): Promise<number> => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', report);
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const options = (view.view.blocks as any[]).find((b) => b.block_id === 'severity').element.options;
    expect(options.map((o: any) => [o.value, o.text.text])).toEqual([
      ['sev1', '🔴 SEV1 Critical'],
      ['sev2', '🟠 SEV2 High'],
      ['sev3', '🟡 SEV3 Low'],
    ]);
    expect(options[0].description.text).toBe('Everyone is affected');
    await t.emulator.as('U0ALICE').submitView(view.id, severity ? { severity: { value: severity } } : {});
    await t.settle();
    const { body } = await t.api('GET', '/api/v1/incidents?limit=1');
    return Number(body.results[0].id);
  };

  it('offers the scale in the form; a severity that creates its channel at once does, and is private by default', async () => {
    const id = await declare('Card data may be exposed', 'sev1');
    const incident = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
    expect(incident.severity).toBe('sev1');
    expect(incident.private).toBe(true);
    expect(incident.comms_channel).not.toBeNull();
  });

  it('picks by rank from @incident severity, and the headline shows the label and emoji', async () => {
    const id = await declare('Search is slow');
    // AUTO_CREATE_CHANNEL is off and it has no severity yet: no channel until someone makes one.
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel).toBeNull();
    const headline = (await t.headline(id))!;
    await t.emulator.as('U0ALICE').clickButton(headline.channel, headline.ts, 'create-comms-channel-button');
    await t.settle();
    const channel = (await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel.channel_id;

    await mention(t, channel, 'severity 2');
    expect(botTexts(t, channel).at(-1)).toContain('🟠 Severity is now *SEV2 High*');
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.severity).toBe('sev2');
    expect(blockText((await t.headline(id))!.blocks, 'severity')).toBe('🟠 Severity: SEV2 High');

    await mention(t, channel, 'severity major');
    const said = [...botTexts(t, channel), ...t.emulator.ephemerals('U0ALICE', channel).map((m: any) => String(m.text ?? ''))].join('\n');
    expect(said).toContain('Use one of: sev1 (1, sev1), sev2 (2, sev2), sev3 (3, sev3)');
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.severity).toBe('sev2');
  });
});
