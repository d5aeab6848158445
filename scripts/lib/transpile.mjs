// Shared by `npm start`, `npm run build:server` and the benchmark: TypeScript to JavaScript with esbuild,
// one file to one file. Type-checking is `npm run typecheck`'s job (and CI's), not start-up's: tsc took
// most of a minute on a 2-core machine where this takes about half a second.
import { build, stop } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runtimeWorkspacePackages } from './workspace-packages.mjs';

/** Files the server reads beside its own code at run time (tsc and esbuild copy no SQL). */
const RUNTIME_ASSETS = ['src/store/migrations', 'src/plugins/sdk/commonjs.cjs'];

/** Every compilable TypeScript file under `dir` (tests and declarations are not part of a build). */
export function typescriptSources(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

/** A package's `exports` with its TypeScript targets renamed to the JavaScript beside them, minus `types` (no .d.ts is emitted). */
function compiledExports(exports) {
  if (typeof exports === 'string') return exports.replace(/\.ts$/, '.js');
  if (Array.isArray(exports)) return exports.map(compiledExports);
  if (exports && typeof exports === 'object') {
    return Object.fromEntries(Object.entries(exports).filter(([key]) => key !== 'types').map(([key, value]) => [key, compiledExports(value)]));
  }
  return exports;
}

const esbuildOptions = { format: 'esm', platform: 'node', target: 'node20', bundle: false, sourcemap: true, logLevel: 'error' };

/**
 * Transpiles every TypeScript file under `dirs` (relative to `root`) into `outdir`, keeping the folder layout
 * below `outbase`, and copies the runtime assets that fall under `outbase` beside them, then compiles the runtime
 * workspace packages into `outdir/node_modules` (see below). No bundling: code that
 * finds files next to itself (the migrations, `web/dist`) sees the same layout tsc produced. esbuild reads
 * tsconfig.json for the TypeScript settings that change emitted code (class fields, decorators).
 */
export async function transpile({ root, dirs, outdir, outbase = root }) {
  const absRoot = resolve(root);
  const absBase = resolve(absRoot, outbase);
  const entryPoints = dirs.flatMap((d) => typescriptSources(resolve(absRoot, d)));
  let files = entryPoints.length;
  try {
    await build({ ...esbuildOptions, entryPoints, outdir: resolve(absRoot, outdir), outbase: absBase });
    // Workspace packages export their TypeScript source, which tsx, vitest and tsc read as it is; plain node can't.
    // Each is compiled to <outdir>/node_modules/<name>/ with a package.json naming the .js files: Node looks for a
    // package in the importing file's ancestors first, so the compiled code finds this copy before the root
    // node_modules' link to the source, and sources run through tsx still find the source.
    for (const { dir, manifest } of runtimeWorkspacePackages(absRoot)) {
      const target = resolve(absRoot, outdir, 'node_modules', manifest.name);
      // Replaced, never merged: a file removed from the package must not linger in the output.
      rmSync(target, { recursive: true, force: true });
      const sources = typescriptSources(join(dir, 'src'));
      await build({ ...esbuildOptions, entryPoints: sources, outdir: join(target, 'src'), outbase: join(dir, 'src') });
      const { name, version, license, type, dependencies } = manifest;
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'package.json'), `${JSON.stringify({ name, version, private: true, license, type, exports: compiledExports(manifest.exports), dependencies }, null, 2)}\n`);
      files += sources.length;
    }
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
  return { files };
}
