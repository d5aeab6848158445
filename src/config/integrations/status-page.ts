/** StatusPage's settings (environment variables and response.config.ts `integrations`); null while it is not configured. */
export type StatusPageConfig = Record<string, never>;

/** Reads StatusPage's settings; null when it is not configured (off). Throws an Error naming the bad variable or key. */
export function readStatusPageConfig(_env: Record<string, string | undefined>, _file: unknown): StatusPageConfig | null {
  return null;
}
