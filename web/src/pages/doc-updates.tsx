import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiStatusUpdate } from '../../../src/http/api-types.js';
import { StatusBadge } from '../components/badges';
import { FormFooter } from '../components/form-footer';
import { api, errorMessage } from '../lib/api';
import { fetchAll } from '../lib/fetch-all';
import { capitalise, formatDateTime, formatRelative } from '../lib/format';
import type { Incident } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { userLabel } from '../lib/users';
import { scrollToTarget, useHashTarget } from '../lib/hash-target';

type StatusUpdate = ApiStatusUpdate;
type UpdateStatus = StatusUpdate['status'];
const UPDATE_STATUSES: UpdateStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

interface UpdateDraft {
  status: UpdateStatus;
  message: string;
  next_steps: string;
  /** Empty: the severity's cadence. */
  minutes: string;
  noNextUpdate: boolean;
  /** "Publish to the status page": its own public wording and component impacts. */
  publish: boolean;
  publicTitle: string;
  publicBody: string;
  /** Component key → impact; absent: operational. */
  impacts: Record<string, ComponentImpact>;
}

type ComponentImpact = NonNullable<StatusUpdate['public']>['components'][string];
const IMPACTS: { value: ComponentImpact; label: string }[] = [
  { value: 'operational', label: 'Operational' },
  { value: 'degraded_performance', label: 'Degraded performance' },
  { value: 'partial_outage', label: 'Partial outage' },
  { value: 'major_outage', label: 'Major outage' },
  { value: 'under_maintenance', label: 'Under maintenance' },
];

interface PublishableComponents {
  publishing: boolean;
  results: { key: string; name: string }[];
}

/**
 * The doc's "Status updates" section: the updates, latest first (status, who, when, when the next
 * is due), and a form to post one. Posting may change the incident's status, so the page reloads
 * the incident afterwards (`onPosted`).
 */
export function StatusUpdatesSection({ incident, onPosted }: { incident: Incident; onPosted(): Promise<void> }) {
  const base = `/api/v1/incidents/${incident.id}/updates`;
  const { state, set } = useAsync((signal) => fetchAll<StatusUpdate>(base, signal), [incident.id]);
  const components = useAsync((signal) => api.get<PublishableComponents>('/api/v1/status-page/components', signal), []);
  // Private incidents are never published; without a status page there is nothing to publish to.
  const publishable = components.state.status === 'ok' && components.state.data.publishing && !incident.private ? components.state.data.results : null;
  const [posting, setPosting] = useState(false);
  const updates = state.status === 'ok' ? state.data : [];
  const latest = updates[0];
  const lastPublished = updates.find((u) => u.public)?.public ?? null;
  const live = (UPDATE_STATUSES as string[]).includes(incident.status);
  // A link to one update (`#update-4`, from a catch-up in Slack): go to it once the list is in.
  const target = useHashTarget('update-');
  const loaded = state.status === 'ok';
  useEffect(() => {
    if (target !== null && loaded) scrollToTarget(`update-${target}`);
  }, [target, loaded]);
  return (
    <section id="updates" aria-labelledby="updates-heading" className="card status-updates">
      <div className="section-heading">
        <h2 id="updates-heading">Status updates {updates.length > 0 && <span className="count">{updates.length}</span>}</h2>
        {!posting && !incident.report_only && (
          <button type="button" onClick={() => setPosting(true)}>
            Post update
          </button>
        )}
      </div>
      {/* When the next one is due matters only while the incident is live, and only the latest update's promise. */}
      {latest && live && incident.status !== 'resolved' && (
        <p className={latest.next_update_at && Date.parse(latest.next_update_at) < Date.now() ? 'error update-due' : 'muted update-due'}>
          {latest.next_update_at ? `Next update due ${formatDateTime(latest.next_update_at)} (${formatRelative(latest.next_update_at)})` : 'No further update planned'}
        </p>
      )}
      {state.status === 'loading' && <p role="status">Loading status updates…</p>}
      {state.status === 'error' && <p className="error">{state.message}</p>}
      {posting && (
        <UpdateForm
          initial={{
            status: live ? (incident.status as UpdateStatus) : 'investigating',
            message: '',
            next_steps: '',
            minutes: '',
            noNextUpdate: false,
            publish: lastPublished !== null && publishable !== null,
            publicTitle: lastPublished?.title ?? '',
            publicBody: '',
            impacts: { ...(lastPublished?.components ?? {}) },
          }}
          components={publishable}
          onCancel={() => setPosting(false)}
          onSubmit={async (d) => {
            const created = await api.post<StatusUpdate>(base, {
              status: d.status,
              message: d.message.trim(),
              next_steps: d.next_steps.trim() || null,
              ...(d.noNextUpdate ? { next_update_in_minutes: null } : d.minutes ? { next_update_in_minutes: Number(d.minutes) } : {}),
              ...(d.publish && publishable
                ? {
                    publish: {
                      title: d.publicTitle.trim() || null,
                      body: d.publicBody.trim(),
                      components: Object.fromEntries(Object.entries(d.impacts).filter(([k, v]) => v !== 'operational' && publishable.some((c) => c.key === k))),
                    },
                  }
                : {}),
            });
            set([created, ...updates]);
            setPosting(false);
            await onPosted();
          }}
        />
      )}
      {state.status === 'ok' && updates.length === 0 && !posting && <p className="muted">No status updates yet.</p>}
      <ol className="update-list">
        {updates.map((u) => (
          <li key={u.id} id={`update-${u.id}`} className="status-update">
            <div className="update-meta">
              <StatusBadge status={u.status} /> {u.published && <span className="badge">Published</span>} <span>{u.posted_by ? userLabel(u.posted_by) : (u.posted_by_label ?? 'Response')}</span>{' '}
              <time className="muted" dateTime={u.posted_at}>
                {formatDateTime(u.posted_at)}
              </time>
            </div>
            <p className="update-message">{u.message}</p>
            {u.public && (
              <p className="update-public">
                <strong>On the status page:</strong> {u.public.body}
              </p>
            )}
            {u.next_steps && (
              <p className="update-next-steps">
                <strong>Next steps:</strong> {u.next_steps}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function UpdateForm({ initial, components, onSubmit, onCancel }: { initial: UpdateDraft; components: PublishableComponents['results'] | null; onSubmit(d: UpdateDraft): Promise<void>; onCancel(): void }) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const field =
    <K extends keyof UpdateDraft>(k: K) =>
    (v: UpdateDraft[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.message.trim()) return setError('Say what is happening now');
    if (!draft.noNextUpdate && draft.minutes && !/^\d+$/.test(draft.minutes)) return setError('Next update: whole minutes from 1 to 1440');
    if (draft.publish && !draft.publicBody.trim()) return setError('Status page: write the public message (the internal text is never published)');
    if (draft.publish && !draft.publicTitle.trim()) return setError('Status page: give the incident a public title');
    setBusy(true);
    setError(null);
    try {
      await onSubmit(draft);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form className="entry-form" aria-label="New status update" onSubmit={(e) => void submit(e)}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={draft.status} onChange={(e) => field('status')(e.target.value as UpdateStatus)}>
            {UPDATE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {capitalise(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>Next update in (minutes)</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={1}
            max={1440}
            placeholder="The severity's cadence"
            disabled={draft.noNextUpdate || draft.status === 'resolved'}
            value={draft.minutes}
            onChange={(e) => field('minutes')(e.target.value)}
          />
          <label>
            <input type="checkbox" checked={draft.noNextUpdate} onChange={(e) => field('noNextUpdate')(e.target.checked)} /> No further update planned
          </label>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>What is happening now?</label>
        <textarea id={`${id}-message`} rows={3} maxLength={2800} autoFocus value={draft.message} onChange={(e) => field('message')(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-next-steps`}>Next steps</label>
        <textarea id={`${id}-next-steps`} rows={2} maxLength={2800} value={draft.next_steps} onChange={(e) => field('next_steps')(e.target.value)} />
      </div>
      {components && (
        <fieldset className="publish-fieldset">
          <legend>Status page</legend>
          <label>
            <input type="checkbox" checked={draft.publish} onChange={(e) => field('publish')(e.target.checked)} /> Publish this update on the public status page
          </label>
          {draft.publish && (
            <>
              <div className="field">
                <label htmlFor={`${id}-public-title`}>Public title</label>
                <input id={`${id}-public-title`} maxLength={200} value={draft.publicTitle} onChange={(e) => field('publicTitle')(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-public-body`}>Public message</label>
                <textarea id={`${id}-public-body`} rows={3} maxLength={2800} value={draft.publicBody} onChange={(e) => field('publicBody')(e.target.value)} />
                <p className="muted">In words for customers. The internal text above is never published.</p>
              </div>
              {components.length > 0 && (
                <div className="form-grid">
                  {components.map((c) => (
                    <div className="field" key={c.key}>
                      <label htmlFor={`${id}-impact-${c.key}`}>{c.name}</label>
                      <select
                        id={`${id}-impact-${c.key}`}
                        value={draft.impacts[c.key] ?? 'operational'}
                        onChange={(e) => setDraft((d) => ({ ...d, impacts: { ...d.impacts, [c.key]: e.target.value as ComponentImpact } }))}
                      >
                        {IMPACTS.map((i) => (
                          <option key={i.value} value={i.value}>
                            {i.label}
                          </option>
                        ))}
                      </select>
                    </div>
                  ))}
                </div>
              )}
            </>
          )}
        </fieldset>
      )}
      <FormFooter error={error} busy={busy} submitLabel="Post update" onCancel={onCancel} />
    </form>
  );
}
