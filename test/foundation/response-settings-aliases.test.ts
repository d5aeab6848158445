// The original Response's settings names (SLACK_TOKEN, INCIDENT_CHANNEL_NAME, DB_HOST…) are read as ours by the
// config loader, so a team moving over can keep its environment: ours win, conflicts warn, bad values name the variable.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';

const slack = { SLACK_BOT_TOKEN: 'xoxb-ours', SLACK_SIGNING_SECRET: 'ours-secret', INCIDENT_CHANNEL: 'incidents' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const messages = (config: Config, level: 'info' | 'warn') => config.notices.filter((n) => n.level === level).map((n) => n.message);

describe("the original Response's settings names", () => {
  it('reads the demo and production env files of the original as a working Slack configuration', () => {
    // monzo/response demo/env.prod.example, with values.
    const config = loadConfig({
      SLACK_TOKEN: 'xoxb-from-response',
      SLACK_SIGNING_SECRET: 'their-secret',
      INCIDENT_CHANNEL_NAME: 'incidents',
      INCIDENT_REPORT_CHANNEL_NAME: 'incident-reports',
      INCIDENT_BOT_NAME: 'incident',
      SITE_URL: 'https://response.example.org/',
      DB_HOST: 'db.internal',
      DB_NAME: 'response',
      DB_USER: 'response',
      DB_PASSWORD: 'p@ss/word',
      DB_PORT: '6432',
      DB_SSL_MODE: 'require',
      DJANGO_SETTINGS_MODULE: 'demo.settings.prod',
    });
    expect(config.slack).toMatchObject({
      botToken: 'xoxb-from-response',
      signingSecret: 'their-secret',
      incidentChannel: 'incidents',
      reportChannel: 'incident-reports',
    });
    expect(config.publicUrl).toBe('https://response.example.org');
    // The password is escaped, so the URL still parses to the same parts.
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://response:p%40ss%2Fword@db.internal:6432/response?sslmode=require' });
    const url = new URL(config.database.kind === 'postgres' ? config.database.url : '');
    expect([decodeURIComponent(url.password), url.hostname, url.port, url.pathname]).toEqual(['p@ss/word', 'db.internal', '6432', '/response']);
    // One info line per alias in use, naming our variable; the settings nothing here needs are named as such.
    const info = messages(config, 'info');
    expect(info).toEqual(
      expect.arrayContaining([
        "SLACK_TOKEN is read as SLACK_BOT_TOKEN (Response's name for it)",
        "INCIDENT_CHANNEL_NAME is read as INCIDENT_CHANNEL (Response's name for it)",
        "INCIDENT_REPORT_CHANNEL_NAME is read as INCIDENT_REPORT_CHANNEL (Response's name for it)",
        "SITE_URL is read as PUBLIC_URL (Response's name for it)",
        "DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_SSL_MODE are read as DATABASE_URL (Response's name for it)",
        'INCIDENT_BOT_NAME is not needed: Response asks Slack for its own bot user at start-up',
        'DJANGO_SETTINGS_MODULE is not needed: there are no Django settings',
      ]),
    );
    expect(info).toHaveLength(7);
    expect(messages(config, 'warn')).toEqual([]);
    // Secrets never reach the log lines.
    expect(JSON.stringify(config.notices)).not.toMatch(/xoxb-from-response|p@ss|their-secret/);
  });

  it.each([
    ['SLACK_TOKEN', 'xoxb-alias', (c: Config) => c.slack?.botToken, { SLACK_SIGNING_SECRET: 's', INCIDENT_CHANNEL: 'incidents' }],
    ['SIGNING_SECRET', 'alias-secret', (c: Config) => c.slack?.signingSecret, { SLACK_BOT_TOKEN: 'xoxb-1', INCIDENT_CHANNEL: 'incidents' }],
    ['INCIDENT_CHANNEL_ID', 'C0123456789', (c: Config) => c.slack?.incidentChannel, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }],
    ['INCIDENT_CHANNEL_NAME', 'incidents', (c: Config) => c.slack?.incidentChannel, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }],
    ['INCIDENT_REPORT_CHANNEL_ID', 'C0REPORTS01', (c: Config) => c.slack?.reportChannel, slack],
    ['INCIDENT_REPORT_CHANNEL_NAME', 'incident-reports', (c: Config) => c.slack?.reportChannel, slack],
    ['SITE_URL', 'https://incidents.example.org', (c: Config) => c.publicUrl, {}],
    ['TIME_ZONE', 'Europe/London', (c: Config) => c.timezone, {}],
  ] as const)('%s is read as ours', (alias, value, read, rest) => {
    const config = loadConfig({ ...rest, [alias]: value });
    expect(read(config)).toBe(value);
    expect(messages(config, 'info')).toEqual([expect.stringMatching(new RegExp(`^${alias} is read as [A-Z_]+ \\(Response's name for it\\)$`))]);
  });

  it("DJANGO_LOG_LEVEL's Django levels become ours", () => {
    expect(loadConfig({ DJANGO_LOG_LEVEL: 'WARNING' }).logLevel).toBe('warn');
    expect(loadConfig({ DJANGO_LOG_LEVEL: 'critical' }).logLevel).toBe('fatal');
    expect(loadConfig({ DJANGO_LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });

  it('the channel id wins over the channel name, as in the original, and the name is said to be unneeded', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', INCIDENT_CHANNEL_NAME: 'incidents', INCIDENT_CHANNEL_ID: 'C0123456789' });
    expect(config.slack?.incidentChannel).toBe('C0123456789');
    expect(messages(config, 'info')).toEqual(["INCIDENT_CHANNEL_ID is read as INCIDENT_CHANNEL (Response's name for it); INCIDENT_CHANNEL_NAME not needed"]);
  });

  it('our own name wins; a different value under the old name is ignored with a warning, the same value only noted', () => {
    const conflicting = loadConfig({
      ...slack,
      SLACK_TOKEN: 'xoxb-theirs',
      INCIDENT_CHANNEL_NAME: 'old-incidents',
      SITE_URL: 'https://old.example.org',
      PUBLIC_URL: 'https://new.example.org',
    });
    expect(conflicting.slack?.botToken).toBe('xoxb-ours');
    expect(conflicting.slack?.incidentChannel).toBe('incidents');
    expect(conflicting.publicUrl).toBe('https://new.example.org');
    expect(messages(conflicting, 'warn')).toEqual([
      "SLACK_TOKEN is ignored: SLACK_BOT_TOKEN is set too, and Response's own name wins",
      "INCIDENT_CHANNEL_NAME is ignored: INCIDENT_CHANNEL is set too, and Response's own name wins",
      "SITE_URL is ignored: PUBLIC_URL is set too, and Response's own name wins",
    ]);
    const same = loadConfig({ ...slack, SLACK_TOKEN: 'xoxb-ours' });
    expect(messages(same, 'warn')).toEqual([]);
    expect(messages(same, 'info')).toEqual(['SLACK_TOKEN is set as well as SLACK_BOT_TOKEN, with the same value: SLACK_TOKEN can go']);
  });

  it('DATABASE_URL wins over DB_*, with a warning naming what was ignored', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://ours@db/ours', DB_HOST: 'old-db', DB_NAME: 'response' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://ours@db/ours' });
    expect(messages(config, 'warn')).toEqual(["DB_HOST, DB_NAME are ignored: DATABASE_URL is set too, and Response's own name wins"]);
    // Without DB_* nothing changes: the embedded database, and no notices at all.
    expect(loadConfig({}).database.kind).toBe('embedded');
    expect(loadConfig({}).notices).toEqual([]);
  });

  it('a bad value is refused with the name the operator set, not only ours', () => {
    expect(problemsOf({ SLACK_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's', INCIDENT_CHANNEL: 'incidents' })).toEqual([
      'SLACK_TOKEN (read as SLACK_BOT_TOKEN) must be a bot token starting with xoxb-',
    ]);
    expect(problemsOf({ SITE_URL: 'response.example.org' })).toEqual([
      'SITE_URL (read as PUBLIC_URL) must be an absolute URL such as https://response.example.com',
    ]);
    expect(problemsOf({ TIME_ZONE: 'Mars/Olympus' })).toEqual([
      'TIME_ZONE (read as TIMEZONE) must be an IANA time zone such as Europe/London (got "Mars/Olympus")',
    ]);
    expect(problemsOf({ DJANGO_LOG_LEVEL: 'LOUD' })).toEqual(['DJANGO_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got "LOUD")']);
    expect(problemsOf({ DB_HOST: 'db', DB_PORT: 'five' })).toEqual(['DB_PORT must be a port number (1-65535) (got "five")']);
    expect(problemsOf({ DB_HOST: 'db', DB_SSL_MODE: 'on' })).toEqual([
      'DB_SSL_MODE must be one of disable, allow, prefer, require, verify-ca, verify-full (got "on")',
    ]);
    expect(problemsOf({ DB_NAME: 'response', DB_USER: 'response' })).toEqual([
      'DB_HOST is required to build DATABASE_URL from DB_NAME, DB_USER (or set DATABASE_URL instead)',
    ]);
    // Still checked together with ours: a Slack token read from SLACK_TOKEN needs a channel like SLACK_BOT_TOKEN does.
    expect(problemsOf({ SLACK_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual([
      'INCIDENT_CHANNEL is required when SLACK_BOT_TOKEN is set (a channel name such as incidents, or its id)',
    ]);
  });

  it("strips the quotes the original's settings stripped, and reads Python's True and False", () => {
    const config = loadConfig({ SLACK_TOKEN: '"xoxb-quoted"', SIGNING_SECRET: '"s"', INCIDENT_CHANNEL_NAME: '"incidents"', RESPONSE_LOGIN_REQUIRED: 'False' });
    expect(config.slack).toMatchObject({ botToken: 'xoxb-quoted', signingSecret: 's', incidentChannel: 'incidents' });
    // RESPONSE_LOGIN_REQUIRED has the same name and meaning in both: false lets anyone who reaches the server in.
    expect(config.loginRequired).toBe(false);
    expect(loadConfig({ RESPONSE_LOGIN_REQUIRED: 'True' }).loginRequired).toBe(true);
    expect(problemsOf({ RESPONSE_LOGIN_REQUIRED: 'sometimes' })).toEqual(['RESPONSE_LOGIN_REQUIRED must be true or false']);
  });

  it('CLI commands see the aliases too: the Slack manifest is written for SITE_URL', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/main/cli.ts', 'slack', 'manifest'], {
      env: { ...process.env, PUBLIC_URL: '', SLACK_APP_TOKEN: '', SITE_URL: 'https://old-response.example.org' },
    });
    const manifest = JSON.parse(stdout) as { settings?: { event_subscriptions?: { request_url?: string } } };
    expect(manifest.settings?.event_subscriptions?.request_url).toBe('https://old-response.example.org/slack/events');
  }, 30_000);
});
