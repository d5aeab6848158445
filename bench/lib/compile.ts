import { build } from 'esbuild';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CompiledCode {
  /** The compiled JavaScript of a repository file, e.g. `bench/response-child.ts` → `<dir>/bench/response-child.js`. */
  pathOf(tsFile: string): string;
  remove(): void;
}

const sources = (dir: string) =>
  readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(repoRoot, dir, f));

/**
 * The benchmark's processes run as compiled JavaScript on plain `node`, the way Response runs in
 * production (`npm start` and the Docker image run `dist/`). Under a TypeScript loader every
 * process carries the loader's own thread: about 70 MB more RSS and a slower start, which is the
 * loader's cost, not Response's. Files are transpiled one to one (no bundling), so code that finds
 * files next to itself (the migrations) works as it does in `dist/`. The web UI is not served: no
 * scenario needs it.
 */
export async function compileForBench(): Promise<CompiledCode> {
  // Inside the repository, so the compiled files find node_modules as the sources do.
  const outdir = mkdtempSync(join(repoRoot, '.bench-build-'));
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  try {
    await build({
      entryPoints: [...sources('src'), ...sources('bench')],
      outdir,
      outbase: repoRoot,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      bundle: false,
      logLevel: 'error',
    });
    cpSync(join(repoRoot, 'src/store/migrations'), join(outdir, 'src/store/migrations'), { recursive: true });
  } catch (err) {
    cleanup();
    throw err;
  }
  return {
    pathOf: (tsFile) => join(outdir, relative(repoRoot, join(repoRoot, tsFile)).replace(/\.ts$/, '.js')),
    remove: cleanup,
  };
}
