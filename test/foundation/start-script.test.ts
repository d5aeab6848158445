import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitForHealthy, type Proc } from '../support/processes.js';

// `npm start` (scripts/start.mjs) in a checkout as `npm ci` leaves it: it must build with esbuild, not tsc,
// build the web UI once, and on a restart build nothing. web/ is a one-page stand-in so Vite takes a second.
const dir = mkdtempSync(join(tmpdir(), 'response-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const f of ['package.json', 'tsconfig.json']) cpSync(f, join(dir, f));
for (const d of ['src', 'scripts', 'packages']) cpSync(d, join(dir, d), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
mkdirSync(join(dir, 'web/src'), { recursive: true });
writeFileSync(join(dir, 'web/index.html'), '<!doctype html><title>stand-in</title><p>the stand-in web UI</p>\n');
writeFileSync(join(dir, 'web/vite.config.ts'), "import { fileURLToPath } from 'node:url';\nexport default { root: fileURLToPath(new URL('.', import.meta.url)), logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } };\n");

function start(port: number): Proc {
  let out = '';
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', SANDBOX: 'false', LOG_FORMAT: 'json', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function startServeStop(): Promise<string> {
  const port = await freePort();
  const proc = start(port);
  await waitForHealthy(`http://127.0.0.1:${port}`, proc, 120_000);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('the stand-in web UI');
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  return proc.output();
}

const files = (d: string): string[] => readdirSync(d, { recursive: true, encoding: 'utf8' });

describe('npm start (scripts/start.mjs)', () => {
  it('builds with esbuild and Vite on the first start, nothing on a restart, only the server after a source edit', async () => {
    const first = await startServeStop();
    expect(first).toMatch(/Built the server \(\d+ files\) in \d+ ms/);
    expect(first).toContain('Built the web UI');
    expect(existsSync(join(dir, 'dist/main/server.js'))).toBe(true);
    // The Slack emulator workspace compiled where node finds it from dist/ before the root link to its TypeScript.
    expect(existsSync(join(dir, 'dist/node_modules/@response/slack-emulator/src/index.js'))).toBe(true);
    // esbuild, not tsc: no declaration files (those are `npm run build:types`), and the migrations were copied.
    expect(files(join(dir, 'dist')).filter((f) => f.endsWith('.d.ts'))).toEqual([]);
    expect(files(join(dir, 'dist/store/migrations')).sort()).toEqual(files(join(dir, 'src/store/migrations')).sort());

    const again = await startServeStop();
    expect(again).not.toContain('Built the server');
    expect(again).not.toContain('Building the web UI');

    const later = new Date(Date.now() + 2_000);
    utimesSync(join(dir, 'src/main/server.ts'), later, later);
    const edited = await startServeStop();
    expect(edited).toMatch(/Built the server/);
    expect(edited).not.toContain('Building the web UI');
  }, 240_000);
});
