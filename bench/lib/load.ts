import autocannon from 'autocannon';
import { summarise, type Figures } from './stats.js';

export interface HttpLoad {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request afresh (a new signature, a unique event id). */
  next?: () => { headers: Record<string, string>; body: string; path?: string };
  connections: number;
  seconds: number;
  /** Warm-up before measuring (JIT, pools, caches), same shape, not counted. */
  warmupSeconds?: number;
}

/**
 * Runs autocannon as a library. Latency comes from autocannon's per-response timings (float ms)
 * rather than its histogram, which rounds to whole milliseconds — too coarse beside sub-ms baselines.
 */
export async function httpLoad(load: HttpLoad): Promise<Figures & { non2xx: number }> {
  if (load.warmupSeconds) await run({ ...load, seconds: load.warmupSeconds });
  return run(load);
}

async function run(load: HttpLoad): Promise<Figures & { non2xx: number }> {
  const latencies: number[] = [];
  const opts: autocannon.Options = {
    url: load.url,
    method: load.method ?? 'GET',
    headers: load.headers,
    body: load.body,
    connections: load.connections,
    duration: load.seconds,
    timeout: 10,
  };
  if (load.next) {
    const next = load.next;
    opts.requests = [
      {
        method: load.method ?? 'POST',
        setupRequest: (req) => {
          const r = next();
          return { ...req, headers: { ...req.headers, ...r.headers }, body: r.body, ...(r.path ? { path: r.path } : {}) };
        },
      },
    ];
  }
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err as Error) : resolve(res)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
      else non2xx += 1;
    });
  });
  return { ...summarise(latencies, result.duration), errors: result.errors + non2xx, non2xx };
}

/** A closed loop of `connections` workers calling `op` for `seconds`: for composite operations autocannon can't express. */
export async function loopLoad(op: () => Promise<void>, connections: number, seconds: number, warmupSeconds = 0): Promise<Figures> {
  const once = async (secs: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const end = started + secs * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          try {
            await op();
            if (record) latencies.push(performance.now() - t);
          } catch {
            errors += 1;
          }
        }
      }),
    );
    return summarise(latencies, (performance.now() - started) / 1000, errors);
  };
  if (warmupSeconds) await once(warmupSeconds, false);
  return once(seconds, true);
}
