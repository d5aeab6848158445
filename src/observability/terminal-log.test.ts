import { describe, expect, it } from 'vitest';
import { logBanner } from './banner.js';
import { createLogger } from './logger.js';
import { TerminalLog } from './terminal-log.js';

function capture(level: 'info' | 'debug' = 'info', holdUntilBanner = true) {
  const chunks: string[] = [];
  const logger = createLogger({ logLevel: level, logFormat: 'pretty' }, { sink: { write: (t) => chunks.push(t) }, color: false, holdUntilBanner });
  return { logger, text: () => chunks.join('') };
}

describe('the terminal log format', () => {
  it('prints the banner first: start-up info lines wait for it, warnings do not', () => {
    const { logger, text } = capture();
    logger.child({ component: 'slack' }).info({ team: 'T1' }, 'Slack connected');
    logger.warn({ plugin: 'runbook' }, 'a plugin was slow to load');
    expect(text()).not.toContain('Slack connected');
    expect(text()).toContain('WARN a plugin was slow to load  plugin=runbook');

    logBanner(logger, { publicUrl: 'http://localhost:3000', address: 'http://127.0.0.1:3000', level: 'info', sandbox: { share: false, socketMode: false } });
    const [, afterWarning = ''] = text().split('a plugin was slow to load  plugin=runbook\n');
    const lines = afterWarning.split('\n').filter(Boolean);
    expect(lines[0]?.trim()).toBe('Response is running: open http://localhost:3000/sandbox');
    expect(afterWarning).toContain('Only this machine can open it');
    expect(afterWarning).toContain('LOG_LEVEL=debug logs every request');
    // Held lines follow the banner, as sentences: an info line's fields stay in the JSON format.
    expect(lines.at(-1)).toMatch(/^\d\d:\d\d:\d\d Slack connected$/);
  });

  it('without a sandbox, the banner points at the web UI', () => {
    const { logger, text } = capture('info', false);
    logBanner(logger, { publicUrl: 'https://response.example.com', address: 'http://0.0.0.0:3000', level: 'info' });
    expect(text().trim().split('\n')[0]).toBe('Response is running: open https://response.example.com');
    expect(text()).not.toContain('sandbox');
  });

  it('writes one line per record: debug with its fields, an error with its stack, no colour codes when off', () => {
    const { logger, text } = capture('debug', false);
    logger.debug({ reqId: 'req-1', req: { method: 'GET', url: '/healthz' }, res: { statusCode: 200 }, responseTime: 1.2 }, 'GET /healthz → 200 in 1.2 ms');
    logger.debug({ outboxId: 7 }, 'outbox: claimed');
    logger.warn({ err: new Error('ratelimited') }, 'outbox: delivery failed');
    logger.error({ err: new Error('boom') }, 'unhandled error');
    const lines = text().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d debug GET \/healthz → 200 in 1\.2 ms$/);
    expect(lines[1]).toMatch(/debug outbox: claimed {2}outboxId=7$/);
    expect(lines[2]).toMatch(/WARN outbox: delivery failed: ratelimited$/);
    expect(lines[3]).toMatch(/ERROR unhandled error$/);
    expect(lines[4]).toBe('    Error: boom');
    expect(lines[5]).toMatch(/^ {8}at .*terminal-log.test.ts/);
    expect(text()).not.toContain('\u001b[');
  });

  it('prints what waited for a banner that never came (a failed start-up)', () => {
    const chunks: string[] = [];
    const terminal = new TerminalLog({ sink: { write: (t) => chunks.push(t) }, color: false, holdUntilBanner: true });
    terminal.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: 'Slack is not configured' })}\n`);
    expect(chunks).toEqual([]);
    terminal.release(); // the server's logger does this on process exit
    expect(chunks.join('')).toMatch(/Slack is not configured\n$/);
  });
});
