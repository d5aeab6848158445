import type { HTTPMethods } from 'fastify';

/** Messages between the benchmark and bench/response-child.ts. */
export type ChildRequest = { id: number } & (
  | { cmd: 'sql'; text: string; params?: unknown[] }
  | { cmd: 'sqlLoad'; text: string; params?: unknown[]; connections: number; seconds: number; warmupSeconds?: number }
  | { cmd: 'token'; name: string }
  | { cmd: 'memory' }
  /** Profiling aid: `BENCH_HEAP_SNAPSHOT=path npm run bench` writes one after the load. */
  | { cmd: 'heapSnapshot'; path: string }
  | { cmd: 'gc' }
  | { cmd: 'hasRoute'; method: HTTPMethods; url: string }
  | { cmd: 'info' }
  | { cmd: 'sweep' }
  | { cmd: 'close' }
  | { cmd: 'idle'; timeoutMs: number }
  | { cmd: 'attachChannel'; incidentId: number; channelId: string; channelName: string }
  // Slack emulator (bench/emulator-child.ts)
  | { cmd: 'mint'; user: string; count: number }
  | { cmd: 'calls' }
  // The storm's Slack emulator (bench/storm-emulator-child.ts)
  | { cmd: 'setAppUrl'; url: string }
  | { cmd: 'declare'; user: string; title: string; modalWaitMs?: number }
  | { cmd: 'outage'; forMs: number }
  | { cmd: 'stormCalls' }
  | { cmd: 'members'; channels: string[] }
  | { cmd: 'rateLimited' }
  | { cmd: 'limits' }
  | { cmd: 'floor'; workload: { method: string; calls: number; channel?: string }[] }
  // The bare baseline (bench/baseline-server.ts)
  | { cmd: 'modalFloorIdle' }
);

export type ChildReply = { kind: 'reply'; id: number } & ({ ok: true; result: unknown } | { ok: false; error: string });
export type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
