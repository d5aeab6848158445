/** Linear's settings (environment variables and response.config.ts `integrations`); null while it is not configured. */
export type LinearConfig = Record<string, never>;

/** Reads Linear's settings; null when it is not configured (off). Throws an Error naming the bad variable or key. */
export function readLinearConfig(_env: Record<string, string | undefined>, _file: unknown): LinearConfig | null {
  return null;
}
