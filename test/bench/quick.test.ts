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
  'process.rss.after',
];

// Keeps the benchmark code from rotting: runs `npm run bench -- --quick` (tiny sizes) and checks the
// table and JSON hold every scenario with numbers. Speed is never asserted here: the machine is shared.
describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one table and writes results.json with figures for every scenario', async () => {
    const out = join(dir, 'results.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], { env: process.env, maxBuffer: 10 * 1024 * 1024, timeout: 170_000 });
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
  }, 180_000);

  it('type-checks (bench/ is outside the server build)', async () => {
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'bench/tsconfig.json'], { timeout: 170_000 });
  }, 180_000);
});
