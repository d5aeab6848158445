import { z } from 'zod';

/** Atlassian Statuspage: the page Response mirrors published updates to. */
export interface StatuspageConfig {
  apiKey: string;
  pageId: string;
  /** Default https://api.statuspage.io/v1 (the sandbox and tests point it at the stand-in). */
  apiUrl: string;
  /** Our component key → the Statuspage component id it updates. */
  components: Record<string, string>;
}

const fileSchema = z
  .object({
    components: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be a component key'), z.string().trim().min(1, 'must be a Statuspage component id')).optional(),
  })
  .strict();

/** `STATUSPAGE_COMPONENTS=api=abc123,payments=def456`: the mapping without a config file. */
function componentsFromEnv(raw: string | undefined): unknown {
  if (!raw?.trim()) return {};
  const components: Record<string, string> = {};
  for (const [i, pair] of raw.split(',').entries()) {
    const [key, id] = pair.split('=').map((s) => s.trim());
    if (!key || !id) throw new Error(`STATUSPAGE_COMPONENTS: item ${i + 1} ("${pair.trim()}") must be ourKey=statuspageComponentId`);
    components[key] = id;
  }
  return { components };
}

/**
 * `STATUSPAGE_API_KEY`, `STATUSPAGE_PAGE_ID`, `STATUSPAGE_API_URL`, and response.config.ts
 * `integrations.statuspage.components` ({ ourKey: statuspageComponentId }; or `STATUSPAGE_COMPONENTS`). Null (off) without an API key and page id.
 */
export function readStatuspageConfig(env: Record<string, string | undefined>, file: unknown): StatuspageConfig | null {
  const apiKey = env.STATUSPAGE_API_KEY?.trim();
  const pageId = env.STATUSPAGE_PAGE_ID?.trim();
  if (!apiKey && !pageId) return null;
  if (!apiKey) throw new Error('STATUSPAGE_API_KEY: required when STATUSPAGE_PAGE_ID is set (an API key from your Statuspage user profile)');
  if (!pageId) throw new Error('STATUSPAGE_PAGE_ID: required when STATUSPAGE_API_KEY is set (the page id from the Statuspage API info page)');
  const rawUrl = env.STATUSPAGE_API_URL?.trim() || 'https://api.statuspage.io/v1';
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error('STATUSPAGE_API_URL: must be a URL like https://api.statuspage.io/v1');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('STATUSPAGE_API_URL: must be an http(s) URL');
  const parsed = fileSchema.safeParse(file ?? componentsFromEnv(env.STATUSPAGE_COMPONENTS));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${['integrations.statuspage', ...(issue?.path ?? [])].map(String).join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  return { apiKey, pageId, apiUrl: rawUrl.replace(/\/+$/, ''), components: parsed.data.components ?? {} };
}
