import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, mention, reactionsOn } from '../plugins/helpers.js';

// Every registered `@incident` command (so a new one is covered without touching this file) gets
// odd arguments: NUL, unicode, huge, markup, numbers past any limit. Each is answered (✅, or ❓
// with words), and none falls through to "something went wrong" (an unhandled failure).
const ODD_ARGS = [
  'a\u0000b',
  '😀🔥 Ünïcödé \u202e',
  '<@U0NOBODY>',
  '<!channel> <#C0GENERAL> <https://example.com|link>',
  '9'.repeat(40),
  'x'.repeat(4000),
  '@nobody',
];

describe('odd arguments to every @incident command', { timeout: 120_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    incident = await declareViaSlack(t);
  });
  afterAll(async () => t?.close());

  it('answers each one, never with an unhandled failure', async () => {
    const names = t.app.registry.commands().map((c) => c.handler.names[0] as string);
    expect(names).toEqual(expect.arrayContaining(['lead', 'summary', 'action', 'rename', 'severity']));
    const problems: string[] = [];
    for (const name of names) {
      // close would end the run early for the commands after it; it takes no arguments anyway.
      if (name === 'close') continue;
      for (const args of ODD_ARGS) {
        const before = t.emulator.ephemerals('U0ALICE', incident.channel).length;
        const ts = await mention(t, incident.channel, `${name} ${args}`);
        const reactions = reactionsOn(t, incident.channel, ts);
        const said = t.emulator.ephemerals('U0ALICE', incident.channel).slice(before).map((e) => e.text ?? '');
        const label = `${name} ${JSON.stringify(args.slice(0, 40))}`;
        if (reactions.length !== 1) problems.push(`${label}: reactions ${JSON.stringify(reactions)}`);
        if (reactions[0] === 'question' && said.length === 0) problems.push(`${label}: ❓ without a word`);
        if (said.some((s) => s.includes('something went wrong'))) problems.push(`${label}: ${said.join(' | ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
