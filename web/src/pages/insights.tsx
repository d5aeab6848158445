import { AnySelect } from '../components/any-select';
import { useId, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, qs } from '../lib/api';
import { formatDuration } from '../lib/format';
import { useIncidentTypes, type IncidentTypes } from '../lib/incident-types';
import { NO_SEVERITY, useSeverities, type SeverityScale } from '../lib/severities';
import type { Insights, SeverityKey } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { userLabel } from '../lib/users';
import { useTitle } from '../lib/use-title';

// By rank, most severe first; distinguishable for common colour-vision deficiencies and readable on white.
const PALETTE = ['#b42318', '#dc6803', '#1570ef', '#039855', '#7a5af8', '#c11574', '#0e9384', '#854a0e', '#4e5ba6', '#344054'];
const NONE_COLOUR = '#667085';
const MEDIAN_COLOUR = '#1570ef';
const P90_COLOUR = '#14233c';

const dayString = (d: Date) => d.toISOString().slice(0, 10);

type Distribution = Insights['time_to_resolve'][number];

export function InsightsPage() {
  useTitle('Insights');
  const today = new Date();
  const [from, setFrom] = useState(dayString(new Date(today.getTime() - 90 * 86400_000)));
  const [to, setTo] = useState(dayString(today));
  const [type, setType] = useState('');
  const [severity, setSeverity] = useState('');
  const ids = { from: useId(), to: useId() };
  const range = { from: from ? new Date(`${from}T00:00:00`).toISOString() : null, to: to ? new Date(`${to}T23:59:59.999`).toISOString() : null };
  const { state } = useAsync((signal) => api.get<Insights>(`/api/v1/insights${qs({ ...range, type, severity })}`, signal), [range.from, range.to, type, severity]);
  const scale = useSeverities();
  const types = useIncidentTypes();

  return (
    <section className="insights">
      <h1>Insights</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Which incidents">
        <div className="field inline">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field inline">
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </div>
        {types.used && (
          <AnySelect label="Type" value={type} options={types.list} onChange={setType} />
        )}
        <AnySelect label="Severity" value={severity} options={scale.list} onChange={setSeverity} />
      </form>
      {state.status === 'loading' && <p role="status">Loading insights…</p>}
      {state.status === 'error' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ok' && scale.loaded && types.loaded && <Charts data={state.data} scale={scale} types={types} />}
    </section>
  );
}

function Charts({ data, scale, types }: { data: Insights; scale: SeverityScale; types: IncidentTypes }) {
  // The server lists every severity in rank order (configured first, then old ones, then none).
  const KEYS: SeverityKey[] = data.open_now.map((r) => r.severity);
  const colour = (k: SeverityKey) => (k === 'none' ? NONE_COLOUR : (PALETTE[KEYS.indexOf(k)] ?? PALETTE[PALETTE.length - 1]!));
  const label = (k: SeverityKey) => (k === 'none' ? `${NO_SEVERITY.emoji} None` : `${scale.of(k).emoji} ${scale.of(k).label}`);
  const bySeverityRank = (key: unknown) => {
    const i = KEYS.indexOf(key as SeverityKey);
    return i === -1 ? KEYS.length : i;
  };
  const sortBySeverity = <T extends { severity: SeverityKey }>(rows: T[]) => [...rows].sort((a, b) => bySeverityRank(a.severity) - bySeverityRank(b.severity));
  const totalOpen = data.open_now.reduce((n, r) => n + r.count, 0);
  const weeks = data.per_week.map((w) => ({ ...w, label: w.week_start }));
  const started = data.by_severity.reduce((n, r) => n + r.count, 0);
  const cadence = data.update_cadence;
  const scheduled = cadence.on_cadence + cadence.late;
  const fu = data.follow_ups;
  const people = data.people;
  return (
    <>
      <ul className="stat-row" aria-label="At a glance">
        <Stat label="Incidents started" value={String(started)} />
        <Stat label="Median time to first update" value={formatDuration(data.time_to_first_update.overall.median_seconds)} detail={over(data.time_to_first_update.overall.count)} />
        <Stat label="Median time to identify" value={formatDuration(data.time_to_identify.overall.median_seconds)} detail={over(data.time_to_identify.overall.count)} />
        <Stat label="Updates on cadence" value={scheduled ? `${Math.round((100 * cadence.on_cadence) / scheduled)}%` : '—'} detail={scheduled ? `${cadence.on_cadence} of ${plural(scheduled, 'update')} due` : undefined} />
        <Stat label="Person-hours" value={hoursText(people.person_hours.total)} detail={`${plural(people.distinct_people, 'person', 'people')} involved`} />
        <Stat label="Follow-ups done" value={`${fu.done} of ${fu.created}`} detail={fu.overdue ? `${fu.overdue} past due` : `${fu.open} open`} />
      </ul>
      <div className="insight-grid">
        <figure className="card chart-card wide">
          <figcaption>
            <h2>Incidents per week, by severity</h2>
          </figcaption>
          {weeks.length === 0 ? (
            <p className="muted empty-chart">No incidents started in this range. Each week with incidents will show here as a bar, split by severity.</p>
          ) : (
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={weeks} margin={{ top: 8, right: 8, left: -16, bottom: 0 }} maxBarSize={72}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip itemSorter={(item) => bySeverityRank(item.dataKey)} />
                <Legend itemSorter={(item) => bySeverityRank(item.dataKey)} />
                {KEYS.map((k) => (
                  <Bar key={k} dataKey={k} name={label(k)} stackId="sev" fill={colour(k)} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          )}
          <p className="chart-note">
            Each bar is a week (starting Monday, UTC) and counts the incidents that started in it{started > 0 && ` (${plural(started, 'incident')} in this range)`}, stacked by
            their severity now, most severe at the bottom.
          </p>
          <DataTable
            caption="Incidents per week"
            head={['Week starting', ...KEYS.map(label)]}
            rows={data.per_week.map((w) => [w.week_start, ...KEYS.map((k) => String(w[k] ?? 0))])}
          />
        </figure>

        <DurationChart
          title="Time to resolve"
          rows={data.time_to_resolve}
          label={label}
          countHead="Resolved"
          empty="No incident that started in this range is resolved yet. Once some are, each severity will show how long they took."
          definition="From start to resolution"
          counted={(n) => `${plural(n, 'resolved incident')} that started in this range`}
        />
        <DurationChart
          title="Time to first update"
          rows={data.time_to_first_update.by_severity}
          label={label}
          countHead="Updated"
          empty="No incident in this range has a status update yet. Once they do, this shows how soon the first one came."
          definition="From declaration to the first status update"
          counted={(n) => `${plural(n, 'incident')} with one`}
        />
        <DurationChart
          title="Time to identify"
          rows={data.time_to_identify.by_severity}
          label={label}
          countHead="Identified"
          empty="No incident in this range has moved to Identified yet."
          definition="From declaration to the first move to Identified (or straight to Monitoring)"
          counted={(n) => `${plural(n, 'incident')} that got there`}
        />

        <figure className="card chart-card">
          <figcaption>
            <h2>Status updates on cadence</h2>
          </figcaption>
          {scheduled + cadence.unscheduled === 0 ? (
            <p className="muted empty-chart">No status updates were posted for incidents in this range.</p>
          ) : (
            <ResponsiveContainer width="100%" height={Math.max(140, cadence.by_severity.filter(posted).length * 44 + 40)}>
              <BarChart
                layout="vertical"
                data={sortBySeverity(cadence.by_severity.filter(posted)).map((r) => ({ ...r, label: label(r.severity) }))}
                margin={{ top: 0, right: 16, left: 8, bottom: 0 }}
                maxBarSize={26}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis type="category" dataKey="label" width={110} fontSize={12} />
                <Tooltip itemSorter={(item) => CADENCE_SERIES.indexOf(String(item.dataKey))} />
                <Legend itemSorter={(item) => CADENCE_SERIES.indexOf(String(item.dataKey))} />
                <Bar dataKey="on_cadence" name="On cadence" stackId="c" fill="#039855" isAnimationActive={false} />
                <Bar dataKey="late" name="Late" stackId="c" fill="#b42318" isAnimationActive={false} />
                <Bar dataKey="unscheduled" name="Nothing due" stackId="c" fill="#98a2b3" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
          <p className="chart-note">
            Each update compared with when it was due: the time the previous one promised, or one cadence of the severity after the channel opened for the first.
            {cadence.late_by.count > 0 && ` Late ones came ${formatDuration(cadence.late_by.median_seconds)} after their due time (median).`}
          </p>
        </figure>

        <figure className="card chart-card">
          <figcaption>
            <h2>People and person-hours</h2>
          </figcaption>
          <dl className="figures">
            <Figure term="People involved" value={String(people.distinct_people)} />
            <Figure term="People per incident (median · p90)" value={people.per_incident.median === null ? '—' : `${round1(people.per_incident.median)} · ${round1(people.per_incident.p90 ?? 0)}`} />
            <Figure term="Person-hours in all" value={hoursText(people.person_hours.total)} />
            <Figure term="Hours per incident (median · p90)" value={people.person_hours.median === null ? '—' : `${hoursText(people.person_hours.median)} · ${hoursText(people.person_hours.p90 ?? 0)}`} />
          </dl>
          <p className="chart-note">
            {people.incidents > 0 ? `Over the ${plural(people.incidents, 'incident')} with anyone in their channel.` : 'No one was in the channel of an incident in this range.'} A person&apos;s time runs from joining the channel (or first posting) to the incident&apos;s
            resolution, or to their last post if they have left.
          </p>
        </figure>

        <figure className="card chart-card">
          <figcaption>
            <h2>Follow-ups</h2>
          </figcaption>
          <p className="big-number">
            {fu.done} <span className="big-number-of">of {plural(fu.created, 'follow-up')} done</span>
          </p>
          <div className="progress" role="img" aria-label={`${fu.done} of ${fu.created} follow-ups done`}>
            <span style={{ width: `${fu.created ? (100 * fu.done) / fu.created : 0}%` }} />
          </div>
          <p className="chart-note">
            {fu.open} open{fu.overdue > 0 && `, ${fu.overdue} of them past their due date`}. Follow-ups of the incidents that started in this range.
          </p>
        </figure>

        {(types.used || data.by_type.length > 1) && (
          <CountChart
            title="Incidents by type"
            rows={data.by_type.map((r) => ({ name: r.type === 'none' ? 'No type' : types.label(r.type), count: r.count, fill: '#4e5ba6' }))}
            empty="No incidents started in this range."
          />
        )}
        {data.by_field.map((f) => (
          <CountChart
            key={f.key}
            title={`Incidents by ${f.label.toLowerCase()}`}
            rows={f.counts.filter((c) => c.count > 0 || c.value !== 'none').map((c) => ({ name: c.label, count: c.count, fill: c.value === 'none' ? '#667085' : '#0e9384' }))}
            empty="No incidents started in this range."
          />
        ))}
        <CountChart
          title="Incidents by severity"
          rows={data.by_severity.map((r) => ({ name: label(r.severity), count: r.count, fill: colour(r.severity) }))}
          empty="No incidents started in this range."
        />

        <figure className="card chart-card">
          <figcaption>
            <h2>Open now</h2>
          </figcaption>
          <p className="big-number">{totalOpen}</p>
          <ul className="open-now">
            {sortBySeverity(data.open_now).map((r) => (
              <li key={r.severity}>
                <span>{label(r.severity)}</span>
                <span className="bar" style={{ width: `${totalOpen ? (100 * r.count) / totalOpen : 0}%`, background: colour(r.severity), visibility: r.count ? 'visible' : 'hidden' }} aria-hidden="true" />
                <strong>{r.count}</strong>
              </li>
            ))}
          </ul>
          <p className="chart-note">Incidents not resolved yet, by severity, whenever they started: the date range doesn&apos;t apply here (the type and severity do).</p>
        </figure>

        <figure className="card chart-card">
          <figcaption>
            <h2>Busiest leads</h2>
          </figcaption>
          {data.busiest_leads.length === 0 ? (
            <p className="muted empty-chart">No incident that started in this range has a lead. Once leads are set, the people who led the most will show here.</p>
          ) : (
            <ResponsiveContainer width="100%" height={Math.max(120, data.busiest_leads.length * 36)}>
              <BarChart layout="vertical" data={data.busiest_leads.map((l) => ({ name: userLabel(l.user), count: l.count }))} margin={{ top: 0, right: 16, left: 8, bottom: 0 }} maxBarSize={28}>
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis type="category" dataKey="name" width={110} fontSize={12} />
                <Tooltip />
                <Bar dataKey="count" name="Incidents led" fill="#14233c" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
          <p className="chart-note">The incidents that started in this range, counted for whoever leads each now; the top ten.</p>
        </figure>
      </div>
    </>
  );
}

// On cadence first, as in the figures above (the legend would otherwise sort them by name).
const CADENCE_SERIES = ['on_cadence', 'late', 'unscheduled'];
const posted = (r: { on_cadence: number; late: number; unscheduled: number }) => r.on_cadence + r.late + r.unscheduled > 0;

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <li className="card stat">
      <span className="stat-label">{label}</span>
      <strong className="stat-value">{value}</strong>
      {detail && <span className="stat-detail">{detail}</span>}
    </li>
  );
}

function Figure({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Median and 90th percentile per severity, in the unit that fits the longest bar (minutes, hours or days). */
function DurationChart(props: { title: string; rows: Distribution[]; label: (k: SeverityKey) => string; countHead: string; empty: string; definition: string; counted: (count: number) => string }) {
  const measured = props.rows.filter((r) => r.count > 0);
  // The unit follows the longest bar: incidents of minutes would be invisible slivers in hours.
  const unit = durationUnit(Math.max(0, ...measured.map((r) => r.p90_seconds ?? r.median_seconds ?? 0)));
  const data = measured.map((r) => ({ ...r, label: props.label(r.severity), median: inUnit(r.median_seconds, unit), p90: inUnit(r.p90_seconds, unit) }));
  const count = measured.reduce((n, r) => n + r.count, 0);
  return (
    <figure className="card chart-card">
      <figcaption>
        <h2>
          {props.title}, in {unit.name}
        </h2>
      </figcaption>
      {data.length === 0 ? (
        <p className="muted empty-chart">{props.empty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} maxBarSize={56}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={12} />
            {/* A no-break space: the axis wraps tick labels at spaces. */}
            <YAxis fontSize={12} width={64} tickFormatter={(v: number) => `${v}\u00a0${unit.short}`} />
            <Tooltip formatter={(v) => `${String(v)} ${unit.short}`} itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
            <Legend itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
            <Bar dataKey="median" name="Median" fill={MEDIAN_COLOUR} isAnimationActive={false} />
            <Bar dataKey="p90" name="90th percentile" fill={P90_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
      <p className="chart-note">
        {count > 0 ? `${props.definition}, for the ${props.counted(count)}. Half took less than the median, nine in ten less than the 90th percentile.` : `${props.definition}.`}
      </p>
      <DataTable
        caption={props.title}
        head={['Severity', props.countHead, 'Median', '90th percentile']}
        rows={measured.map((r) => [props.label(r.severity), String(r.count), formatDuration(r.median_seconds), formatDuration(r.p90_seconds)])}
      />
    </figure>
  );
}

/** Counts as horizontal bars, one colour per row. */
function CountChart({ title, rows, empty }: { title: string; rows: { name: string; count: number; fill: string }[]; empty: string }) {
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <figure className="card chart-card">
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      {total === 0 ? (
        <p className="muted empty-chart">{empty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 36)}>
          <BarChart layout="vertical" data={rows} margin={{ top: 0, right: 16, left: 8, bottom: 0 }} maxBarSize={26}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={12} />
            <YAxis type="category" dataKey="name" width={120} fontSize={12} />
            <Tooltip />
            <Bar dataKey="count" name="Incidents" isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.name} fill={r.fill} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
      <p className="chart-note">Incidents that started in this range, by their {title.replace('Incidents by ', '')} now.</p>
      {total > 0 && <DataTable caption={title} head={[title.replace('Incidents by ', '').replace(/^./, (c) => c.toUpperCase()), 'Incidents']} rows={rows.map((r) => [r.name, String(r.count)])} />}
    </figure>
  );
}

const over = (n: number) => (n > 0 ? `over ${plural(n, 'incident')}` : undefined);
const round1 = (v: number) => Math.round(v * 10) / 10;
/** Person-hours read as hours, or minutes under one. */
const hoursText = (h: number) => (h === 0 ? '0 h' : h < 1 ? `${Math.round(h * 60)} min` : `${round1(h)} h`);

// Median first, as in the table below the chart (the legend would otherwise sort them by name).
const SERIES = ['median', 'p90'];
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface DurationUnit {
  name: string;
  short: string;
  seconds: number;
}
const MINUTES: DurationUnit = { name: 'minutes', short: 'min', seconds: 60 };
const HOURS: DurationUnit = { name: 'hours', short: 'h', seconds: 3600 };
const DAYS: DurationUnit = { name: 'days', short: 'd', seconds: 86400 };

/** Minutes up to two hours, hours up to three days, then days: the longest bar reads as a number between about 1 and 100. */
function durationUnit(longestSeconds: number): DurationUnit {
  if (longestSeconds < 2 * 3600) return MINUTES;
  if (longestSeconds < 3 * 86400) return HOURS;
  return DAYS;
}

const inUnit = (s: number | null, unit: DurationUnit) => {
  if (s === null) return null;
  const v = s / unit.seconds;
  // Two significant figures below 10 (0.75 min, 2.5 h), whole numbers above.
  return v >= 10 ? Math.round(v) : Math.round(v * 10) / 10 || Math.round(v * 100) / 100;
};

/** The numbers behind a chart, for screen readers and anyone who wants exact values. */
function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  if (rows.length === 0) return null;
  return (
    <details className="chart-data">
      <summary>Show the numbers</summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
