// `npm pack` (and publish) runs this first: the package ships built (package.json `files`), so build what is
// missing or stale: the server (esbuild, with the dependency lock `response init` uses), the SDK's declarations
// (tsc) and the web UI (Vite). A fresh build (CI's `npm run build`) is not redone, so packing takes seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildServer, newestMtime, serverBuildIsStale } from './lib/server-build.mjs';
import { buildWeb, webBuildIsStale } from './lib/web-build.mjs';

const TYPES_STAMP = 'dist/.types-build';
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

if (serverBuildIsStale()) {
  const { files, ms } = await buildServer();
  console.error(`Built the server (${files} files) in ${ms} ms`);
}

// `npm run build:types` leaves no stamp; its output's age says the same: the SDK's index.d.ts is always written.
const typesBuilt = Math.max(mtime(TYPES_STAMP), mtime('dist/plugins/sdk/index.d.ts'));
if (typesBuilt < Math.max(newestMtime('src', (p) => p.endsWith('.ts') && !p.endsWith('.test.ts')), mtime('tsconfig.json'))) {
  console.error('Writing the type declarations (tsc)…');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(TYPES_STAMP, `${new Date().toISOString()}\n`);
}

if (webBuildIsStale()) {
  console.error('Building the web UI…');
  buildWeb();
}
