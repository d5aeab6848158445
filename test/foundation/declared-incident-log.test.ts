/**
 * Every declared incident gets one info line, whichever surface declared it, and requests log at debug only.
 * Against the real app and database (both PostgreSQL and the embedded one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface LogRecord {
  level: number;
  msg: string;
  incidentId?: number;
  severity?: string | null;
  req?: { url: string };
}

let t: TestApp;
const lines: string[] = [];
const records = () => lines.map((l) => JSON.parse(l) as LogRecord);

beforeAll(async () => {
  const logger = createLogger({ logLevel: 'info', logFormat: 'json' }, { sink: { write: (line) => lines.push(line) } });
  t = await startTestApp({ appOptions: { logger } });
});
afterAll(() => t?.close());

describe('declared incidents in the log', () => {
  it('logs each declaration once at info, naming who declared it; requests stay below info', async () => {
    const first = await t.api('POST', '/api/v1/incidents', { report: 'Checkout API returning 500s', severity: 'major' });
    const second = await t.api('POST', '/api/v1/incidents', { report: 'Noticed a slow page', report_only: true });
    expect([first.status, second.status]).toEqual([201, 201]);
    const { id } = first.body as { id: number };
    const other = (second.body as { id: number }).id;

    await expect.poll(() => records().filter((r) => r.incidentId !== undefined).length).toBe(2);
    // More passes of the outbox repeat nothing.
    t.app.outbox.kick();
    await t.app.outbox.idle();
    const declared = records().filter((r) => r.incidentId !== undefined);
    expect(declared).toEqual([
      expect.objectContaining({ level: 30, incidentId: id, severity: 'major', msg: `Incident #${id} declared by API token "test" (major): ${t.app.config.publicUrl}/incidents/${id}` }),
      expect.objectContaining({ level: 30, incidentId: other, msg: expect.stringMatching(new RegExp(`^Incident #${other} reported by API token "test": `)) }),
    ]);
    // The title stays out of the log (it may be a private incident's).
    expect(lines.join('')).not.toContain('Checkout API returning 500s');
    expect(records().filter((r) => r.req)).toEqual([]);
  });
});
