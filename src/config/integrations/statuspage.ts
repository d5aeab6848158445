/** Statuspage's settings (environment variables and response.config.ts `integrations`); null while it is not configured. */
export type StatuspageConfig = Record<string, never>;

/** Reads Statuspage's settings; null when it is not configured (off). Throws an Error naming the bad variable or key. */
export function readStatuspageConfig(_env: Record<string, string | undefined>, _file: unknown): StatuspageConfig | null {
  return null;
}
