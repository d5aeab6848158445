import type { BenchOptions } from './options.js';
import type { BaselineProcess, ResponseProcess } from './processes.js';
import type { Row } from './report.js';

/** What every scenario gets: the options, Response (with its IPC), the bare baseline, an API token. */
export interface BenchContext {
  opts: BenchOptions;
  app: ResponseProcess;
  baseline: BaselineProcess;
  /** The bare server with the Slack API: verify, ack, views.open (the floor for `/incident`). */
  modalFloor: BaselineProcess;
  token: string;
  signingSecret: string;
  /** Filled in by seeding, read by later scenarios. */
  seeded: { docIncidentId: number; sampleIncidentIds: number[] };
  seeding: string[];
  rows: Row[];
  log(message: string): void;
}

export async function apiCall<T = unknown>(ctx: BenchContext, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(ctx.app.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${ctx.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Runs `count` async jobs with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}
