import { useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PrivateBadge, StatusBadge } from '../components/badges';
import { NO_SEVERITY, useSeverities } from '../lib/severities';
import { useIncidentTypes } from '../lib/incident-types';
import { Editable } from '../components/editable';
import { Markdown } from '../components/markdown';
import { ChannelLink } from '../components/channel-link';
import { api, errorMessage } from '../lib/api';
import { capitalise, formatDateTime, formatDuration, fromLocalInput, toLocalInput, viewerTimeZone } from '../lib/format';
import { STATUSES, type Incident, type Participant } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';
import { rememberUser, userLabel } from '../lib/users';
import { useSandboxChannel } from '../lib/sandbox';
import { useSession } from '../lib/session';
import { ActionsSection } from './doc-actions';
import { StatusUpdatesSection } from './doc-updates';
import { prefetchTimeline, TimelineSection } from './doc-timeline';
import { RolesSection } from './doc-roles';
import { CatchUpPanel } from './doc-catch-up';
import { PostmortemSection } from './doc-postmortem';
import { CustomFieldsSection } from './doc-fields';
import type { FieldValue } from '../lib/types';

type IncidentPatch = Partial<{
  report: string;
  summary: string | null;
  impact: string | null;
  severity: string | null;
  type: string;
  status: string;
  lead: string | null;
  start_time: string;
  end_time: string | null;
  custom_fields: Record<string, FieldValue | null>;
}>;

const incidentPath = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}`;
const prefetchedIncidents = new Map<string, Promise<Incident>>();

/**
 * Opening a doc by its URL: main.tsx calls this before the app has asked who is signed in, so
 * the incident and its (possibly long) timeline load while the app boots instead of after.
 * A 401 is harmless: `/api/v1/me` gets the same answer and the app shows the sign-in page.
 */
export function prefetchIncidentDoc(id: string): void {
  if (!prefetchedIncidents.has(id)) {
    const p = api.get<Incident>(incidentPath(id));
    p.catch(() => undefined);
    prefetchedIncidents.set(id, p);
  }
  prefetchTimeline(id);
}

/** A prefetched incident is used once, by the first load; reloads ask the server again. */
function takePrefetchedIncident(id: string): Promise<Incident> | undefined {
  const p = prefetchedIncidents.get(id);
  prefetchedIncidents.delete(id);
  return p;
}

export function IncidentDocPage() {
  const { id = '' } = useParams();
  // The timeline is the slow part of a big incident: start it alongside the incident itself.
  useState(() => prefetchTimeline(id));
  const { state, set } = useAsync((signal) => takePrefetchedIncident(id) ?? api.get<Incident>(incidentPath(id), signal), [id]);
  // Edits bump this so the timeline picks up the entries the server wrote for them.
  const [revision, setRevision] = useState(0);
  const [catchingUp, setCatchingUp] = useState(false);
  const scale = useSeverities();
  const types = useIncidentTypes();
  useTitle(state.status === 'ok' ? `#${state.data.id} ${state.data.report}` : 'Incident');
  useSandboxChannel(useSession().me.sandbox_url, state.status === 'ok' ? state.data.comms_channel?.url : null);

  if (state.status === 'loading') return <p role="status">Loading incident…</p>;
  if (state.status === 'error')
    return (
      <section className="narrow">
        <h1>{state.httpStatus === 404 ? `Incident ${id} not found` : 'Could not load the incident'}</h1>
        <p role="alert">{state.httpStatus === 404 ? 'It may not exist, or it is private and you are not in its channel.' : state.message}</p>
        <Link to="/">Back to the incidents</Link>
      </section>
    );

  const incident = state.data;
  rememberUser(incident.lead);
  rememberUser(incident.reporter);
  // A status update may change the status; the server wrote timeline entries for it too.
  const reloadIncident = async () => {
    set(await api.get<Incident>(incidentPath(String(incident.id))));
    setRevision((r) => r + 1);
  };
  const patch = async (body: IncidentPatch) => {
    set(await api.patch<Incident>(`/api/v1/incidents/${incident.id}`, body));
    setRevision((r) => r + 1);
  };

  return (
    <article className="incident-doc">
      <p className="breadcrumb">
        <Link to="/">Incidents</Link> / #{incident.id}
      </p>
      <header className="doc-header">
        <Editable
          label="Title"
          hideLabel
          className="doc-title"
          value={incident.report}
          maxLength={200}
          required
          display={
            <h1>
              <span aria-hidden="true">{incident.severity ? scale.of(incident.severity).emoji : NO_SEVERITY.emoji}</span> <span className="muted">#{incident.id}</span> {incident.report}
            </h1>
          }
          onSave={(v) => patch({ report: v.trim() })}
        />
        <div className="doc-badges">
          <StatusBadge status={incident.status} />
          {incident.report_only && <span className="badge">Report only</span>}
          {incident.private && <PrivateBadge />}
        </div>
        <div className="doc-header-controls">
          <QuickSelect
            label="Severity"
            value={incident.severity ?? ''}
            options={[
              { value: '', label: `${NO_SEVERITY.emoji} None` },
              ...scale.list.map((s) => ({ value: s.key, label: `${s.emoji} ${s.label}` })),
              // Kept on an old incident until someone picks another.
              ...(incident.severity && !scale.list.some((s) => s.key === incident.severity)
                ? [{ value: incident.severity, label: `${scale.of(incident.severity).emoji} ${scale.of(incident.severity).label} (no longer used)` }]
                : []),
            ]}
            onSave={(v) => patch({ severity: v || null })}
          />
          {types.used && (
            <QuickSelect
              label="Type"
              value={incident.type ?? ''}
              options={[
                ...(incident.type ? [] : [{ value: '', label: '—' }]),
                ...types.list.map((t) => ({ value: t.key, label: t.label })),
                ...(incident.type && !types.list.some((t) => t.key === incident.type) ? [{ value: incident.type, label: `${types.label(incident.type)} (no longer used)` }] : []),
              ]}
              onSave={(v) => (v ? patch({ type: v }) : Promise.resolve())}
            />
          )}
          <QuickSelect
            label="Status"
            value={incident.status}
            options={STATUSES.filter((s) => s !== 'reported' || incident.status === 'reported').map((s) => ({ value: s, label: capitalise(s) }))}
            onSave={(v) => patch({ status: v })}
          />
          <a className="button" href={`/api/v1/incidents/${incident.id}/postmortem.md`} download={`incident-${incident.id}-postmortem.md`}>
            Download postmortem
          </a>
          <button type="button" onClick={() => setCatchingUp(true)}>
            Catch me up
          </button>
        </div>
      </header>
      {catchingUp && <CatchUpPanel incidentId={incident.id} onClose={() => setCatchingUp(false)} />}

      <div className="doc-grid">
        <div className="doc-main">
          <section aria-labelledby="summary-heading" className="card">
            <h2 id="summary-heading">Summary</h2>
            <Editable
              label="Summary"
              hideLabel
              multiline
              value={incident.summary ?? ''}
              hint="Markdown and Slack formatting work. Ctrl+Enter saves."
              display={incident.summary ? <Markdown text={incident.summary} /> : <p className="muted">No summary yet.</p>}
              onSave={(v) => patch({ summary: v.trim() ? v : null })}
            />
          </section>
          <section aria-labelledby="impact-heading" className="card">
            <h2 id="impact-heading">Impact</h2>
            <Editable
              label="Impact"
              hideLabel
              multiline
              value={incident.impact ?? ''}
              display={incident.impact ? <Markdown text={incident.impact} /> : <p className="muted">No impact recorded.</p>}
              onSave={(v) => patch({ impact: v.trim() ? v : null })}
            />
          </section>
          <StatusUpdatesSection incident={incident} onPosted={() => reloadIncident()} />
          <ActionsSection incidentId={incident.id} />
          {/* Before the timeline, which can be hundreds of entries long. */}
          <PostmortemSection incidentId={incident.id} />
          <TimelineSection incidentId={incident.id} revision={revision} />
        </div>

        <aside className="doc-side">
          <section aria-labelledby="details-heading" className="card">
            <h2 id="details-heading">Details</h2>
            <dl className="details">
              <dt>Reporter</dt>
              <dd>{userLabel(incident.reporter)}</dd>
              <dt>Start time</dt>
              <dd>
                <Editable
                  label="Start time"
                  type="datetime-local"
                  value={toLocalInput(incident.start_time)}
                  hint={`Your time zone: ${viewerTimeZone()}`}
                  required
                  display={<time dateTime={incident.start_time}>{formatDateTime(incident.start_time, true)}</time>}
                  onSave={async (v) => {
                    const iso = fromLocalInput(v);
                    if (!iso) throw new Error('Enter a date and time');
                    await patch({ start_time: iso });
                  }}
                />
              </dd>
              <dt>Reported</dt>
              <dd>
                <time dateTime={incident.report_time}>{formatDateTime(incident.report_time, true)}</time>
              </dd>
              <dt>End time</dt>
              <dd>
                <Editable
                  label="End time"
                  type="datetime-local"
                  value={toLocalInput(incident.end_time)}
                  hint={`Your time zone: ${viewerTimeZone()}. Leave empty if still going.`}
                  display={incident.end_time ? <time dateTime={incident.end_time}>{formatDateTime(incident.end_time, true)}</time> : <span className="muted">Ongoing</span>}
                  onSave={(v) => patch({ end_time: fromLocalInput(v) })}
                />
              </dd>
              <dt>Duration</dt>
              <dd>
                {formatDuration(incident.duration_seconds)}
                {!incident.end_time && <span className="muted"> so far</span>}
              </dd>
              <dt>Channel</dt>
              <dd>
                {incident.comms_channel ? (
                  <ChannelLink channel={incident.comms_channel} />
                ) : (
                  <span className="muted">No comms channel</span>
                )}
              </dd>
            </dl>
          </section>
          <CustomFieldsSection incident={incident} onPatch={(values) => patch({ custom_fields: values })} />
          <RolesSection
            incident={incident}
            onChange={(i) => {
              set(i);
              setRevision((r) => r + 1);
            }}
          />
          <Participants incidentId={incident.id} />
        </aside>
      </div>
    </article>
  );
}

function QuickSelect({ label, value, options, onSave }: { label: string; value: string; options: { value: string; label: string }[]; onSave(v: string): Promise<void> }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field quick-select">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={busy}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={async (e) => {
          setBusy(true);
          setError(null);
          try {
            await onSave(e.target.value);
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Participants({ incidentId }: { incidentId: number }) {
  const { state } = useAsync((signal) => api.get<{ results: Participant[] }>(`/api/v1/incidents/${incidentId}/participants?limit=10`, signal), [incidentId]);
  return (
    <section aria-labelledby="participants-heading" className="card">
      <h2 id="participants-heading">Participants</h2>
      {state.status === 'loading' && <p role="status">Loading…</p>}
      {state.status === 'error' && <p className="error">{state.message}</p>}
      {state.status === 'ok' &&
        (state.data.results.length === 0 ? (
          <p className="muted">Nobody has posted in the channel yet.</p>
        ) : (
          <ol className="participants">
            {state.data.results.map((p, i) => (
              <li key={p.user?.slack_id ?? i}>
                <span>{userLabel(p.user)}</span>
                <span className="muted">
                  {p.message_count} {p.message_count === 1 ? 'message' : 'messages'}
                </span>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
