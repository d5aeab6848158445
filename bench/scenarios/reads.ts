import { encodeCursor } from '../../src/store/cursor.js';
import { compare } from '../lib/compare.js';
import type { BenchContext } from '../lib/context.js';
import { httpLoad, loopLoad } from '../lib/load.js';
import type { Figures } from '../lib/stats.js';
import { SEARCH_WORD } from './seed.js';

const READ_CONNECTIONS = 8;
const PAGE = 50;
/** The web UI's timeline page (web/src/pages/doc-timeline.tsx TIMELINE_PAGE): the doc asks for this many at a time. */
const DOC_PAGE = 1000;

/**
 * The columns the list endpoint returns, joined the way it needs them, written by hand to use
 * incidents_newest_idx (DESC NULLS LAST) and, for a cursor, a row comparison as the index bound.
 */
const LIST_SQL = (where: string) => `
  select i.*, r.slack_id as reporter_slack_id, r.display_name as reporter_name, l.slack_id as lead_slack_id, l.display_name as lead_name,
         c.channel_id, c.channel_name, c.created_at as channel_created_at
  from incidents i
  left join users r on r.id = i.reporter_id
  left join users l on l.id = i.lead_id
  left join comms_channels c on c.incident_id = i.id
  ${where}
  order by i.report_time desc nulls last, i.id desc nulls last
  limit ${PAGE + 1}`;

const readTarget = 'p99 ≤ 3× SQL and < 25 ms';
const readMet = (f: Figures, _b: Figures, ratio: number | null) => ratio !== null && ratio <= 3 && f.p99 < 25;
// The issue's 25 ms is for reads "at 100,000 incidents", the list. A doc read returns up to 1,000
// timeline entries, and the bare SQL for those rows alone takes longer than 25 ms here, so the doc
// rows are held to the ratio only (the table says so).
const docTarget = 'p99 ≤ 3× SQL';
const docMet = (_f: Figures, _b: Figures, ratio: number | null) => ratio !== null && ratio <= 3;

export async function listScenarios(ctx: BenchContext): Promise<void> {
  const { app, opts } = ctx;
  const auth = { authorization: `Bearer ${ctx.token}` };
  const sqlLoad = (text: string, params: unknown[] = []) => () => app.request<Figures>({ cmd: 'sqlLoad', text, params, connections: READ_CONNECTIONS, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds });
  const get = (path: string) => () => httpLoad({ url: app.baseUrl + path, headers: auth, connections: READ_CONNECTIONS, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds });
  const n = opts.incidents.toLocaleString('en-US');

  await compare(ctx, { id: 'list.first', scenario: `GET incidents, first page (${n} stored)`, baselineName: 'indexed SQL, same rows', target: readTarget }, get(`/api/v1/incidents?limit=${PAGE}`), sqlLoad(LIST_SQL('')), readMet);

  // A cursor half-way down the history: keyset pagination should cost the same as page one.
  const deep = Math.floor(opts.incidents / 2);
  const [at] = await app.request<{ report_time: string; id: number }[]>({ cmd: 'sql', text: `select report_time, id from incidents order by report_time desc, id desc offset ${deep} limit 1` });
  if (!at) throw new Error('no incidents seeded');
  const iso = new Date(at.report_time).toISOString();
  await compare(
    ctx,
    { id: 'list.deep', scenario: `GET incidents, cursor at row ${deep.toLocaleString('en-US')}`, baselineName: 'indexed SQL, same rows', target: readTarget },
    get(`/api/v1/incidents?limit=${PAGE}&cursor=${encodeCursor([iso, at.id])}`),
    sqlLoad(LIST_SQL('where (i.report_time, i.id) < ($1::timestamptz, $2::int)'), [iso, at.id]),
    readMet,
  );

  await compare(
    ctx,
    { id: 'list.search', scenario: `GET incidents?q=${SEARCH_WORD} (1% match)`, baselineName: 'indexed SQL (GIN), same rows', target: readTarget },
    get(`/api/v1/incidents?limit=${PAGE}&q=${SEARCH_WORD}`),
    sqlLoad(LIST_SQL(`where i.search @@ to_tsquery('simple', $1)`), [`${SEARCH_WORD}:*`]),
    readMet,
  );
}

export async function docScenarios(ctx: BenchContext): Promise<void> {
  const { app, opts } = ctx;
  const id = ctx.seeded.docIncidentId;
  const auth = { authorization: `Bearer ${ctx.token}` };
  const n = opts.timelineEntries.toLocaleString('en-US');
  const entrySql = `select * from timeline_events where incident_id = $1 order by timestamp, id`;

  await compare(
    ctx,
    { id: 'doc.first', scenario: `doc: timeline page 1 (${Math.min(DOC_PAGE, opts.timelineEntries).toLocaleString('en-US')} of ${n})`, baselineName: 'one SQL query, same rows', target: docTarget },
    () => httpLoad({ url: `${app.baseUrl}/api/v1/incidents/${id}/timeline?limit=${DOC_PAGE}`, headers: auth, connections: READ_CONNECTIONS, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds }),
    () => app.request<Figures>({ cmd: 'sqlLoad', text: `${entrySql} limit ${DOC_PAGE + 1}`, params: [id], connections: READ_CONNECTIONS, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds }),
    docMet,
  );

  // The whole doc as the web UI loads it: the incident alongside the timeline, page after page.
  const wholeDoc = async () => {
    const headers = auth;
    const incident = fetch(`${app.baseUrl}/api/v1/incidents/${id}`, { headers }).then(async (res) => {
      if (!res.ok) throw new Error(`incident ${res.status}`);
      await res.arrayBuffer();
    });
    let cursor: string | null = null;
    let total = 0;
    do {
      const res: Response = await fetch(`${app.baseUrl}/api/v1/incidents/${id}/timeline?limit=${DOC_PAGE}${cursor ? `&cursor=${cursor}` : ''}`, { headers });
      if (!res.ok) throw new Error(`timeline ${res.status}`);
      const page = (await res.json()) as { results: unknown[]; next: string | null };
      total += page.results.length;
      cursor = page.next;
    } while (cursor);
    await incident;
    if (total < opts.timelineEntries) throw new Error(`doc had ${total} entries, expected ${opts.timelineEntries}`);
  };
  await compare(
    ctx,
    { id: 'doc.whole', scenario: `doc: incident + all ${n} entries (pages of ${DOC_PAGE.toLocaleString('en-US')})`, baselineName: 'one SQL query, all rows', target: docTarget, note: `the incident, alongside ${Math.ceil(opts.timelineEntries / DOC_PAGE)} timeline page(s) in turn, as the web UI loads it` },
    () => loopLoad(wholeDoc, 4, opts.seconds, opts.warmupSeconds),
    () => app.request<Figures>({ cmd: 'sqlLoad', text: entrySql, params: [id], connections: 4, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds }),
    docMet,
  );
}
