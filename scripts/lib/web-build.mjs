// The web UI's Vite build, for `npm start` and `npm pack` (prepack): only when web/dist is missing or older
// than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newestMtime } from './server-build.mjs';

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/** Whether the checkout at `root` has a web UI whose build is missing or stale. */
export function webBuildIsStale(root = '.') {
  if (!existsSync(resolve(root, 'web/index.html'))) return false;
  const built = mtime(resolve(root, 'web/dist/index.html'));
  const inputs = Math.max(newestMtime(resolve(root, 'web/src')), ...['web/index.html', 'web/sandbox.html', 'web/vite.config.ts'].map((f) => mtime(resolve(root, f))));
  return built === 0 || inputs > built;
}

/** Builds the web UI with Vite straight from node_modules (`npm run build:web` would start a second npm for nothing); exits on failure. */
export function buildWeb(root = '.') {
  const t0 = performance.now();
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', cwd: resolve(root) });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return { ms: Math.round(performance.now() - t0) };
}
