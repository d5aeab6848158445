import pg from 'pg';

/** Raised for anything that makes the source unusable: the CLI prints its message, no stack. */
export class ImportSourceError extends Error {}

export interface SourceUser {
  id: number;
  externalId: string;
  displayName: string;
  fullName: string | null;
  email: string | null;
  deleted: boolean;
}

export interface SourceIncident {
  id: number;
  report: string;
  reportTime: Date;
  startTime: Date;
  endTime: Date | null;
  summary: string | null;
  impact: string | null;
  severity: string | null;
  leadId: number | null;
  reporterId: number | null;
  reportOnly: boolean;
  private: boolean;
}

export interface SourceTimelineEvent {
  id: number;
  incidentId: number;
  timestamp: Date;
  text: string;
  eventType: string;
  metadata: string | null;
}

export interface SourceAction {
  id: number;
  incidentId: number;
  details: string;
  done: boolean;
  userId: number | null;
  createdDate: Date | null;
  doneDate: Date | null;
  dueDate: string | null;
  priority: string | null;
  type: string | null;
}

export interface SourceData {
  users: SourceUser[];
  incidents: SourceIncident[];
  channels: { incidentId: number; channelId: string; channelName: string }[];
  headlines: { incidentId: number; messageTs: string | null }[];
  timeline: SourceTimelineEvent[];
  pins: { timelineEventId: number | null; authorId: number | null; messageTs: string }[];
  actions: SourceAction[];
  userStats: { incidentId: number; userId: number; joinTime: Date; messageCount: number }[];
  events: { id: number; timestamp: Date; eventType: string; payload: string }[];
}

/** The tables (and columns) the importer reads: a database without them is not Response's. */
const REQUIRED: Record<string, string[]> = {
  response_externaluser: ['id', 'external_id', 'display_name', 'full_name', 'email', 'deleted'],
  response_incident: ['id', 'report', 'report_time', 'start_time', 'end_time', 'summary', 'impact', 'severity', 'lead_id', 'reporter_id', 'report_only'],
  response_commschannel: ['incident_id', 'channel_id', 'channel_name'],
  response_headlinepost: ['incident_id', 'message_ts', 'comms_channel_id'],
  response_timelineevent: ['id', 'incident_id', 'timestamp', 'text', 'event_type', 'metadata'],
  response_pinnedmessage: ['timeline_event_id', 'author_id', 'message_ts'],
  response_action: ['id', 'incident_id', 'details', 'done', 'user_id', 'created_date', 'done_date', 'due_date', 'priority', 'type'],
  response_userstats: ['incident_id', 'user_id', 'join_time', 'message_count'],
  response_event: ['id', 'timestamp', 'event_type', 'payload'],
};

/** Connects to `url`; a bad URL or an unreachable server becomes an ImportSourceError. */
export async function connectSource(url: string): Promise<pg.Client> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImportSourceError(`--from is not a URL: give the Response database as postgres://user:password@host:5432/dbname`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ImportSourceError(`--from must be a postgres:// URL (got ${parsed.protocol}//…)`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {
    // A dropped connection surfaces in the pending query; without a listener Node would crash.
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new ImportSourceError(`Cannot connect to the Response database at ${parsed.host}${parsed.pathname}: ${(err as Error).message}`);
  }
  return client;
}

/** Checks that `client` is Response's database: its tables, columns and django_migrations rows. */
export async function assertResponseDatabase(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and (table_name like 'response\\_%' or table_name = 'django_migrations')`,
  );
  const columns = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!columns.has(row.table_name)) columns.set(row.table_name, new Set());
    columns.get(row.table_name)?.add(row.column_name);
  }
  const missing: string[] = [];
  if (!columns.has('django_migrations')) missing.push('table django_migrations');
  for (const [table, wanted] of Object.entries(REQUIRED)) {
    const have = columns.get(table);
    if (!have) missing.push(`table ${table}`);
    else for (const column of wanted) if (!have.has(column)) missing.push(`column ${table}.${column}`);
  }
  if (missing.length === 0) {
    const applied = await client.query(`select 1 from django_migrations where app = 'response' limit 1`);
    if (applied.rowCount === 0) missing.push(`django_migrations rows of the app "response"`);
  }
  if (missing.length) {
    throw new ImportSourceError(`This is not a Response database (monzo/response): missing ${missing.join(', ')}.`);
  }
}

/**
 * Reads everything in one repeatable-read snapshot. The original stores naive wall-clock times in
 * timestamptz columns (as UTC); `(col at time zone 'UTC') at time zone $1` reads them as local times
 * in `timeZone` and gives the instant.
 */
export async function readSource(client: pg.Client, timeZone: string): Promise<SourceData> {
  const t = (column: string) => `((${column} at time zone 'UTC') at time zone $1::text)`;
  await client.query('begin transaction isolation level repeatable read read only');
  try {
    const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows;
    const data: SourceData = {
      users: await q(`select id, external_id as "externalId", display_name as "displayName", full_name as "fullName", email, deleted from response_externaluser order by id`),
      incidents: await q(
        `select id, report, ${t('report_time')} as "reportTime", ${t('start_time')} as "startTime", ${t('end_time')} as "endTime",
                summary, impact, severity, lead_id as "leadId", reporter_id as "reporterId", report_only as "reportOnly",
                coalesce((to_jsonb(i) ->> 'private')::boolean, false) as private
           from response_incident i order by id`,
        [timeZone],
      ),
      channels: await q(`select incident_id as "incidentId", channel_id as "channelId", channel_name as "channelName" from response_commschannel order by id`),
      headlines: await q(
        `select incident_id as "incidentId", message_ts as "messageTs" from response_headlinepost order by id`,
      ),
      timeline: await q(
        `select id, incident_id as "incidentId", ${t('timestamp')} as timestamp, text, event_type as "eventType", metadata::text as metadata
           from response_timelineevent order by id`,
        [timeZone],
      ),
      pins: await q(`select timeline_event_id as "timelineEventId", author_id as "authorId", message_ts as "messageTs" from response_pinnedmessage order by id`),
      actions: await q(
        `select id, incident_id as "incidentId", details, done, user_id as "userId", ${t('created_date')} as "createdDate",
                ${t('done_date')} as "doneDate", due_date::text as "dueDate", priority, type
           from response_action order by id`,
        [timeZone],
      ),
      userStats: await q(
        `select incident_id as "incidentId", user_id as "userId", ${t('join_time')} as "joinTime", message_count as "messageCount"
           from response_userstats order by id`,
        [timeZone],
      ),
      events: await q(`select id, ${t('"timestamp"')} as timestamp, event_type as "eventType", payload::text as payload from response_event order by id`, [timeZone]),
    };
    return data;
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}
