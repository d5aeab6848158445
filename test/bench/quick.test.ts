import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../bench/lib/report.js';

const run = promisify(execFile);

/** Every scenario `npm run bench` reports; the smoke run must print each one. */
const SCENARIOS = [
  'process.startup',
  'process.rss.idle',
  'process.cold_start',
  'process.warm_start',
  'list.first',
  'list.deep',
  'list.search',
  'doc.first',
  'doc.whole',
  'slack.incident.c1',
  'slack.incident.c16',
  'slack.incident.c64',
  'slack.modal_floor.c16',
  'slack.modal_floor.c64',
  'slack.block_action',
  'slack.message_events',
  'sweep.small',
  'sweep.medium',
  'sweep.large',
  'storm.declarations',
  'storm.outage',
  'process.rss.after',
];

// Keeps the benchmark code from rotting: runs `npm run bench -- --quick` (tiny sizes) and checks the
// table and JSON hold every scenario with numbers. Speed is never asserted here: the machine is shared.
describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one table and writes results.json with figures for every scenario', async () => {
    const out = join(dir, 'results.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
      env: process.env,
      maxBuffer: 10 * 1024 * 1024,
      timeout: 290_000,
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.mode).toBe('quick');
    expect(report.rows.map((r) => r.id).sort()).toEqual([...SCENARIOS].sort());
    for (const row of report.rows) {
      expect(stdout, `table row for ${row.id}`).toContain(row.scenario);
      expect(row.status, `${row.id}: ${row.note ?? ''}`).not.toBe('error');
      // A pending row (the feature it measures hasn't landed) still measures its baseline when it can.
      if (row.status === 'pending') continue;
      for (const f of [row.figures, row.baseline]) {
        expect(f, row.id).not.toBeNull();
        expect(Number.isFinite(f?.p50) && Number.isFinite(f?.p99), `${row.id} latency figures`).toBe(true);
        if (!row.unit) expect(Number.isFinite(f?.rps), `${row.id} throughput`).toBe(true);
      }
      expect(Number.isFinite(row.ratio), `${row.id} ratio`).toBe(true);
    }
    // The storm rows: the run's total beside its floor, and the per-incident spreads and 429s behind them
    // (their targets are reported in the note, never asserted: the machine is shared).
    for (const id of ['storm.declarations', 'storm.outage']) {
      const row = report.rows.find((r) => r.id === id);
      const d = row?.details as
        | {
            complete: number;
            declarations: number;
            floorMs: number;
            submitToHeadlineMs: Record<string, number>;
            submitToChannelWithInvitesMs: Record<string, number>;
            rateLimited: Record<string, number>;
          }
        | undefined;
      expect(d, `${id} details`).toBeDefined();
      expect(row?.note, `${id} note`).toMatch(/targets: (PASS|FAIL)/);
      // Reported, not asserted (as every target of the issue): how many completed is a count, 0 to all.
      expect(d?.complete, `${id}: ${row?.note}`).toBeGreaterThanOrEqual(0);
      expect(d?.complete).toBeLessThanOrEqual(d?.declarations ?? 0);
      expect(d?.floorMs).toBeGreaterThan(0);
      for (const spread of [d?.submitToHeadlineMs, d?.submitToChannelWithInvitesMs])
        for (const k of ['p50', 'p95', 'max']) expect(Number.isFinite(spread?.[k]), `${id} ${k}`).toBe(true);
      for (const count of Object.values(d?.rateLimited ?? {})) expect(Number.isInteger(count)).toBe(true);
    }
  }, 300_000);

  it('type-checks (bench/ is outside the server build)', async () => {
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'bench/tsconfig.json'], { timeout: 170_000 });
  }, 180_000);
});
