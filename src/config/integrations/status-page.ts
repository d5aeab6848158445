import { z } from 'zod';

/** One thing the status page reports on ("API", "Dashboard"), keyed as publishing names it. */
export interface StatusPageComponent {
  key: string;
  name: string;
  description: string | null;
  /** Components with the same group are shown together under it. */
  group: string | null;
}

/** The built-in public status page (`/status`, `/status.json`, `/status/feed.atom`) and what may be published to it. */
export interface StatusPageConfig {
  /** Serve the built-in page (publishing works either way, e.g. for Atlassian Statuspage only). */
  enabled: boolean;
  title: string;
  components: StatusPageComponent[];
}

const component = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be 1 to 50 lowercase letters, digits, _ or -, starting with a letter or digit'),
    name: z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters'),
    description: z.string().trim().max(300, 'must be at most 300 characters').nullish(),
    group: z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters').nullish(),
  })
  .strict();

const schema = z
  .object({
    enabled: z.boolean().optional(),
    title: z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters').optional(),
    components: z.array(component).max(100, 'at most 100 components').optional(),
  })
  .strict();

const where = (path: PropertyKey[]) => ['integrations.statusPage', ...path].map(String).join('.');

/**
 * `STATUS_PAGE_COMPONENTS=api=Public API,dashboard=Dashboard` and `STATUS_PAGE_TITLE`: a page set up
 * from the environment alone (containers, the sandbox); the config file's section wins when both are there.
 */
function fromEnv(env: Record<string, string | undefined>): unknown {
  const raw = env.STATUS_PAGE_COMPONENTS?.trim();
  if (!raw) return env.STATUS_PAGE_TITLE?.trim() ? { title: env.STATUS_PAGE_TITLE.trim() } : null;
  const components = raw.split(',').map((pair, i) => {
    const [key, ...name] = pair.split('=');
    if (!key?.trim() || !name.join('=').trim()) throw new Error(`STATUS_PAGE_COMPONENTS: item ${i + 1} ("${pair.trim()}") must be key=Name, e.g. api=Public API`);
    return { key: key.trim(), name: name.join('=').trim() };
  });
  return { ...(env.STATUS_PAGE_TITLE?.trim() ? { title: env.STATUS_PAGE_TITLE.trim() } : {}), components };
}

/**
 * response.config.ts `integrations.statusPage` (`{ title, components: [{ key, name, description?, group? }], enabled? }`),
 * else `STATUS_PAGE_COMPONENTS`/`STATUS_PAGE_TITLE`; `STATUS_PAGE_ENABLED=false` turns the built-in page off
 * (publishing still works, e.g. for Statuspage alone). Null (off) when neither says anything.
 */
export function readStatusPageConfig(env: Record<string, string | undefined>, fileSection: unknown): StatusPageConfig | null {
  const file = fileSection ?? fromEnv(env);
  if (file === undefined || file === null) return null;
  const parsed = schema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`);
  }
  const components = (parsed.data.components ?? []).map((c) => ({ key: c.key, name: c.name, description: c.description ?? null, group: c.group ?? null }));
  const seen = new Set<string>();
  for (const [i, c] of components.entries()) {
    if (seen.has(c.key)) throw new Error(`integrations.statusPage.components.${i}.key: "${c.key}" is used twice`);
    seen.add(c.key);
  }
  const flag = env.STATUS_PAGE_ENABLED?.trim().toLowerCase();
  if (flag !== undefined && flag !== '' && !['true', 'false', '1', '0'].includes(flag)) throw new Error('STATUS_PAGE_ENABLED: must be true or false');
  const enabled = flag === 'false' || flag === '0' ? false : (parsed.data.enabled ?? true);
  return { enabled, title: parsed.data.title ?? 'Status', components };
}
