/**
 * `npm run bench`: Response beside its floor, in one run. See bench/README.md.
 *   npm run bench                 full run (embedded database, or PostgreSQL when DATABASE_URL is set)
 *   npm run bench -- --quick      every scenario at tiny sizes, in seconds (the smoke test runs this)
 *   npm run bench -- --out FILE   where to write the JSON (default bench/results.json)
 *   npm run bench -- --only list,doc,slack,sweep,start,storm   a subset (profiling; slack = acks + events; start = cold and warm npm start;
 *                                 storm = 50 declarations under Slack's rate limits, with and without an outage); seeding runs as needed
 *   npm run bench -- --tsx        run the processes through the TypeScript loader instead of compiled
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BenchContext } from './lib/context.js';
import { freshBenchDatabase } from './lib/databases.js';
import { parseOptions } from './lib/options.js';
import { compileForBench } from './lib/compile.js';
import { runChildrenCompiled, startBaseline, startResponse } from './lib/processes.js';
import { renderTable, type Report } from './lib/report.js';
import { docScenarios, listScenarios } from './scenarios/reads.js';
import { rssRow, startupRow } from './scenarios/process.js';
import { seedDocTimeline, seedIncidents } from './scenarios/seed.js';
import { startRows } from './scenarios/start.js';
import { slackScenarios, startSlack } from './scenarios/slack.js';
import { stormScenarios } from './scenarios/storm.js';
import { sweepScenarios } from './scenarios/sweep.js';

const opts = parseOptions(process.argv.slice(2), process.env);
const startedAt = new Date();
const log = (m: string) => process.stderr.write(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(3)}s] ${m}\n`);
const database = await freshBenchDatabase(opts.databaseUrl);
log(`${opts.quick ? 'quick' : 'full'} run on ${database.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}`);

const stoppers: (() => Promise<void>)[] = [];
// Compiled JavaScript on plain node, as in production; `--tsx` runs the TypeScript through the loader instead.
if (!process.argv.includes('--tsx')) {
  const t0 = performance.now();
  const code = await compileForBench();
  runChildrenCompiled(code);
  stoppers.push(async () => code.remove());
  log(`compiled src/ and bench/ with esbuild in ${Math.round(performance.now() - t0)} ms; children run on plain node`);
}
// Ctrl-C still stops the child processes and drops the bench database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void (async () => {
      for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
      await database.drop().catch(() => undefined);
      process.exit(130);
    })();
  });
}
let exitCode = 0;
try {
  const slack = await startSlack(opts.sweepSizes[2]);
  stoppers.push(slack.stop);
  const baseline = await startBaseline({ SLACK_SIGNING_SECRET: slack.signingSecret, ...database.baselineEnv });
  stoppers.push(baseline.stop);
  // The same bare server, given the Slack API, for the views.open floor (its own process, so the bare server's RSS stays bare).
  const modalFloor = await startBaseline({ ...slack.env, ...database.baselineEnv });
  stoppers.push(modalFloor.stop);
  // These scenarios measure Response's own cost against an unlimited Slack: pacing by Slack's real limits is off here (the storm measures it).
  const app = await startResponse({ ...database.env, ...slack.env, OUTBOX_POLL_MS: '200', SLACK_PACING: 'off' });
  stoppers.push(app.stop);
  const token = await app.request<string>({ cmd: 'token', name: 'bench' });
  const ctx: BenchContext = { opts, app, baseline, modalFloor, token, signingSecret: slack.signingSecret, seeded: { docIncidentId: 0, sampleIncidentIds: [] }, seeding: [], rows: [], log };
  if (slack.note) ctx.seeding.push(slack.note);

  startupRow(ctx);
  await new Promise((r) => setTimeout(r, opts.quick ? 100 : 2000));
  await rssRow(ctx, 'idle', database.kind);

  const want = (group: string) => opts.only.length === 0 || opts.only.includes(group);
  if (want('start')) await startRows(ctx);
  if (want('list')) {
    log('seeding incidents');
    await seedIncidents(ctx);
    await listScenarios(ctx);
  }
  if (want('doc')) {
    log('seeding the doc timeline');
    await seedDocTimeline(ctx);
    await docScenarios(ctx);
  }
  if (want('slack') || want('acks') || want('events')) await slackScenarios(ctx, slack, { acks: want('slack') || want('acks'), events: want('slack') || want('events') });
  if (want('sweep')) await sweepScenarios(ctx);
  if (want('storm')) await stormScenarios(ctx);
  await rssRow(ctx, 'after load', database.kind);
  if (process.env.BENCH_HEAP_SNAPSHOT) log(`heap snapshot: ${await app.request<string>({ cmd: 'heapSnapshot', path: process.env.BENCH_HEAP_SNAPSHOT })}`);

  // Response's own log (warnings and errors only), for when a figure looks wrong.
  if (process.env.BENCH_SHOW_APP_LOG) process.stderr.write(`--- Response's log (last 20 kB) ---\n${app.output()}\n---\n`);
  const report: Report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    database: database.kind,
    machine: { cpus: cpus().length, node: process.versions.node, platform: `${process.platform}-${process.arch}` },
    seeding: ctx.seeding,
    rows: ctx.rows,
  };
  writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(renderTable(report) + '\n');
  log(`done in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s; wrote ${opts.out}`);
} catch (err) {
  exitCode = 1;
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
} finally {
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  await database.drop().catch(() => undefined);
}
process.exit(exitCode);
