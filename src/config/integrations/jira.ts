/** Jira Cloud, for follow-ups as Jira issues: on when JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN are set and a project is named. */
export interface JiraConfig {
  /** `https://acme.atlassian.net` (no trailing slash). */
  baseUrl: string;
  email: string;
  apiToken: string;
  /** The admin webhook's secret: deliveries must carry `X-Hub-Signature`; null accepts unsigned ones (not recommended). */
  webhookSecret: string | null;
  projectKey: string;
  issueType: string;
  labels: string[];
}

const fileKeys = ['projectKey', 'issueType', 'labels'];

/**
 * Reads JIRA_* from the environment and `integrations.jira` from response.config.ts. Null when
 * Jira is not configured (none of the variables set); an Error naming the variable or key when it
 * is half or wrongly configured.
 */
export function readJiraConfig(env: Record<string, string | undefined>, file: unknown): JiraConfig | null {
  const v = (name: string) => env[name]?.trim() || undefined;
  const baseUrl = v('JIRA_BASE_URL');
  const email = v('JIRA_EMAIL');
  const apiToken = v('JIRA_API_TOKEN');
  if (!baseUrl && !email && !apiToken && file === undefined) return null;
  for (const [name, value] of [
    ['JIRA_BASE_URL', baseUrl],
    ['JIRA_EMAIL', email],
    ['JIRA_API_TOKEN', apiToken],
  ] as const) {
    if (!value) throw new Error(`${name} must be set to use Jira (see docs/integrations.md)`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl as string);
  } catch {
    throw new Error('JIRA_BASE_URL must be an absolute URL such as https://acme.atlassian.net');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('JIRA_BASE_URL must be an http(s) URL');
  if (file !== undefined && (file === null || typeof file !== 'object' || Array.isArray(file)))
    throw new Error('integrations.jira must be an object such as { projectKey: "OPS" }');
  const f = (file ?? {}) as Record<string, unknown>;
  const unknownKey = Object.keys(f).find((k) => !fileKeys.includes(k));
  if (unknownKey) throw new Error(`integrations.jira.${unknownKey} is not a setting (known: ${fileKeys.join(', ')})`);
  const projectKey = f.projectKey ?? v('JIRA_PROJECT_KEY');
  if (typeof projectKey !== 'string' || !/^[A-Z][A-Z0-9_]{0,49}$/.test(projectKey))
    throw new Error('integrations.jira.projectKey must be a Jira project key such as "OPS"');
  const issueType = f.issueType ?? 'Task';
  if (typeof issueType !== 'string' || !issueType.trim()) throw new Error('integrations.jira.issueType must be an issue type name such as "Task"');
  const labels = f.labels ?? ['incident-follow-up'];
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || !l || /\s/.test(l)))
    throw new Error('integrations.jira.labels must be a list of labels without spaces');
  return {
    baseUrl: url.toString().replace(/\/+$/, ''),
    email: email as string,
    apiToken: apiToken as string,
    webhookSecret: v('JIRA_WEBHOOK_SECRET') ?? null,
    projectKey,
    issueType: issueType.trim(),
    labels: labels as string[],
  };
}
