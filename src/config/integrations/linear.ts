/** Linear, for follow-ups as Linear issues: on when LINEAR_API_KEY is set and a team is named. */
export interface LinearConfig {
  apiKey: string;
  /** `https://api.linear.app` (the GraphQL endpoint is `<apiUrl>/graphql`). */
  apiUrl: string;
  /** The webhook's signing secret; webhooks are refused without one. */
  webhookSecret: string | null;
  teamId: string;
}

const fileKeys = ['teamId'];

/**
 * Reads LINEAR_* from the environment and `integrations.linear` from response.config.ts. Null when
 * Linear is not configured; an Error naming the variable or key when it is half or wrongly configured.
 */
export function readLinearConfig(env: Record<string, string | undefined>, file: unknown): LinearConfig | null {
  const v = (name: string) => env[name]?.trim() || undefined;
  const apiKey = v('LINEAR_API_KEY');
  if (!apiKey && file === undefined) return null;
  if (!apiKey) throw new Error('LINEAR_API_KEY must be set to use Linear (see docs/integrations.md)');
  const apiUrl = v('LINEAR_API_URL') ?? 'https://api.linear.app';
  try {
    if (!/^https?:$/.test(new URL(apiUrl).protocol)) throw new Error('not http');
  } catch {
    throw new Error('LINEAR_API_URL must be an absolute http(s) URL such as https://api.linear.app');
  }
  if (file !== undefined && (file === null || typeof file !== 'object' || Array.isArray(file)))
    throw new Error('integrations.linear must be an object such as { teamId: "…" }');
  const f = (file ?? {}) as Record<string, unknown>;
  const unknownKey = Object.keys(f).find((k) => !fileKeys.includes(k));
  if (unknownKey) throw new Error(`integrations.linear.${unknownKey} is not a setting (known: ${fileKeys.join(', ')})`);
  const teamId = f.teamId ?? v('LINEAR_TEAM_ID');
  if (typeof teamId !== 'string' || !teamId.trim())
    throw new Error('integrations.linear.teamId (or LINEAR_TEAM_ID) must be the id of the Linear team follow-ups go to');
  return { apiKey, apiUrl: apiUrl.replace(/\/+$/, ''), webhookSecret: v('LINEAR_WEBHOOK_SECRET') ?? null, teamId: teamId.trim() };
}
