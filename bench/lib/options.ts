/** Sizes and durations: the full run (under 10 minutes on 2 cores) or --quick (seconds, for the smoke test). */
export interface BenchOptions {
  quick: boolean;
  /** Where results.json goes. */
  out: string;
  databaseUrl: string | undefined;
  incidents: number;
  /** Incidents declared through the API (the rest are bulk-inserted with generate_series). */
  apiIncidents: number;
  timelineEntries: number;
  sweepSizes: [number, number, number];
  seconds: number;
  warmupSeconds: number;
  ackConcurrency: number[];
  /** Scenario groups to run (`--only list,doc,slack,sweep`); all when empty. Start-up and RSS always run. */
  only: string[];
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick');
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 && argv[outIdx + 1] ? (argv[outIdx + 1] as string) : 'bench/results.json';
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const onlyIdx = argv.indexOf('--only');
  const only = onlyIdx >= 0 ? (argv[onlyIdx + 1] ?? '').split(',').filter(Boolean) : [];
  const ackIdx = argv.indexOf('--ack-concurrency');
  const ackConcurrency = ackIdx >= 0 ? (argv[ackIdx + 1] ?? '').split(',').map(Number).filter((n) => n > 0) : [1, 16, 64];
  return quick
    ? { quick, out, databaseUrl, incidents: 300, apiIncidents: 20, timelineEntries: 60, sweepSizes: [200, 500, 1_000], seconds: 0.4, warmupSeconds: 0, ackConcurrency, only }
    : { quick, out, databaseUrl, incidents: 100_000, apiIncidents: 200, timelineEntries: 5_000, sweepSizes: [1_000, 10_000, 100_000], seconds: 6, warmupSeconds: 1, ackConcurrency, only };
}
