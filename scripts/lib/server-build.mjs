// The server's build for `npm start` and `npm run build:server`: esbuild, src/ → dist/ (and packages/* → dist/node_modules/), and a stamp that
// says when it last succeeded, so a warm restart skips it (and a half-written build is never trusted).
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runtimeWorkspacePackages } from './workspace-packages.mjs';

const STAMP = 'dist/.server-build';

/** The newest modification time of the files under `dir` that pass `filter` (0 when there are none). */
export function newestMtime(dir, filter = () => true) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestMtime(path, filter));
    else if (filter(path)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/** Whether dist/ is missing or older than anything that goes into it (sources, migrations, the build settings). */
export function serverBuildIsStale(root = '.') {
  const built = mtime(resolve(root, STAMP));
  if (built === 0 || !existsSync(resolve(root, 'dist/main/server.js'))) return true;
  const inputs = Math.max(
    newestMtime(resolve(root, 'src'), (p) => !p.endsWith('.test.ts')),
    mtime(resolve(root, 'tsconfig.json')),
    mtime(resolve(root, 'package.json')),
    mtime(resolve(root, 'package-lock.json')),
    newestMtime(resolve(root, 'scripts/lib')),
    ...runtimeWorkspacePackages(root).flatMap(({ dir }) => [newestMtime(join(dir, 'src'), (p) => !p.endsWith('.test.ts')), mtime(join(dir, 'package.json'))]),
  );
  return inputs > built;
}

/** Transpiles src/ into dist/ (same layout as tsc's) and the workspace packages it imports, and records the success. */
export async function buildServer(root = '.') {
  const t0 = performance.now();
  // Loaded only when there is something to build: a warm restart never loads esbuild.
  const { transpile } = await import('./transpile.mjs');
  const { files } = await transpile({ root, dirs: ['src'], outdir: 'dist', outbase: 'src' });
  mkdirSync(resolve(root, 'dist'), { recursive: true });
  // The dependency tree `response init` pins in a team's repository (see src/main/init/dependency-lock.ts).
  if (existsSync(resolve(root, 'package-lock.json'))) {
    const { writeDependencyLock } = await import(pathToFileURL(resolve(root, 'dist/main/init/dependency-lock.js')).href);
    writeDependencyLock(resolve(root), process.env.npm_config_registry || undefined);
  }
  writeFileSync(resolve(root, STAMP), `${new Date().toISOString()}\n`);
  return { files, ms: Math.round(performance.now() - t0) };
}
