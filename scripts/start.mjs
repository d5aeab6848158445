// `npm start`: build what is missing or stale, then run the server. Keeps the quick start to one command.
// The server is transpiled with esbuild (about half a second); type-checking is `npm run typecheck`'s job.
// What is left of a first start is the web UI's Vite build, once.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer, newestMtime, serverBuildIsStale } from './lib/server-build.mjs';

if (serverBuildIsStale()) {
  const { files, ms } = await buildServer();
  console.error(`Built the server (${files} files) in ${ms} ms`);
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
if (existsSync('web/index.html')) {
  const webBuilt = mtime('web/dist/index.html');
  const inputs = Math.max(newestMtime('web/src'), ...['web/index.html', 'web/sandbox.html', 'web/vite.config.ts'].map(mtime));
  if (webBuilt === 0 || inputs > webBuilt) {
    console.error('Building the web UI (once; about 10 s)…');
    const t0 = performance.now();
    // Vite straight from node_modules: `npm run build:web` would start a second npm for nothing.
    const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
    console.error(`Built the web UI in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
// Run the server in this process, so SIGTERM/SIGINT reach it directly and shut it down gracefully.
await import(new URL('../dist/main/server.js', import.meta.url).href);
