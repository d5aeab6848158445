/** Jira's settings (environment variables and response.config.ts `integrations`); null while it is not configured. */
export type JiraConfig = Record<string, never>;

/** Reads Jira's settings; null when it is not configured (off). Throws an Error naming the bad variable or key. */
export function readJiraConfig(_env: Record<string, string | undefined>, _file: unknown): JiraConfig | null {
  return null;
}
