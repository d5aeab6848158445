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
}

/**
 * The doc's "Status updates" section: the updates, latest first (status, who, when, when the next
 * is due), and a form to post one. Posting may change the incident's status, so the page reloads
 * the incident afterwards (`onPosted`).
 */
export function StatusUpdatesSection({ incident, onPosted }: { incident: Incident; onPosted(): Promise<void> }) {
  const base = `/api/v1/incidents/${incident.id}/updates`;
  const { state, set } = useAsync((signal) => fetchAll<StatusUpdate>(base, signal), [incident.id]);
  const [posting, setPosting] = useState(false);
  const updates = state.status === 'ok' ? state.data : [];
  const latest = updates[0];
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
          initial={{ status: live ? (incident.status as UpdateStatus) : 'investigating', message: '', next_steps: '', minutes: '', noNextUpdate: false }}
          onCancel={() => setPosting(false)}
          onSubmit={async (d) => {
            const created = await api.post<StatusUpdate>(base, {
              status: d.status,
              message: d.message.trim(),
              next_steps: d.next_steps.trim() || null,
              ...(d.noNextUpdate ? { next_update_in_minutes: null } : d.minutes ? { next_update_in_minutes: Number(d.minutes) } : {}),
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
              <StatusBadge status={u.status} /> <span>{u.posted_by ? userLabel(u.posted_by) : (u.posted_by_label ?? 'Response')}</span>{' '}
              <time className="muted" dateTime={u.posted_at}>
                {formatDateTime(u.posted_at)}
              </time>
            </div>
            <p className="update-message">{u.message}</p>
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

function UpdateForm({ initial, onSubmit, onCancel }: { initial: UpdateDraft; onSubmit(d: UpdateDraft): Promise<void>; onCancel(): void }) {
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
      <FormFooter error={error} busy={busy} submitLabel="Post update" onCancel={onCancel} />
    </form>
  );
}
