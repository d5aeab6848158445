/**
 * The original Response's settings names (monzo/response's demo settings and README, and deployments built on them
 * such as HMCTS's), accepted as aliases of ours where they mean the same thing, so a team can move its environment
 * over unchanged. Ours wins when both are set. Table: docs/migrating-from-response.md, "Map the settings".
 */

/** Something start-up should log once the logger exists: which alias was read as what, or ignored. */
export interface ConfigNotice {
  level: 'info' | 'warn';
  message: string;
}

export interface ResolvedAliases {
  /** The environment with every alias in use copied to our name (the original names are left in place). */
  env: Record<string, string | undefined>;
  notices: ConfigNotice[];
  /** Bad alias values, one line each, naming the variable that was set. */
  problems: string[];
  /** Our name → the original's name it was read from, so a validation error can name what the operator set. */
  readFrom: Record<string, string>;
}

type Convert = (value: string) => { value: string } | { problem: string };

interface Alias {
  /** The original's names, the first one set winning (INCIDENT_CHANNEL_ID before INCIDENT_CHANNEL_NAME, as there). */
  names: string[];
  ours: string;
  convert?: Convert;
}

/** Django's logging levels (DJANGO_LOG_LEVEL) → ours. */
const djangoLevels: Record<string, string> = { DEBUG: 'debug', INFO: 'info', WARNING: 'warn', WARN: 'warn', ERROR: 'error', CRITICAL: 'fatal' };

const ALIASES: Alias[] = [
  { names: ['SLACK_TOKEN'], ours: 'SLACK_BOT_TOKEN' },
  // The original's README calls it "the SIGNING SECRET variable"; its settings read SLACK_SIGNING_SECRET, our name too.
  { names: ['SIGNING_SECRET'], ours: 'SLACK_SIGNING_SECRET' },
  // The original looked the name up when no id was given; we take either.
  { names: ['INCIDENT_CHANNEL_ID', 'INCIDENT_CHANNEL_NAME'], ours: 'INCIDENT_CHANNEL' },
  // Where report-only incidents are announced; setting it offers "report only", there and here.
  { names: ['INCIDENT_REPORT_CHANNEL_ID', 'INCIDENT_REPORT_CHANNEL_NAME'], ours: 'INCIDENT_REPORT_CHANNEL' },
  { names: ['SITE_URL'], ours: 'PUBLIC_URL' },
  { names: ['TIME_ZONE'], ours: 'TIMEZONE' },
  {
    names: ['DJANGO_LOG_LEVEL'],
    ours: 'LOG_LEVEL',
    convert: (v) => {
      const level = djangoLevels[v.toUpperCase()];
      return level ? { value: level } : { problem: `DJANGO_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got "${v}")` };
    },
  },
];

/** Set by the original's deployments but needed by nothing here; named so nobody wonders whether they were read. */
const NOT_NEEDED: Record<string, string> = {
  INCIDENT_BOT_ID: 'Response asks Slack for its own bot user at start-up',
  INCIDENT_BOT_NAME: 'Response asks Slack for its own bot user at start-up',
  DJANGO_SETTINGS_MODULE: 'there are no Django settings',
  POSTGRES: 'DATABASE_URL (or DB_HOST) chooses PostgreSQL; without either the embedded database is used',
};

const DB_PARTS = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_SSL_MODE'] as const;
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** The original's DB_HOST, DB_PORT, … (its prod settings) as one postgres:// URL. */
function databaseUrlFrom(set: (name: string) => string | undefined): { value: string } | { problem: string } | undefined {
  const given = DB_PARTS.filter((p) => set(p) !== undefined);
  if (given.length === 0) return undefined;
  const host = set('DB_HOST');
  if (!host) return { problem: `DB_HOST is required to build DATABASE_URL from ${given.join(', ')} (or set DATABASE_URL instead)` };
  const port = set('DB_PORT') ?? '5432';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) return { problem: `DB_PORT must be a port number (1-65535) (got "${port}")` };
  const sslMode = set('DB_SSL_MODE');
  if (sslMode !== undefined && !SSL_MODES.includes(sslMode)) return { problem: `DB_SSL_MODE must be one of ${SSL_MODES.join(', ')} (got "${sslMode}")` };
  const user = set('DB_USER');
  const password = set('DB_PASSWORD');
  const credentials = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const name = set('DB_NAME');
  return { value: `postgres://${credentials}${hostPart}:${port}/${name ? encodeURIComponent(name) : ''}${sslMode ? `?sslmode=${sslMode}` : ''}` };
}

/** Every name of the original's this module reads (documented in docs/migrating-from-response.md). */
export const RESPONSE_SETTINGS_NAMES: readonly string[] = [...ALIASES.flatMap((a) => a.names), ...DB_PARTS, ...Object.keys(NOT_NEEDED)];

/** Copies the original's settings to ours where ours are unset; says what it did, or why it didn't. */
export function resolveResponseAliases(source: Record<string, string | undefined>): ResolvedAliases {
  // The original stripped quotes from its values (settings/base.py get_env_var); an env file may carry them over.
  const set = (name: string): string | undefined => {
    const v = source[name]?.replace(/"/g, '').trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const env = { ...source };
  const notices: ConfigNotice[] = [];
  const problems: string[] = [];
  const readFrom: Record<string, string> = {};

  const apply = (ours: string, aliasNames: string[], from: string, converted: { value: string } | { problem: string }, shown: string) => {
    if ('problem' in converted) {
      problems.push(converted.problem);
      return;
    }
    const current = set(ours);
    if (current === undefined) {
      env[ours] = converted.value;
      readFrom[ours] = from;
      const unused = aliasNames.filter((n) => n !== from && set(n) !== undefined);
      notices.push({
        level: 'info',
        message: `${shown} ${shown.includes(', ') ? 'are' : 'is'} read as ${ours} (Response's name for it)${unused.length ? `; ${unused.join(', ')} not needed` : ''}`,
      });
    } else if (current === converted.value) {
      notices.push({ level: 'info', message: `${shown} ${shown.includes(', ') ? 'are' : 'is'} set as well as ${ours}, with the same value: ${shown} can go` });
    } else {
      notices.push({ level: 'warn', message: `${shown} ${shown.includes(', ') ? 'are' : 'is'} ignored: ${ours} is set too, and Response's own name wins` });
    }
  };

  for (const alias of ALIASES) {
    const from = alias.names.find((n) => set(n) !== undefined);
    if (!from) continue;
    const raw = set(from)!;
    apply(alias.ours, alias.names, from, alias.convert ? alias.convert(raw) : { value: raw }, from);
  }
  const databaseUrl = databaseUrlFrom(set);
  if (databaseUrl) {
    const used = DB_PARTS.filter((p) => set(p) !== undefined);
    apply('DATABASE_URL', [], 'DB_HOST', databaseUrl, used.join(', '));
  }
  for (const [name, why] of Object.entries(NOT_NEEDED)) {
    if (set(name) !== undefined) notices.push({ level: 'info', message: `${name} is not needed: ${why}` });
  }
  return { env, notices, problems, readFrom };
}
