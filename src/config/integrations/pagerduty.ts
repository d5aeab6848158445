/** PagerDuty's settings (environment variables and response.config.ts `integrations`); null while it is not configured. */
export type PagerDutyConfig = Record<string, never>;

/** Reads PagerDuty's settings; null when it is not configured (off). Throws an Error naming the bad variable or key. */
export function readPagerDutyConfig(_env: Record<string, string | undefined>, _file: unknown): PagerDutyConfig | null {
  return null;
}
