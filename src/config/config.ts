import { z } from 'zod';
import { DEFAULT_PERMISSIONS, parsePermissionRule, PERMISSION_ENV, PERMISSIONS, type Permissions } from '../core/shared/permissions.js';
import { resolveResponseAliases, type ConfigNotice } from './response-aliases.js';

export type { ConfigNotice } from './response-aliases.js';

// Case-insensitive, so settings carried over from the original's Python (True, False) read the same.
const boolean = (fallback: boolean) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).optional())
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const positiveInt = (fallback: number) =>
  z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').default(fallback);

/** Every environment variable Response reads, validated once at start-up. */
export const configSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535, 'must be a port number (0-65535)').default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL such as https://response.example.com' }).optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset to use the embedded database)')
      .optional(),
  ),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  // https://no-color.org: any non-empty value turns colour off.
  NO_COLOR: z.string().optional(),
  TIMEZONE: z.string().default('UTC'),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  SLACK_API_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL ending in /api/' }).optional()),
  SLACK_OAUTH_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL' }).optional()),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  INCIDENT_CHANNEL: optionalText,
  INCIDENT_REPORT_CHANNEL: optionalText,
  AUTO_CREATE_CHANNEL: boolean(false),
  // Response's own budget per Slack method (src/slack/client/slack-tiers.ts); `off` leaves rate limits to Slack's 429s.
  SLACK_PACING: z
    .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'], { message: 'must be on or off' }).optional())
    .transform((v) => v === undefined || ['on', 'true', '1', 'yes'].includes(v)),
  // How many replicas share the workspace's Slack budget: each paces itself to an equal share.
  SLACK_REPLICAS: positiveInt(1),
  SANDBOX: z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'share'], { message: 'must be true, false or share' })
    .optional()
    .transform((v): SandboxMode => (v === undefined ? 'auto' : v === 'share' ? 'share' : ['true', '1', 'yes'].includes(v) ? 'on' : 'off')),
  SANDBOX_SOCKET_MODE: boolean(false),
  RESPONSE_LOGIN_REQUIRED: boolean(true),
  SESSION_SECRET: optionalText,
  METRICS_TOKEN: optionalText,
  RESPONSE_PLUGINS: optionalText,
  OUTBOX_POLL_MS: positiveInt(1000),
  PLUGIN_TIMEOUT_MS: positiveInt(10_000),
  INBOX_LEASE_SECONDS: positiveInt(15),
  REMINDER_SWEEP_SECONDS: positiveInt(15).pipe(z.number().max(30, 'must be at most 30 (reminders are due to the minute)')),
  REMINDER_SEVERITY_ENABLED: boolean(true),
  REMINDER_SEVERITY_INTERVAL_MINUTES: positiveInt(5),
  REMINDER_SEVERITY_MAX: positiveInt(5),
  REMINDER_LEAD_ENABLED: boolean(true),
  REMINDER_LEAD_INTERVAL_MINUTES: positiveInt(2),
  REMINDER_LEAD_MAX: positiveInt(5),
  REMINDER_CLOSE_ENABLED: boolean(true),
  REMINDER_CLOSE_INTERVAL_MINUTES: positiveInt(1440),
  REMINDER_CLOSE_MAX: positiveInt(5),
  REMINDER_CLOSE_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, 'must be a range of hours such as 9-17')
    .default('9-17'),
});

/** Settings that only make sense together; checked on the raw values so they are reported alongside type errors. */
function crossChecks(source: Record<string, string | undefined>): string[] {
  const has = (k: string) => (source[k] ?? '').trim() !== '';
  const problems: string[] = [];
  const slackKeys = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'INCIDENT_CHANNEL'];
  if (has('SLACK_BOT_TOKEN')) {
    if (!has('INCIDENT_CHANNEL')) problems.push('INCIDENT_CHANNEL is required when SLACK_BOT_TOKEN is set (a channel name such as incidents, or its id)');
    if (!has('SLACK_SIGNING_SECRET') && !has('SLACK_APP_TOKEN'))
      problems.push('SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (or SLACK_APP_TOKEN for Socket Mode)');
  } else {
    const given = slackKeys.filter(has);
    if (given.length > 0) problems.push(`SLACK_BOT_TOKEN is required when ${given.join(', ')} is set`);
  }
  return problems;
}

export type Env = z.output<typeof configSchema>;

/**
 * The sandbox workspace (SANDBOX): `auto` (unset) runs it when no Slack workspace is configured, except in
 * production; `on` (true) asks for it by name, production included; `share` also lets other machines use
 * it; `off` (false) never.
 */
export type SandboxMode = 'auto' | 'on' | 'share' | 'off';

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  incidentChannel: string;
  reportChannel: string | undefined;
  autoCreateChannel: boolean;
  /** Response's own budget per Slack method (SLACK_PACING), shared equally by SLACK_REPLICAS replicas. */
  pacing: { enabled: boolean; replicas: number };
}

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };
  /** Where local state lives (the embedded database, the sandbox workspace), whichever database is used. */
  dataDir: string;
  /** Whether the sandbox workspace runs when no Slack workspace is configured, and for whom (SandboxMode). */
  sandbox: SandboxMode;
  /** The sandbox talks to Response over Socket Mode instead of signed POSTs (SANDBOX_SOCKET_MODE). */
  sandboxSocketMode: boolean;
  logLevel: Env['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  /** Colours in the terminal format: only on a terminal, and not when NO_COLOR is set. */
  logColor: boolean;
  timezone: string;
  slack: SlackConfig | undefined;
  slackOAuthUrl: string;
  slackClientId: string | undefined;
  slackClientSecret: string | undefined;
  loginRequired: boolean;
  sessionSecret: string | undefined;
  metricsToken: string | undefined;
  plugins: string[];
  outboxPollMs: number;
  /** How long a plugin may take to load or to handle one thing before it is given up on. */
  pluginTimeoutMs: number;
  /** How long a Slack delivery being handled is reserved for one replica (renewed while it runs); after a crash it is handled again once this runs out. */
  inboxLeaseMs: number;
  reminders: ReminderSettings;
  /** Who may close, reopen, change severity or lead, delete timeline entries, declare private incidents, manage API tokens (PERMISSION_*). */
  permissions: Permissions;
  /** What start-up should log about the configuration: the original Response's settings names read as ours, or ignored. */
  notices: ConfigNotice[];
  /** The integrations' variables (PAGERDUTY_*, STATUSPAGE_*, STATUS_PAGE_*, JIRA_*, LINEAR_*, WEBHOOKS_*), as set: each integration reads its own (src/config/integrations/). */
  integrationEnv: Record<string, string | undefined>;
}

/** The prefixes of the integrations' variables, kept raw for their own parsers. */
export const INTEGRATION_ENV_PREFIXES = ['PAGERDUTY_', 'STATUSPAGE_', 'STATUS_PAGE_', 'JIRA_', 'LINEAR_', 'WEBHOOKS_'] as const;

export interface ReminderSetting {
  enabled: boolean;
  intervalMinutes: number;
  max: number;
}

/** The built-in reminders (REMINDER_*), and how often due reminders are looked for. */
export interface ReminderSettings {
  sweepSeconds: number;
  severity: ReminderSetting;
  lead: ReminderSetting;
  close: ReminderSetting & { workingHours: [number, number] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function workingHours(range: string): [number, number] {
  const [from, to] = range.split('-').map(Number) as [number, number];
  if (!(from >= 0 && to <= 24 && from < to)) throw new ConfigError([`REMINDER_CLOSE_HOURS must be a range of hours within 0-24 such as 9-17 (got "${range}")`]);
  return [from, to];
}

/** PERMISSION_* (docs/permissions.md): unset keeps the default, which is today's behaviour. */
function permissionsFrom(source: Record<string, string | undefined>, problems: string[]): Permissions {
  const permissions: Permissions = { ...DEFAULT_PERMISSIONS };
  for (const permission of PERMISSIONS) {
    const name = PERMISSION_ENV[permission];
    const raw = source[name];
    if (raw === undefined || raw.trim() === '') continue;
    const rule = parsePermissionRule(permission, raw);
    if (typeof rule === 'string') problems.push(`${name} ${rule}`);
    else permissions[permission] = rule;
  }
  return permissions;
}

/** Parses the environment; throws ConfigError with one line per problem. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const aliases = resolveResponseAliases(environment);
  const source = aliases.env;
  const parsed = configSchema.safeParse(source);
  // A value read from one of the original's names is reported under the name the operator actually set.
  const label = (key: string) => (aliases.readFrom[key] ? `${aliases.readFrom[key]} (read as ${key})` : key);
  const problems = [
    ...aliases.problems,
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.map(String).map(label).join('.') || 'config'} ${i.message}`)),
    ...crossChecks(source),
  ];
  const permissions = permissionsFrom(source, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  if (!isValidTimeZone(e.TIMEZONE)) throw new ConfigError([`${label('TIMEZONE')} must be an IANA time zone such as Europe/London (got "${e.TIMEZONE}")`]);
  const nodeEnv = e.NODE_ENV === 'production' ? 'production' : e.NODE_ENV === 'test' ? 'test' : 'development';
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const integrationEnv = Object.fromEntries(Object.entries(environment).filter(([k]) => INTEGRATION_ENV_PREFIXES.some((p) => k.startsWith(p))));
  return {
    integrationEnv,
    env: nodeEnv,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'embedded', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    sandbox: e.SANDBOX,
    sandboxSocketMode: e.SANDBOX_SOCKET_MODE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (nodeEnv === 'production' || !process.stdout.isTTY ? 'json' : 'pretty'),
    logColor: Boolean(process.stdout.isTTY) && !e.NO_COLOR,
    timezone: e.TIMEZONE,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL ? e.SLACK_API_URL.replace(/\/?$/, '/') : undefined,
          incidentChannel: e.INCIDENT_CHANNEL ?? '',
          reportChannel: e.INCIDENT_REPORT_CHANNEL,
          autoCreateChannel: e.AUTO_CREATE_CHANNEL,
          pacing: { enabled: e.SLACK_PACING, replicas: e.SLACK_REPLICAS },
        }
      : undefined,
    slackOAuthUrl: e.SLACK_OAUTH_URL ?? 'https://slack.com/openid/connect/authorize',
    slackClientId: e.SLACK_CLIENT_ID,
    slackClientSecret: e.SLACK_CLIENT_SECRET,
    loginRequired: e.RESPONSE_LOGIN_REQUIRED,
    sessionSecret: e.SESSION_SECRET,
    metricsToken: e.METRICS_TOKEN,
    plugins: e.RESPONSE_PLUGINS
      ? e.RESPONSE_PLUGINS.split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : [],
    outboxPollMs: e.OUTBOX_POLL_MS,
    pluginTimeoutMs: e.PLUGIN_TIMEOUT_MS,
    inboxLeaseMs: e.INBOX_LEASE_SECONDS * 1000,
    reminders: {
      sweepSeconds: e.REMINDER_SWEEP_SECONDS,
      severity: { enabled: e.REMINDER_SEVERITY_ENABLED, intervalMinutes: e.REMINDER_SEVERITY_INTERVAL_MINUTES, max: e.REMINDER_SEVERITY_MAX },
      lead: { enabled: e.REMINDER_LEAD_ENABLED, intervalMinutes: e.REMINDER_LEAD_INTERVAL_MINUTES, max: e.REMINDER_LEAD_MAX },
      close: {
        enabled: e.REMINDER_CLOSE_ENABLED,
        intervalMinutes: e.REMINDER_CLOSE_INTERVAL_MINUTES,
        max: e.REMINDER_CLOSE_MAX,
        workingHours: workingHours(e.REMINDER_CLOSE_HOURS),
      },
    },
    permissions,
    notices: aliases.notices,
  };
}
