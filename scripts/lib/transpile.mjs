// Shared by `npm start`, `npm run build:server` and the benchmark: TypeScript to JavaScript with esbuild,
// one file to one file. Type-checking is `npm run typecheck`'s job (and CI's), not start-up's: tsc took
// most of a minute on a 2-core machine where this takes about half a second.
import { build, stop } from 'esbuild';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Files the server reads beside its own code at run time (tsc and esbuild copy no SQL). */
const RUNTIME_ASSETS = ['src/store/migrations'];

/** Every compilable TypeScript file under `dir` (tests and declarations are not part of a build). */
export function typescriptSources(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

/**
 * Transpiles every TypeScript file under `dirs` (relative to `root`) into `outdir`, keeping the folder layout
 * below `outbase`, and copies the runtime assets that fall under `outbase` beside them. No bundling: code that
 * finds files next to itself (the migrations, `web/dist`) sees the same layout tsc produced. esbuild reads
 * tsconfig.json for the TypeScript settings that change emitted code (class fields, decorators).
 */
export async function transpile({ root, dirs, outdir, outbase = root }) {
  const absRoot = resolve(root);
  const absBase = resolve(absRoot, outbase);
  const entryPoints = dirs.flatMap((d) => typescriptSources(resolve(absRoot, d)));
  try {
    await build({
      entryPoints,
      outdir: resolve(absRoot, outdir),
      outbase: absBase,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      bundle: false,
      sourcemap: true,
      logLevel: 'error',
    });
  } finally {
    // esbuild keeps its service process alive for the next build; `npm start` then runs the server in this
    // same process for hours, so let the service go now.
    await stop();
  }
  for (const asset of RUNTIME_ASSETS) {
    const from = resolve(absRoot, asset);
    const rel = relative(absBase, from);
    if (rel.startsWith('..')) continue;
    const to = resolve(absRoot, outdir, rel);
    // Replaced, never merged: a migration removed from the source must not linger in the output.
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  }
  return { files: entryPoints.length };
}
