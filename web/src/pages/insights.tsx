import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, qs } from '../lib/api';
import { formatDuration } from '../lib/format';
import { NO_SEVERITY, useSeverities, type SeverityScale } from '../lib/severities';
import type { Insights, SeverityKey } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { userLabel } from '../lib/users';
import { useTitle } from '../lib/use-title';

// By rank, most severe first; distinguishable for common colour-vision deficiencies and readable on white.
const PALETTE = ['#b42318', '#dc6803', '#1570ef', '#039855', '#7a5af8', '#c11574', '#0e9384', '#854a0e', '#4e5ba6', '#344054'];
const NONE_COLOUR = '#667085';

const dayString = (d: Date) => d.toISOString().slice(0, 10);

export function InsightsPage() {
  useTitle('Insights');
  const today = new Date();
  const [from, setFrom] = useState(dayString(new Date(today.getTime() - 90 * 86400_000)));
  const [to, setTo] = useState(dayString(today));
  const ids = { from: useId(), to: useId() };
  const range = { from: from ? new Date(`${from}T00:00:00`).toISOString() : null, to: to ? new Date(`${to}T23:59:59.999`).toISOString() : null };
  const { state } = useAsync((signal) => api.get<Insights>(`/api/v1/insights${qs(range)}`, signal), [range.from, range.to]);
  const scale = useSeverities();

  return (
    <section className="insights">
      <h1>Insights</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Date range">
        <div className="field inline">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field inline">
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </div>
      </form>
      {state.status === 'loading' && <p role="status">Loading insights…</p>}
      {state.status === 'error' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ok' && scale.loaded && <Charts data={state.data} scale={scale} />}
    </section>
  );
}

function Charts({ data, scale }: { data: Insights; scale: SeverityScale }) {
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
  const resolved = data.time_to_resolve.filter((r) => r.count > 0);
  // The unit follows the longest bar: incidents of minutes would be invisible slivers in hours.
  const unit = durationUnit(Math.max(0, ...resolved.map((r) => r.p90_seconds ?? r.median_seconds ?? 0)));
  const ttr = resolved.map((r) => ({ ...r, label: label(r.severity), median: inUnit(r.median_seconds, unit), p90: inUnit(r.p90_seconds, unit) }));
  const resolvedCount = resolved.reduce((n, r) => n + r.count, 0);
  const weeks = data.per_week.map((w) => ({ ...w, label: w.week_start }));
  const started = data.per_week.reduce((n, w) => n + KEYS.reduce((m, k) => m + Number(w[k] ?? 0), 0), 0);
  return (
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
          Each bar is a week (starting Monday, UTC) and counts the incidents that started in it{started > 0 && ` (${plural(started, 'incident')} in this range)`}, stacked
          by their severity now, most severe at the bottom.
        </p>
        <DataTable
          caption="Incidents per week"
          head={['Week starting', ...KEYS.map(label)]}
          rows={data.per_week.map((w) => [w.week_start, ...KEYS.map((k) => String(w[k] ?? 0))])}
        />
      </figure>

      <figure className="card chart-card">
        <figcaption>
          <h2>Time to resolve, in {unit.name}</h2>
        </figcaption>
        {ttr.length === 0 ? (
          <p className="muted empty-chart">No incident that started in this range is resolved yet. Once some are, each severity will show how long they took.</p>
        ) : (
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={ttr} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={12} />
              {/* A no-break space: the axis wraps tick labels at spaces. */}
              <YAxis fontSize={12} width={64} tickFormatter={(v: number) => `${v}\u00a0${unit.short}`} />
              <Tooltip formatter={(v) => `${String(v)} ${unit.short}`} itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
              <Legend itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
              <Bar dataKey="median" name="Median" fill="#1570ef" isAnimationActive={false} />
              <Bar dataKey="p90" name="90th percentile" fill="#14233c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
        <p className="chart-note">
          From start to resolution, for the {resolvedCount > 0 ? plural(resolvedCount, 'resolved incident') : 'resolved incidents'} that started in this range: half were resolved faster than the median, nine in
          ten faster than the 90th percentile.
        </p>
        <DataTable
          caption="Time to resolve"
          head={['Severity', 'Resolved', 'Median', '90th percentile']}
          rows={resolved.map((r) => [label(r.severity), String(r.count), formatDuration(r.median_seconds), formatDuration(r.p90_seconds)])}
        />
      </figure>

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
        <p className="chart-note">Incidents not resolved yet, by severity, whenever they started: the date range doesn&apos;t apply here.</p>
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
  );
}

// Median first, as in the table below the chart (the legend would otherwise sort them by name).
const SERIES = ['median', 'p90'];
const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

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
