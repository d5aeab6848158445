import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompiledCode } from './compile.js';
import type { ChildReply, ChildRequest, DistributiveOmit } from './ipc.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export interface Started {
  child: ChildProcess;
  baseUrl: string;
  /** Spawn to a 200 from /healthz, as an operator would see it (includes loading the code). */
  startupMs: number;
  output(): string;
  /** Resident set size of the process, read from the kernel (what an orchestrator's memory limit sees). */
  rssBytes(): number;
  stop(): Promise<void>;
}

async function waitHealthy(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited early (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not healthy in ${timeoutMs} ms:\n${output()}`);
}

function rssOf(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Set once by the benchmark before it starts children: they then run compiled (see compile.ts); otherwise through tsx. */
let compiledCode: CompiledCode | undefined;
export function runChildrenCompiled(code: CompiledCode): void {
  compiledCode = code;
}

async function startChild(tsScript: string, env: Record<string, string>, health = true, nodeOptions: string[] = []): Promise<Started & { ready: Record<string, string>; request: <T>(r: DistributiveOmit<ChildRequest, 'id'>) => Promise<T> }> {
  let out = '';
  const t0 = performance.now();
  const script = compiledCode ? compiledCode.pathOf(`bench/${tsScript}`) : here(`../${tsScript}`);
  const child = fork(script, [], {
    execArgv: [...(compiledCode ? [] : ['--import', 'tsx']), ...nodeOptions, ...(process.env.BENCH_CHILD_NODE_OPTIONS ?? '').split(' ').filter(Boolean)],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const output = () => out;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as ({ kind: 'ready'; address: string } & Record<string, string>) | ChildReply;
      if (m.kind === 'ready') resolve(m);
      else if (m.kind === 'reply') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.result);
        else p?.reject(new Error(`child: ${m.error}`));
      }
    });
    child.on('exit', (code) => {
      reject(new Error(`child exited (${code}) before it was ready:\n${out}`));
      for (const p of pending.values()) p.reject(new Error(`child exited (${code}):\n${out}`));
    });
  });
  const readyMessage = await ready;
  const baseUrl = readyMessage.address as string;
  if (health) await waitHealthy(baseUrl, child, output);
  const startupMs = performance.now() - t0;
  const request = <T>(r: DistributiveOmit<ChildRequest, 'id'>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...r, id });
    });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    // Ask for a clean close (the embedded database flushes and unlocks); signal only as a fallback.
    if (child.connected) child.send({ id: 0, cmd: 'close' });
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, baseUrl, ready: readyMessage, startupMs, output, rssBytes: () => rssOf(child.pid), stop, request };
}

export type ResponseProcess = Awaited<ReturnType<typeof startResponse>>;

/** Starts Response (bench/response-child.ts, the real createApp) on a free port. */
export function startResponse(env: Record<string, string>) {
  // --expose-gc only lets the benchmark ask, after the load, how much of the heap is live (RSS is read first).
  return startChild('response-child.ts', { PORT: '0', HOST: '127.0.0.1', ...env }, true, ['--expose-gc', ...(process.env.BENCH_APP_NODE_OPTIONS ?? '').split(' ').filter(Boolean)]);
}

export type BaselineProcess = Awaited<ReturnType<typeof startBaseline>>;

/** Starts the bare Fastify baseline (bench/baseline-server.ts). */
export function startBaseline(env: Record<string, string>) {
  return startChild('baseline-server.ts', env);
}

export type EmulatorProcess = Awaited<ReturnType<typeof startEmulator>>;

/** Starts the Slack emulator (bench/emulator-child.ts); `ready.apiUrl` is for SLACK_API_URL. */
export function startEmulator(env: Record<string, string>) {
  return startChild('emulator-child.ts', env, false);
}

/** Starts the storm's Slack emulator, Slack's rate limits on (bench/storm-emulator-child.ts). */
export function startStormEmulator(env: Record<string, string>) {
  return startChild('storm-emulator-child.ts', env, false);
}
