/**
 * The Slack emulator (packages/slack-emulator) in its own process, so the Web API calls Response makes
 * after acking (views.open, chat.postMessage, users.info…) have somewhere real to go without
 * sharing the load generator's event loop. The benchmark mints trigger ids here over IPC: Slack
 * issues one per interaction, and views.open refuses any it didn't issue.
 */
import { DEFAULT_CHANNELS, DEFAULT_PEOPLE, randomHex, SlackEmulator } from '@response/slack-emulator';
import { BENCH_COMMS_CHANNEL, BENCH_PEOPLE, sweepChannels } from './lib/slack-workspace.js';

const emulator = new SlackEmulator({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  botToken: process.env.SLACK_BOT_TOKEN ?? 'xoxb-bench',
  // Bench load queues views.open behind many acks; a trigger's 3 s would measure the queue, not Response.
  triggerTtlMs: 3_600_000,
  seed: {
    people: [...DEFAULT_PEOPLE, ...BENCH_PEOPLE.map((id, i) => ({ id, name: `bench${i}`, realName: `Bench Responder ${i}`, email: `bench${i}@acme.example` }))],
    channels: [
      ...DEFAULT_CHANNELS,
      { id: BENCH_COMMS_CHANNEL.id, name: BENCH_COMMS_CHANNEL.name, creator: 'U0BOT', created: 1732350026, members: ['U0BOT', ...DEFAULT_PEOPLE.map((p) => p.id), ...BENCH_PEOPLE] },
      ...sweepChannels(Number(process.env.BENCH_SWEEP_MAX ?? 0)).map((c) => ({ ...c, creator: 'U0BOT', created: 1732350026, members: ['U0BOT', 'U0ALICE'] })),
    ],
  },
});
await emulator.listen();
// Closed modals are never read again here, but the emulator's views.open scans every view it has
// stored (openModals), which under tens of thousands of /incident presses made the emulator, not
// Response, the bottleneck. Forget them soon after they close (at 2,000 modals a second, every
// 20 ms leaves a few dozen to scan).
setInterval(() => {
  for (const [id, r] of Object.entries(emulator.workspace.state.views)) if (!r.open) delete emulator.workspace.state.views[id];
}, 20).unref();
process.send?.({ kind: 'ready', address: emulator.url.replace(/\/$/, ''), apiUrl: emulator.apiUrl });
process.on('message', (raw) => {
  const m = raw as { id: number; cmd: string; user?: string; count?: number };
  if (m.cmd === 'mint') {
    // As issueTrigger does, minus its prune of old triggers: that walks every trigger per call,
    // which makes minting tens of thousands quadratic (minutes). Same id shape and record.
    const ws = emulator.workspace;
    const ids = Array.from({ length: m.count ?? 1 }, () => {
      const n = (ws.state.counters.trigger ?? 0) + 1;
      ws.state.counters.trigger = n;
      const id = `${8071349150000 + n}.7450218834521.${randomHex(16)}`;
      ws.state.triggers[id] = { user: m.user ?? 'U0ALICE', issuedAt: ws.clock(), used: false };
      return id;
    });
    process.send?.({ kind: 'reply', id: m.id, ok: true, result: ids });
  } else if (m.cmd === 'calls') {
    process.send?.({ kind: 'reply', id: m.id, ok: true, result: emulator.calls().length });
  } else if (m.cmd === 'close') {
    void emulator.close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
