import { AnySelect } from '../components/any-select';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PrivateBadge, SeverityBadge, StatusBadge } from '../components/badges';
import { api, errorMessage, qs } from '../lib/api';
import { formatDateTime, formatDuration } from '../lib/format';
import type { Incident, Page } from '../lib/types';
import { useSeverities } from '../lib/severities';
import { useIncidentTypes } from '../lib/incident-types';
import { rememberUser, userLabel } from '../lib/users';
import { useSession } from '../lib/session';
import { useTitle } from '../lib/use-title';
import { FieldFilters, fieldFilters } from './list-field-filters';
import { DeclareFieldInputs, useDeclareFields, type DeclaredFields } from './declare-fields';

const PAGE_SIZE = 25;
const STATUS_FILTERS = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const;

export function IncidentListPage() {
  useTitle('Incidents');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'all';
  const severity = params.get('severity') ?? '';
  const type = params.get('type') ?? '';
  const q = params.get('q') ?? '';
  const fields = fieldFilters(params);
  const fieldsKey = new URLSearchParams(fields).toString();
  const [search, setSearch] = useState(q);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ids = { status: useId(), q: useId() };
  const scale = useSeverities();
  const types = useIncidentTypes();

  const url = (cursor: string | null) => `/api/v1/incidents${qs({ limit: PAGE_SIZE, status: status === 'all' ? null : status, severity, type, q, ...fields, cursor })}`;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api.get<Page<Incident>>(url(null), controller.signal).then(
      (page) => {
        page.results.forEach((i) => (rememberUser(i.lead), rememberUser(i.reporter)));
        setIncidents(page.results);
        setNext(page.next);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The effect re-runs when these change (url() is derived from these).
  }, [status, severity, type, q, fieldsKey]);

  useEffect(() => setSearch(q), [q]);

  const loadMore = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const page = await api.get<Page<Incident>>(url(next));
      setIncidents((list) => [...list, ...page.results]);
      setNext(page.next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const update = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p);
  };

  return (
    <section>
      <div className="page-heading">
        <h1>Incidents</h1>
        <DeclareIncident />
      </div>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update('q', search.trim());
        }}
      >
        <fieldset className="segmented">
          <legend className="visually-hidden">Status</legend>
          {STATUS_FILTERS.map((f) => (
            <label key={f.value} className={status === f.value ? 'selected' : undefined}>
              <input type="radio" name={ids.status} value={f.value} checked={status === f.value} onChange={() => update('status', f.value === 'all' ? '' : f.value)} />
              {f.label}
            </label>
          ))}
        </fieldset>
        <AnySelect label="Severity" value={severity} options={scale.list} onChange={(v) => update('severity', v)} />
        {types.used && (
          <AnySelect label="Type" value={type} options={types.list} onChange={(v) => update('type', v)} />
        )}
        <FieldFilters params={params} onChange={update} />
        <div className="field inline grow">
          <label htmlFor={ids.q}>Search</label>
          <input id={ids.q} type="search" value={search} placeholder="Title, summary or impact" onChange={(e) => setSearch(e.target.value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      <p className="list-tools">
        {/* The same filters, every page: the server streams the whole list (private incidents only for their people). */}
        <a href={`/api/v1/incidents.csv${qs({ status: status === 'all' ? null : status, severity, type, q })}`} download>
          Download CSV
        </a>
      </p>

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!loading && !error && incidents.length === 0 && <p className="empty">No incidents match. {q || severity || type || status !== 'all' ? 'Try other filters.' : 'Declare one with /incident in Slack.'}</p>}

      {incidents.length > 0 && scale.loaded && types.loaded && (
        <table className="incident-table">
          <caption className="visually-hidden">Incidents, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              {types.used && <th scope="col">Type</th>}
              <th scope="col">Status</th>
              <th scope="col">Lead</th>
              <th scope="col">Duration</th>
              <th scope="col">Channel</th>
              <th scope="col">Reported</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => (
              <tr key={i.id}>
                <td data-label="Incident" className="incident-title-cell">
                  <Link to={`/incidents/${i.id}`}>
                    <span className="muted">#{i.id}</span> {i.report}
                  </Link>
                  {i.private && <PrivateBadge />}
                </td>
                <td data-label="Severity">
                  <SeverityBadge severity={i.severity} scale={scale} />
                </td>
                {types.used && <td data-label="Type">{types.label(i.type)}</td>}
                <td data-label="Status">
                  <StatusBadge status={i.status} />
                </td>
                <td data-label="Lead">{userLabel(i.lead)}</td>
                <td data-label="Duration">{formatDuration(i.duration_seconds)}</td>
                <td data-label="Channel">
                  {i.comms_channel ? (
                    <a href={i.comms_channel.url} target="_blank" rel="noopener noreferrer">
                      #{i.comms_channel.channel_name}
                    </a>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td data-label="Reported">
                  <time dateTime={i.report_time}>{formatDateTime(i.report_time)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="list-footer" aria-live="polite">
        {loading && <span role="status">Loading…</span>}
        {!loading && next && (
          <button type="button" onClick={() => void loadMore()}>
            Load more
          </button>
        )}
        {!loading && !next && incidents.length > 0 && <span className="muted">That's all {incidents.length}.</span>}
      </div>
    </section>
  );
}

function DeclareIncident() {
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const declareFields = useDeclareFields();
  const [fieldValues, setFieldValues] = useState<DeclaredFields>({});
  // Offered only to those the server lets declare private incidents (PERMISSION_DECLARE_PRIVATE).
  const mayDeclarePrivate = useSession().me.can.declare_private;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Incident>('/api/v1/incidents', { report: report.trim(), ...(isPrivate ? { private: true } : {}), ...(declareFields.length ? { custom_fields: fieldValues } : {}) });
      navigate(`/incidents/${created.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        Declare incident
      </button>
    );
  return (
    <form className="declare" onSubmit={(e) => void submit(e)}>
      {/* "Title", as the doc, the edit form and Slack's forms call it. */}
      <label htmlFor={id}>Title</label>
      <input id={id} value={report} maxLength={200} required autoFocus placeholder="What's happened, in a sentence?" onChange={(e) => setReport(e.target.value)} />
      <DeclareFieldInputs fields={declareFields} values={fieldValues} onChange={setFieldValues} />
      {mayDeclarePrivate && (
        <label className="checkbox" title="Only its reporter, lead, comms channel members and admins see it; its Slack channel is private">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private incident
        </label>
      )}
      <button type="submit" className="primary" disabled={busy || !report.trim()}>
        Declare
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
