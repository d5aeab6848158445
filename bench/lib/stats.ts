/** Latency and throughput figures as the table prints them (milliseconds, operations per second). */
export interface Figures {
  p50: number;
  p99: number;
  /** Completed operations per second over the measured window. */
  rps: number;
  count: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Figures from raw per-operation latencies (ms) measured over `seconds`. */
export function summarise(latencies: number[], seconds: number, errors = 0): Figures {
  const sorted = Float64Array.from(latencies).sort();
  const arr = Array.from(sorted);
  return { p50: percentile(arr, 50), p99: percentile(arr, 99), rps: seconds > 0 ? latencies.length / seconds : 0, count: latencies.length, errors };
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
