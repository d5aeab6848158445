import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.js';
import { valueRow } from './process.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A checkout as `npm ci` leaves it: the sources, the scripts and the settings, node_modules installed (a link
 * to this one's), nothing built and no data. `withWeb: false` leaves web/ out, so `npm start` skips Vite.
 */
function freshCheckout(withWeb: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'response-cold-start-'));
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(repoRoot, f), join(dir, f));
  // packages/: the workspace packages (the Slack emulator) npm ci links and npm start compiles into dist/.
  for (const d of ['src', 'scripts', 'packages', ...(withWeb ? ['web'] : [])]) {
    cpSync(join(repoRoot, d), join(dir, d), { recursive: true, filter: (p) => !p.startsWith(join(repoRoot, 'web/dist')) });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `npm start` in `cwd` as a newcomer runs it (embedded database, sandbox), timed to the first 200 from /healthz, then stopped. */
async function timeNpmStart(cwd: string): Promise<{ ms: number; output: string }> {
  const port = await freePort();
  const t0 = performance.now();
  // Its own process group, so stopping it reaches npm and the server under it.
  const child = spawn('npm', ['start'], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: 'json' } });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise((r) => child.once('exit', r));
  const group = -(child.pid as number);
  const groupAlive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) before it answered:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not answer in 180 s:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { ms: performance.now() - t0, output };
  } finally {
    // A graceful stop (the embedded database flushes and unlocks) before the next start may open it.
    if (groupAlive()) process.kill(group, 'SIGTERM');
    const killer = setTimeout(() => groupAlive() && process.kill(group, 'SIGKILL'), 20_000);
    await exited;
    while (groupAlive()) await new Promise((r) => setTimeout(r, 50));
    clearTimeout(killer);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * The first `npm start` after `npm ci` (server transpiled, web UI built by Vite, a new embedded database
 * migrated, the sandbox seeded) and a warm restart (nothing to build), each beside the bare server's start-up
 * measured in this run. --quick leaves web/ out: Vite alone would take longer than the rest of the run.
 */
export async function startRows(ctx: BenchContext): Promise<void> {
  const withWeb = !ctx.opts.quick;
  const dir = freshCheckout(withWeb);
  try {
    ctx.log(`cold start: npm start in a fresh checkout${withWeb ? '' : ' (quick: no web UI)'}`);
    const cold = await timeNpmStart(dir);
    const warm: number[] = [];
    for (let i = 0; i < (ctx.opts.quick ? 1 : 3); i++) warm.push((await timeNpmStart(dir)).ms);
    const floor = ctx.baseline.startupMs;
    const measured = !ctx.opts.quick;
    valueRow(ctx, { id: 'process.cold_start', scenario: 'cold start: npm start after npm ci (build included)', baselineName: 'bare Fastify + driver', target: '< 20 s', unit: 'ms', value: cold.ms, baseline: floor, met: measured ? cold.ms < 20_000 : null, note: `spawn of \`npm start\` in a fresh checkout (nothing built, no data) to the first 200 from /healthz: esbuild transpile of src/, ${withWeb ? 'Vite build of web/, ' : 'no web UI (--quick), '}new embedded database migrated, sandbox seeded; ${/Built the server[^\n]*/.exec(cold.output)?.[0] ?? ''}${withWeb ? `; ${/Built the web UI[^\n]*/.exec(cold.output)?.[0] ?? ''}` : ''}` });
    valueRow(ctx, { id: 'process.warm_start', scenario: 'warm restart: npm start, already built', baselineName: 'bare Fastify + driver', target: '< 3 s', unit: 'ms', value: median(warm), baseline: floor, met: measured ? median(warm) < 3_000 : null, note: `median of ${warm.length} (${warm.map((w) => Math.round(w)).join(', ')} ms): \`npm start\` again in the same checkout, nothing to build, data kept` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
