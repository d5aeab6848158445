import { mkdtempSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpile } from '../../scripts/lib/transpile.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CompiledCode {
  /** The compiled JavaScript of a repository file, e.g. `bench/response-child.ts` → `<dir>/bench/response-child.js`. */
  pathOf(tsFile: string): string;
  remove(): void;
}

/**
 * The benchmark's processes run as compiled JavaScript on plain `node`, the way Response runs in
 * production (`npm start` and the Docker image run `dist/`). Under a TypeScript loader every
 * process carries the loader's own thread: about 70 MB more RSS and a slower start, which is the
 * loader's cost, not Response's. Files are transpiled one to one (no bundling), so code that finds
 * files next to itself (the migrations) works as it does in `dist/`; it is the transpile `npm start` runs. The web UI is not served: no
 * scenario needs it.
 */
export async function compileForBench(): Promise<CompiledCode> {
  // Inside the repository, so the compiled files find node_modules as the sources do.
  const outdir = mkdtempSync(join(repoRoot, '.bench-build-'));
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  try {
    // The same transpile `npm start` builds dist/ with (scripts/lib/transpile.mjs), migrations included.
    await transpile({ root: repoRoot, dirs: ['src', 'bench'], outdir });
  } catch (err) {
    cleanup();
    throw err;
  }
  return {
    pathOf: (tsFile) => join(outdir, relative(repoRoot, join(repoRoot, tsFile)).replace(/\.ts$/, '.js')),
    remove: cleanup,
  };
}
