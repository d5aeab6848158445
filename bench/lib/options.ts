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
  /** Message events sent in the events scenario (each must be processed, not only acked). */
  messageEvents: number;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick');
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 && argv[outIdx + 1] ? (argv[outIdx + 1] as string) : 'bench/results.json';
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return quick
    ? { quick, out, databaseUrl, incidents: 300, apiIncidents: 20, timelineEntries: 60, sweepSizes: [200, 500, 1_000], seconds: 0.4, warmupSeconds: 0, ackConcurrency: [1, 16, 64], messageEvents: 100 }
    : { quick, out, databaseUrl, incidents: 100_000, apiIncidents: 200, timelineEntries: 5_000, sweepSizes: [1_000, 10_000, 100_000], seconds: 6, warmupSeconds: 1, ackConcurrency: [1, 16, 64], messageEvents: 10_000 };
}
