// `npm start`: build what is missing or stale, then run the server. Keeps the quick start to one command.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir, filter = () => true) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, filter));
    else if (filter(path)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const serverBuilt = existsSync('dist/main/server.js') ? statSync('dist/main/server.js').mtimeMs : 0;
if (serverBuilt === 0 || newest('src', (p) => !p.endsWith('.test.ts')) > serverBuilt) {
  console.error('Building the server…');
  run('npm', ['run', '--silent', 'build:server']);
}
if (existsSync('web/index.html')) {
  const webBuilt = existsSync('web/dist/index.html') ? statSync('web/dist/index.html').mtimeMs : 0;
  if (webBuilt === 0 || newest('web/src') > webBuilt) {
    console.error('Building the web UI…');
    run('npm', ['run', '--silent', 'build:web']);
  }
}
// Run the server in this process, so SIGTERM/SIGINT reach it directly and shut it down gracefully.
await import(new URL('../dist/main/server.js', import.meta.url).href);
