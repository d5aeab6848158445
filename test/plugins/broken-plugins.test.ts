import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/plugins/loader.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention, reactionsOn } from './helpers.js';

const FIXTURES = 'test/plugins/fixtures';
const BROKEN = ['throws-at-load.ts', 'hangs-at-load.ts', 'not-a-plugin.js', 'missing.ts', 'misbehaving.ts'].map((f) => `${FIXTURES}/${f}`);

/** A logger that keeps what was logged, to check that failures name the plugin. */
function recordingLogger() {
  const lines: { level: number; msg: string; plugin?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

describe('a broken plugin does not take the others down', { timeout: 60_000 }, () => {
  it('the loader logs each failure with the plugin and loads the rest', async () => {
    const { logger, lines } = recordingLogger();
    const plugins = await loadPlugins({ specs: [...BROKEN, 'examples/plugins/runbook.ts'], cwd: process.cwd(), timeoutMs: 1000, logger });
    expect(plugins.map((p) => p.name)).toEqual(['misbehaving', 'runbook']);
    const errors = lines.filter((l) => l.level >= 50).map((l) => l.msg);
    expect(errors).toEqual([
      expect.stringMatching(/throws-at-load\.ts failed to load: this plugin is broken at load/),
      expect.stringMatching(/hangs-at-load\.ts failed to load: .*did not finish loading within 1000 ms/),
      expect.stringMatching(/not-a-plugin\.js failed to load: .*not a plugin/),
      expect.stringMatching(/missing\.ts failed to load: .*no such file/),
    ]);
  });

  it('response.config.ts lists paths and plugin values', async () => {
    const { logger } = recordingLogger();
    const cwd = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const plugins = await loadPlugins({ specs: [], cwd, timeoutMs: 5000, logger });
    expect(plugins.map((p) => p.name)).toEqual(['runbook', 'inline']);
  });

  describe('in a running app', () => {
    let t: SlackTestApp;
    let incident: { id: number; channel: string };
    beforeAll(async () => {
      t = await startSlackTestApp({
        env: { AUTO_CREATE_CHANNEL: 'true', PLUGIN_TIMEOUT_MS: '1500', RESPONSE_PLUGINS: [...BROKEN, 'examples/plugins/runbook.ts'].join(','), REMINDER_SEVERITY_ENABLED: 'false', REMINDER_CLOSE_ENABLED: 'false' },
      });
      incident = await declareViaSlack(t);
    });
    afterAll(async () => t?.close());

    it('starts with the plugins that loaded', () => {
      const names = t.app.registry.plugins.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['misbehaving', 'runbook']));
      expect(names).not.toContain('throws-at-load');
    });

    it('a command that throws gets ❓ and a message; the built-ins keep working', async () => {
      const ts = await mention(t, incident.channel, 'boom');
      expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
      expect(t.emulator.ephemerals('U0ALICE', incident.channel).at(-1)?.text).toContain('misbehaving');
      await mention(t, incident.channel, 'severity major');
      expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('major');
    });

    it('a command that hangs is given up on after the time limit', async () => {
      const started = Date.now();
      const ts = await mention(t, incident.channel, 'hang');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
      await mention(t, incident.channel, 'duration');
      expect(botTexts(t, incident.channel).at(-1)).toMatch(/^The incident has been running for/);
    });

    it("a keyword handler that throws doesn't stop another plugin's handler for the same keyword", async () => {
      const ts = await t.emulator.as('U0ALICE').postMessage(incident.channel, 'which runbook?');
      await t.settle();
      expect(t.emulator.replies(incident.channel, ts).filter((m) => (m as { user?: string }).user === 'U0BOT')).toHaveLength(1);
    });

    it("a notification that throws is retried, never counted, and doesn't stop the built-in reminders", async () => {
      for (let i = 0; i < 6; i++) {
        t.clock.advance(60_000);
        await t.app.reminders.sweep();
      }
      await t.settle();
      expect(botTexts(t, incident.channel).filter((m) => m.includes("doesn't have a lead"))).toHaveLength(3);
      const [row] = await t.app.database.query<{ sent: number; failures: number; last_error: string }>("select sent, failures, last_error from notification_schedules where key = 'misbehaving-nag'");
      expect(row).toMatchObject({ sent: 0, last_error: 'notification kaboom' });
      expect(row!.failures).toBeGreaterThanOrEqual(3);
    });
  });
});
