/** Every compilable TypeScript file under `dir` (absolute or relative to the working directory). */
export function typescriptSources(dir: string): string[];

export interface TranspileOptions {
  /** The repository root; the other paths are relative to it. */
  root: string;
  /** Folders whose TypeScript is transpiled, e.g. `['src']`. */
  dirs: string[];
  outdir: string;
  /** The folder whose layout is kept below `outdir` (default: `root`). */
  outbase?: string;
}

/**
 * Transpiles one file to one file with esbuild, copies the server's runtime assets (migrations) and compiles the
 * runtime workspace packages into `outdir/node_modules/<name>/`.
 */
export function transpile(options: TranspileOptions): Promise<{ files: number }>;
