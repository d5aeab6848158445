import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '../../database.js';
import { actions, commsChannels, events, headlinePosts, importSources, incidents, participants, timelineEvents, users } from '../../schema.js';
import { mapActionType, mapPriority, mapSeverity, parseJsonObject } from './mapping.js';
import { assertResponseDatabase, connectSource, readSource, type SourceData, type SourceIncident, type SourceUser } from './source.js';

const SOURCE = 'response';
const ACTOR = { kind: 'system', job: 'response-import', label: 'Imported from Response' };

export type ImportKind = 'users' | 'incidents' | 'comms_channels' | 'headline_posts' | 'timeline_events' | 'pinned_messages' | 'actions' | 'participants' | 'events';
export const IMPORT_KINDS: ImportKind[] = ['users', 'incidents', 'comms_channels', 'headline_posts', 'timeline_events', 'pinned_messages', 'actions', 'participants', 'events'];

export interface ImportOptions {
  from: string;
  timeZone: string;
  dryRun: boolean;
  /**
   * The Slack id of the channel the original posted headlines in (its INCIDENT_CHANNEL_ID; its
   * database does not store it). Without it headline posts are not imported (a problem says so).
   */
  headlineChannelId?: string | null;
  now?: Date;
}

export interface ImportReport {
  /** Rows read from the source, per kind. */
  found: Record<ImportKind, number>;
  /** Rows written (new or changed), per kind; in a dry run, what would be. */
  written: Record<ImportKind, number>;
  incidents: { new: number[]; changed: number[]; unchanged: number[]; skipped: number[] };
  problems: string[];
  dryRun: boolean;
}

const zero = (): Record<ImportKind, number> => Object.fromEntries(IMPORT_KINDS.map((k) => [k, 0])) as Record<ImportKind, number>;
type Tx = Db;

/** Everything of one source incident, as it is read (the fingerprint is its hash). */
interface IncidentBundle {
  incident: SourceIncident;
  channel: SourceData['channels'][number] | undefined;
  headline: SourceData['headlines'][number] | undefined;
  timeline: SourceData['timeline'];
  pins: SourceData['pins'];
  actions: SourceData['actions'];
  stats: SourceData['userStats'];
  users: SourceUser[];
}

/**
 * Imports a database of monzo/response into ours. Incidents keep their ids (old `/incident/{id}/`
 * links keep working); each incident is written with its children in one transaction, and skipped
 * when its source is unchanged since the last run (import_sources holds the fingerprint).
 */
export async function importResponse(target: Database, options: ImportOptions): Promise<ImportReport> {
  const client = await connectSource(options.from);
  let data: SourceData;
  try {
    await assertResponseDatabase(client);
    data = await readSource(client, options.timeZone);
  } finally {
    await client.end().catch(() => undefined);
  }
  return importData(target, data, options);
}

export async function importData(target: Database, data: SourceData, options: Pick<ImportOptions, 'dryRun' | 'timeZone' | 'now' | 'headlineChannelId'>): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const report: ImportReport = { found: zero(), written: zero(), incidents: { new: [], changed: [], unchanged: [], skipped: [] }, problems: [], dryRun: options.dryRun };
  report.found.users = data.users.length;
  report.found.incidents = data.incidents.length;
  report.found.comms_channels = data.channels.length;
  report.found.headline_posts = data.headlines.length;
  report.found.timeline_events = data.timeline.length;
  report.found.pinned_messages = data.pins.length;
  report.found.actions = data.actions.length;
  report.found.participants = data.userStats.length;
  report.found.events = data.events.length;

  const db = target.db;
  const userById = new Map(data.users.map((u) => [u.id, u]));
  const inSource = new Set(data.incidents.map((i) => i.id));
  for (const [kind, rows] of [
    ['comms channel', data.channels],
    ['headline post', data.headlines],
    ['timeline event', data.timeline],
    ['action', data.actions],
    ['user stat', data.userStats],
  ] as const) {
    for (const row of rows) if (!inSource.has(row.incidentId)) report.problems.push(`A ${kind} of incident ${row.incidentId}, which is not in the source, was skipped.`);
  }

  // Users first: everyone an incident refers to must exist. What we know of a person already
  // (from Slack) wins over the original's copy: only what we lack (full name, email) is filled in.
  const known = await db
    .select({ id: users.id, slackId: users.slackId, fullName: users.fullName, email: users.email })
    .from(users)
    .where(inArray(users.slackId, data.users.length ? data.users.map((u) => u.externalId) : ['']));
  const existingUsers = new Map(known.map((u) => [u.slackId, u.id]));
  const newUsers = data.users.filter((u) => !existingUsers.has(u.externalId));
  const bySlackId = new Map(data.users.map((u) => [u.externalId, u]));
  const lacking = known.flatMap((ours) => {
    const theirs = bySlackId.get(ours.slackId);
    const fill = { fullName: ours.fullName ?? (theirs?.fullName || null), email: ours.email ?? (theirs?.email || null) };
    return fill.fullName !== ours.fullName || fill.email !== ours.email ? [{ id: ours.id, ...fill }] : [];
  });
  report.written.users = newUsers.length + lacking.length;
  if (!options.dryRun) for (const fill of lacking) await db.update(users).set({ fullName: fill.fullName, email: fill.email, updatedAt: now }).where(eq(users.id, fill.id));
  if (!options.dryRun && newUsers.length) {
    await db
      .insert(users)
      .values(newUsers.map((u) => ({ slackId: u.externalId, displayName: u.displayName || u.externalId, fullName: u.fullName || null, email: u.email || null, deleted: u.deleted, createdAt: now, updatedAt: now })))
      .onConflictDoNothing({ target: users.slackId });
    for (const u of await db.select({ id: users.id, slackId: users.slackId }).from(users).where(inArray(users.slackId, newUsers.map((n) => n.externalId)))) existingUsers.set(u.slackId, u.id);
  }
  // In a dry run new users have no id yet: a negative placeholder keeps the plan's shape.
  const ourUser = (sourceId: number | null): number | null => {
    if (sourceId === null) return null;
    const user = userById.get(sourceId);
    if (!user) return null;
    return existingUsers.get(user.externalId) ?? -sourceId;
  };

  const imported = new Map(
    (await db.select().from(importSources).where(and(eq(importSources.source, SOURCE), eq(importSources.kind, 'incident')))).map((r) => [r.sourceId, r]),
  );
  const headlineChannelId = options.headlineChannelId ?? null;
  if (!headlineChannelId && data.headlines.length) {
    report.problems.push(`${data.headlines.length} headline posts were not imported: give --headline-channel (the Slack id of the original's INCIDENT_CHANNEL_ID), so existing headlines keep updating.`);
  }
  const groups = groupByIncident(data);
  const pinAuthors = groups.pinsByEvent;

  for (const incident of data.incidents) {
    const bundle = bundleOf(incident, groups, userById);
    const fingerprint = createHash('sha256').update(JSON.stringify({ tz: options.timeZone, headlineChannelId, bundle })).digest('hex');
    const previous = imported.get(incident.id);
    if (previous?.fingerprint === fingerprint) {
      report.incidents.unchanged.push(incident.id);
      continue;
    }
    if (!previous) {
      const [taken] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incident.id));
      if (taken) {
        report.problems.push(`Incident ${incident.id} ("${incident.report}") was skipped: incident ${incident.id} was declared here, and an import never overwrites it.`);
        report.incidents.skipped.push(incident.id);
        continue;
      }
    }
    const problems: string[] = [];
    const counts = zero();
    const write = async (tx: Tx) => writeIncident(tx, bundle, { ourUser, pinAuthors, userById, headlineChannelId, problems, counts, now, fingerprint, dryRun: options.dryRun });
    try {
      if (options.dryRun) await write(db);
      else await db.transaction(async (tx) => write(tx as unknown as Tx));
    } catch (err) {
      // The transaction rolled back: nothing of this incident was written; the others go on.
      report.problems.push(...problems, `Incident ${incident.id} was not imported (${(err as Error).message.split('\n')[0]}); nothing of it was written.`);
      report.incidents.skipped.push(incident.id);
      continue;
    }
    report.problems.push(...problems);
    for (const kind of IMPORT_KINDS) report.written[kind] += counts[kind];
    (previous ? report.incidents.changed : report.incidents.new).push(incident.id);
  }

  await importEvents(db, data, report, options.dryRun);
  if (!options.dryRun) await continueSequences(target);
  return report;
}

/** The source's rows grouped by incident once, so bundling stays linear in the size of the source. */
function groupByIncident(data: SourceData) {
  const group = <T extends { incidentId: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const list = map.get(row.incidentId);
      if (list) list.push(row);
      else map.set(row.incidentId, [row]);
    }
    return map;
  };
  return {
    channels: new Map(data.channels.map((c) => [c.incidentId, c])),
    headlines: new Map(data.headlines.map((h) => [h.incidentId, h])),
    timeline: group(data.timeline),
    actions: group(data.actions),
    stats: group(data.userStats),
    pinsByEvent: new Map(data.pins.flatMap((p) => (p.timelineEventId === null ? [] : [[p.timelineEventId, p] as const]))),
  };
}

function bundleOf(incident: SourceIncident, groups: ReturnType<typeof groupByIncident>, userById: Map<number, SourceUser>): IncidentBundle {
  const timeline = groups.timeline.get(incident.id) ?? [];
  const acts = groups.actions.get(incident.id) ?? [];
  const stats = groups.stats.get(incident.id) ?? [];
  const pins = timeline.flatMap((t) => groups.pinsByEvent.get(t.id) ?? []);
  const userIds = new Set([incident.leadId, incident.reporterId, ...acts.map((a) => a.userId), ...stats.map((s) => s.userId), ...pins.map((p) => p.authorId)]);
  return {
    incident,
    channel: groups.channels.get(incident.id),
    headline: groups.headlines.get(incident.id),
    timeline,
    pins,
    actions: acts,
    stats,
    users: [...userIds].flatMap((id) => (id === null ? [] : (userById.get(id) ?? []))),
  };
}

interface WriteContext {
  ourUser(sourceId: number | null): number | null;
  pinAuthors: Map<number, SourceData['pins'][number]>;
  headlineChannelId: string | null;
  userById: Map<number, SourceUser>;
  problems: string[];
  counts: Record<ImportKind, number>;
  now: Date;
  fingerprint: string;
  dryRun: boolean;
}

/** One incident and its children. In a dry run it only counts and checks (reads, no writes). */
async function writeIncident(tx: Tx, bundle: IncidentBundle, ctx: WriteContext): Promise<void> {
  const { incident } = bundle;
  const label = `incident ${incident.id}`;
  const { severity, unknown } = mapSeverity(incident.severity);
  if (unknown !== undefined) ctx.problems.push(`${label}: unknown severity "${unknown}", imported without one.`);
  const report = incident.report.length > 200 ? `${incident.report.slice(0, 199)}…` : incident.report;
  if (report !== incident.report) ctx.problems.push(`${label}: its report is longer than 200 characters and was shortened.`);
  const row = {
    id: incident.id,
    report,
    summary: incident.summary,
    impact: incident.impact,
    severity,
    // As declared here: an open report-only incident is 'reported'.
    status: incident.endTime ? 'resolved' : incident.reportOnly ? 'reported' : 'investigating',
    reportOnly: incident.reportOnly,
    private: incident.private,
    reporterId: ctx.ourUser(incident.reporterId),
    leadId: ctx.ourUser(incident.leadId),
    reportTime: incident.reportTime,
    startTime: incident.startTime,
    endTime: incident.endTime,
    updatedAt: ctx.now,
  };
  ctx.counts.incidents++;
  if (!ctx.dryRun) {
    await tx
      .insert(incidents)
      .values({ ...row, createdAt: incident.reportTime })
      .onConflictDoUpdate({ target: incidents.id, set: row });
    await tx
      .insert(importSources)
      .values({ source: SOURCE, kind: 'incident', sourceId: incident.id, targetId: incident.id, incidentId: incident.id, fingerprint: ctx.fingerprint, importedAt: ctx.now })
      .onConflictDoUpdate({ target: [importSources.source, importSources.kind, importSources.sourceId], set: { fingerprint: ctx.fingerprint, importedAt: ctx.now } });
  }

  // The comms channel: Slack id and name, so the bot keeps working in it.
  if (bundle.channel) {
    const [other] = await tx.select({ incidentId: commsChannels.incidentId }).from(commsChannels).where(eq(commsChannels.channelId, bundle.channel.channelId));
    if (other && other.incidentId !== incident.id) {
      ctx.problems.push(`${label}: its comms channel ${bundle.channel.channelId} already belongs to incident ${other.incidentId} here; not attached.`);
    } else {
      ctx.counts.comms_channels++;
      if (!ctx.dryRun) {
        await tx
          .insert(commsChannels)
          .values({ incidentId: incident.id, channelId: bundle.channel.channelId, channelName: bundle.channel.channelName.slice(0, 80), createdAt: incident.reportTime })
          .onConflictDoUpdate({ target: commsChannels.incidentId, set: { channelId: bundle.channel.channelId, channelName: bundle.channel.channelName.slice(0, 80) } });
      }
    }
  }
  // The headline post (in the incidents channel, not the comms channel), so it keeps updating.
  if (bundle.headline?.messageTs && ctx.headlineChannelId) {
    const values = { channelId: ctx.headlineChannelId, messageTs: bundle.headline.messageTs };
    ctx.counts.headline_posts++;
    if (!ctx.dryRun) {
      await tx
        .insert(headlinePosts)
        .values({ incidentId: incident.id, ...values, createdAt: incident.reportTime })
        .onConflictDoUpdate({ target: headlinePosts.incidentId, set: values });
    }
  }

  // Timeline events keep their ids when free here; what an earlier run imported is found by its mapping.
  const timelineMap = await mappings(tx, 'timeline_event', incident.id);
  for (const event of bundle.timeline) {
    const metadata = parseJsonObject(event.metadata) ?? {};
    let sourceKey: string | null = null;
    if (event.eventType === 'slack_pin') {
      const pin = ctx.pinAuthors.get(event.id);
      const channelId = typeof metadata.channel_id === 'string' ? metadata.channel_id : bundle.channel?.channelId;
      const messageTs = typeof metadata.message_ts === 'string' ? metadata.message_ts : pin?.messageTs;
      const author = pin?.authorId != null ? ctx.userById.get(pin.authorId) : undefined;
      const original = typeof metadata.author === 'object' && metadata.author !== null ? (metadata.author as Record<string, unknown>) : {};
      // Our pins carry the author as {slack_id, display_name}; the original's fields stay beside them.
      metadata.author = { ...original, slack_id: author?.externalId ?? original.external_id ?? null, display_name: author?.displayName ?? original.display_name ?? null };
      if (channelId && messageTs) sourceKey = `slack_pin:${channelId}:${messageTs}`;
      ctx.counts.pinned_messages++;
    }
    const targetId = await targetIdFor(tx, timelineMap, event.id, 'timeline_events', ctx.dryRun);
    if (sourceKey) {
      const [holder] = await tx.select({ id: timelineEvents.id }).from(timelineEvents).where(eq(timelineEvents.sourceKey, sourceKey));
      if (holder && holder.id !== targetId) {
        ctx.problems.push(`${label}: the pin of message ${sourceKey.slice('slack_pin:'.length)} is already on the timeline here (entry ${holder.id}); imported without its pin key.`);
        sourceKey = null;
      }
    }
    ctx.counts.timeline_events++;
    if (ctx.dryRun) continue;
    const values = { incidentId: incident.id, timestamp: event.timestamp, text: event.text, eventType: event.eventType.slice(0, 40), metadata, sourceKey, actor: null, updatedAt: ctx.now };
    await tx
      .insert(timelineEvents)
      .values({ id: targetId, ...values, createdAt: event.timestamp })
      .onConflictDoUpdate({ target: timelineEvents.id, set: values });
    await remember(tx, 'timeline_event', event.id, targetId, incident.id, ctx.now);
  }
  await forgetRemoved(tx, 'timeline_event', timelineMap, new Set(bundle.timeline.map((t) => t.id)), ctx.dryRun);

  const actionMap = await mappings(tx, 'action', incident.id);
  for (const action of bundle.actions) {
    const priority = mapPriority(action.priority);
    const type = mapActionType(action.type);
    if (priority === undefined) ctx.problems.push(`${label}: action ${action.id} has an unknown priority "${action.priority}", imported without one.`);
    if (type === undefined) ctx.problems.push(`${label}: action ${action.id} has an unknown type "${action.type}", imported without one.`);
    const targetId = await targetIdFor(tx, actionMap, action.id, 'actions', ctx.dryRun);
    ctx.counts.actions++;
    if (ctx.dryRun) continue;
    const owner = ctx.ourUser(action.userId);
    const values = {
      incidentId: incident.id,
      details: action.details,
      done: action.done,
      doneAt: action.doneDate,
      dueDate: action.dueDate,
      priority: priority ?? null,
      type: type ?? null,
      // The original has one person on an action (who logged it); it is shown as its owner.
      loggedById: owner,
      assigneeId: owner,
      // Owners were told in the original: no after-close DM or past-due reminder for history.
      ownerNotifiedAt: ctx.now,
      pastDueRemindedAt: ctx.now,
      updatedAt: ctx.now,
    };
    await tx
      .insert(actions)
      .values({ id: targetId, ...values, createdAt: action.createdDate ?? incident.reportTime })
      .onConflictDoUpdate({ target: actions.id, set: values });
    await remember(tx, 'action', action.id, targetId, incident.id, ctx.now);
  }
  await forgetRemoved(tx, 'action', actionMap, new Set(bundle.actions.map((a) => a.id)), ctx.dryRun);

  for (const stat of bundle.stats) {
    const userId = ctx.ourUser(stat.userId);
    if (userId === null) {
      ctx.problems.push(`${label}: a participant (user ${stat.userId}) is not among the source's users; skipped.`);
      continue;
    }
    ctx.counts.participants++;
    if (ctx.dryRun) continue;
    const values = { firstMessageAt: stat.joinTime, lastMessageAt: stat.joinTime, messageCount: stat.messageCount };
    await tx
      .insert(participants)
      .values({ incidentId: incident.id, userId, ...values })
      .onConflictDoUpdate({ target: [participants.incidentId, participants.userId], set: values });
  }
}

type Mapping = Map<number, number>;

async function mappings(tx: Tx, kind: string, incidentId: number): Promise<Mapping> {
  const rows = await tx
    .select({ sourceId: importSources.sourceId, targetId: importSources.targetId })
    .from(importSources)
    .where(and(eq(importSources.source, SOURCE), eq(importSources.kind, kind), eq(importSources.incidentId, incidentId)));
  return new Map(rows.map((r) => [r.sourceId, r.targetId]));
}

/** The row's id here: its earlier import's, else the original id when free, else a new one. */
async function targetIdFor(tx: Tx, map: Mapping, sourceId: number, table: 'timeline_events' | 'actions', dryRun: boolean): Promise<number> {
  const mapped = map.get(sourceId);
  if (mapped !== undefined) return mapped;
  const taken = await tx.execute(sql`select 1 from ${sql.identifier(table)} where id = ${sourceId}`);
  if (rowsOf(taken).length === 0) return sourceId;
  if (dryRun) return -sourceId;
  const next = rowsOf(await tx.execute(sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id`));
  return Number(next[0]?.id);
}

async function remember(tx: Tx, kind: string, sourceId: number, targetId: number, incidentId: number | null, now: Date): Promise<void> {
  await tx
    .insert(importSources)
    .values({ source: SOURCE, kind, sourceId, targetId, incidentId, importedAt: now })
    .onConflictDoNothing({ target: [importSources.source, importSources.kind, importSources.sourceId] });
}

/** Rows an earlier run imported whose source is gone (the original deletes unpinned messages): removed here too. */
async function forgetRemoved(tx: Tx, kind: 'timeline_event' | 'action', map: Mapping, present: Set<number>, dryRun: boolean): Promise<void> {
  const gone = [...map].filter(([sourceId]) => !present.has(sourceId));
  if (dryRun || gone.length === 0) return;
  const table = kind === 'action' ? actions : timelineEvents;
  await tx.delete(table).where(inArray(table.id, gone.map(([, target]) => target)));
  await tx.delete(importSources).where(and(eq(importSources.source, SOURCE), eq(importSources.kind, kind), inArray(importSources.sourceId, gone.map(([source]) => source))));
}

const rowsOf = (result: unknown): Record<string, unknown>[] =>
  Array.isArray(result) ? (result as Record<string, unknown>[]) : (((result as { rows?: unknown[] }).rows ?? []) as Record<string, unknown>[]);

/**
 * The change log: each original event once (it is append-only, so an imported event is never
 * rewritten). The payload is the original's JSON (a string in its column), parsed.
 */
async function importEvents(db: Db, data: SourceData, report: ImportReport, dryRun: boolean): Promise<void> {
  const done = new Set(
    (await db.select({ sourceId: importSources.sourceId }).from(importSources).where(and(eq(importSources.source, SOURCE), eq(importSources.kind, 'event')))).map((r) => r.sourceId),
  );
  const skipped = new Set(report.incidents.skipped);
  const fresh = data.events.filter((e) => !done.has(e.id));
  const rows = fresh.flatMap((e) => {
    const payload = parseJsonObject(e.payload) ?? {};
    const incidentId = typeof payload.incident_id === 'number' ? payload.incident_id : e.eventType === 'incident_event' && typeof payload.id === 'number' ? payload.id : null;
    if (incidentId !== null && skipped.has(incidentId)) return [];
    return [{ source: e, row: { timestamp: e.timestamp, eventType: e.eventType.slice(0, 50), incidentId, actor: ACTOR, payload: { ...payload, imported_from: SOURCE, source_event_id: e.id } } }];
  });
  report.written.events = rows.length;
  if (dryRun || rows.length === 0) return;
  await db.transaction(async (tx) => {
    for (const { source, row } of rows) {
      const [inserted] = await tx.insert(events).values(row).returning({ id: events.id });
      if (!inserted) throw new Error(`the change log refused event ${source.id}`);
      await tx.insert(importSources).values({ source: SOURCE, kind: 'event', sourceId: source.id, targetId: inserted.id, incidentId: row.incidentId });
    }
  });
}

/** Ids made here from now on start above the imported ones. */
async function continueSequences(target: Database): Promise<void> {
  for (const table of ['incidents', 'timeline_events', 'actions', 'users']) {
    await target.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select coalesce(max(id), 0) from ${table}), 1), (select count(*) > 0 from ${table}))`);
  }
}
