import { useEffect, useId, useState, type FormEvent } from 'react';
import { UserPicker } from '../components/user-picker';
import { api, errorMessage } from '../lib/api';
import { fetchAll } from '../lib/fetch-all';
import { capitalise, formatDateTime } from '../lib/format';
import { ACTION_TYPES, PRIORITIES, type Action, type UserRef } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { userLabel } from '../lib/users';
import { FormFooter } from '../components/form-footer';
import { scrollToTarget, useHashTarget } from '../lib/hash-target';
import { configuredList } from '../lib/configured-list';

/** The issue trackers follow-ups can be sent to (Jira, Linear): only those configured on the server. */
interface IssueTracker {
  provider: string;
  label: string;
}
const useIssueTrackers = configuredList<IssueTracker>('/api/v1/issue-trackers');
const trackerLabel = (provider: string, trackers: IssueTracker[]) =>
  trackers.find((t) => t.provider === provider)?.label ?? provider.charAt(0).toUpperCase() + provider.slice(1);

interface ActionDraft {
  details: string;
  priority: string;
  type: string;
  due_date: string;
  assignee: UserRef | null;
}

const toBody = (d: ActionDraft) => ({
  details: d.details.trim(),
  priority: d.priority || null,
  type: d.type || null,
  due_date: d.due_date || null,
  assignee: d.assignee?.slack_id ?? null,
});

export function ActionsSection({ incidentId }: { incidentId: number }) {
  const base = `/api/v1/incidents/${incidentId}/actions`;
  const { state, set, reload } = useAsync((signal) => fetchAll<Action>(base, signal), [incidentId]);
  const trackers = useIssueTrackers().list;
  const [adding, setAdding] = useState(false);
  const actions = state.status === 'ok' ? state.data : [];
  const replace = (a: Action) => set(actions.map((x) => (x.id === a.id ? a : x)));
  const open = actions.filter((a) => !a.done).length;
  // A link to one action (`#action-3`, from a catch-up or a follow-up DM in Slack): go to it once the list is in.
  const target = useHashTarget('action-');
  const loaded = state.status === 'ok';
  useEffect(() => {
    if (target !== null && loaded) scrollToTarget(`action-${target}`);
  }, [target, loaded]);
  // An issue on its way is made in the background: look again shortly until it is linked (or refused).
  const pending = actions.some((a) => a.issue?.state === 'requested');
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [pending, state, reload]);

  return (
    <section id="actions" aria-labelledby="actions-heading" className="card">
      <div className="section-heading">
        <h2 id="actions-heading">
          Actions{' '}
          {actions.length > 0 && (
            <span className="count">
              {open} open of {actions.length}
            </span>
          )}
        </h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add action
          </button>
        )}
      </div>
      {state.status === 'loading' && <p role="status">Loading actions…</p>}
      {state.status === 'error' && <p className="error">{state.message}</p>}
      {state.status === 'ok' && actions.length === 0 && !adding && <p className="muted">No follow-up actions yet.</p>}
      <ul className="actions">
        {actions.map((a) => (
          <ActionItem key={a.id} action={a} base={base} trackers={trackers} onChange={replace} onRemove={() => set(actions.filter((x) => x.id !== a.id))} />
        ))}
      </ul>
      {adding && (
        <ActionForm
          title="New action"
          initial={{ details: '', priority: '', type: '', due_date: '', assignee: null }}
          submitLabel="Add action"
          onCancel={() => setAdding(false)}
          onSubmit={async (d) => {
            const created = await api.post<Action>(base, toBody(d));
            set([...actions, created]);
            setAdding(false);
          }}
        />
      )}
    </section>
  );
}

function ActionItem({
  action,
  base,
  trackers,
  onChange,
  onRemove,
}: {
  action: Action;
  base: string;
  trackers: IssueTracker[];
  onChange(a: Action): void;
  onRemove(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkboxId = useId();
  const url = `${base}/${action.id}`;
  if (editing)
    return (
      <li className="action editing">
        <ActionForm
          title={`Edit action`}
          initial={{
            details: action.details,
            priority: action.priority ?? '',
            type: action.type ?? '',
            due_date: action.due_date ?? '',
            assignee: action.assignee,
          }}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (d) => {
            onChange(await api.patch<Action>(url, toBody(d)));
            setEditing(false);
          }}
        />
      </li>
    );
  const overdue = !action.done && action.due_date !== null && action.due_date < new Date().toISOString().slice(0, 10);
  return (
    <li id={`action-${action.id}`} className={`action ${action.done ? 'done' : ''}`}>
      <input
        id={checkboxId}
        type="checkbox"
        checked={action.done}
        onChange={async (e) => {
          const done = e.target.checked;
          setError(null);
          // Tick at once; the server's answer (with done_at) replaces it, or the tick is undone on failure.
          onChange({ ...action, done });
          try {
            onChange(await api.patch<Action>(url, { done }));
          } catch (err) {
            onChange(action);
            setError(errorMessage(err));
          }
        }}
      />
      <div className="action-body">
        <label htmlFor={checkboxId} className="action-details">
          {action.details}
        </label>
        <div className="action-meta">
          {action.priority && <span className={`badge priority-${action.priority}`}>{capitalise(action.priority)} priority</span>}
          {action.type && <span className="badge">{capitalise(action.type)}</span>}
          <span>{action.assignee ? `Owner: ${userLabel(action.assignee)}` : 'No owner'}</span>
          {action.due_date && (
            <span className={overdue ? 'overdue' : undefined}>
              Due {action.due_date}
              {overdue ? ' (overdue)' : ''}
            </span>
          )}
          {action.done && action.done_at && <span>Done {formatDateTime(action.done_at)}</span>}
          {action.source?.url && (
            <a href={action.source.url} target="_blank" rel="noreferrer">
              Source message
            </a>
          )}
          <IssueStatus action={action} trackers={trackers} />
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="action-buttons">
        {action.issue?.state !== 'linked' &&
          action.issue?.state !== 'requested' &&
          trackers.map((t) => (
            <button
              key={t.provider}
              type="button"
              className="small"
              aria-label={`Create ${t.label} issue for action: ${action.details}`}
              onClick={async () => {
                setError(null);
                try {
                  onChange(await api.post<Action>(`${url}/issue`, { provider: t.provider }));
                } catch (err) {
                  setError(errorMessage(err));
                }
              }}
            >
              Create {t.label} issue
            </button>
          ))}
        <button type="button" className="small" aria-label={`Edit action: ${action.details}`} onClick={() => setEditing(true)}>
          Edit
        </button>
        <button
          type="button"
          className="small danger"
          aria-label={`Delete action: ${action.details}`}
          onClick={async () => {
            if (!window.confirm('Delete this action?')) return;
            try {
              await api.delete(url);
              onRemove();
            } catch (err) {
              setError(errorMessage(err));
            }
          }}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** Where the action's issue stands: its key as a link once made, or that it is on its way or was refused. */
function IssueStatus({ action, trackers }: { action: Action; trackers: IssueTracker[] }) {
  const issue = action.issue;
  if (!issue) return null;
  const label = trackerLabel(issue.provider, trackers);
  if (issue.state === 'linked' && issue.url)
    return (
      <a className="issue-link" href={issue.url} target="_blank" rel="noreferrer">
        {label} {issue.key}
      </a>
    );
  if (issue.state === 'requested') return <span role="status">Creating {label} issue…</span>;
  if (issue.state === 'failed') return <span className="overdue">{label} refused the issue (see the timeline)</span>;
  return null;
}

function ActionForm({
  title,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: ActionDraft;
  submitLabel: string;
  onSubmit(d: ActionDraft): Promise<void>;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const field =
    <K extends keyof ActionDraft>(k: K) =>
    (v: ActionDraft[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.details.trim()) {
      setError('Describe the action');
      return;
    }
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
    <form className="action-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-details`}>Details</label>
        <textarea id={`${id}-details`} rows={2} autoFocus value={draft.details} onChange={(e) => field('details')(e.target.value)} />
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select id={`${id}-priority`} value={draft.priority} onChange={(e) => field('priority')(e.target.value)}>
            <option value="">None</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {capitalise(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={draft.type} onChange={(e) => field('type')(e.target.value)}>
            <option value="">None</option>
            {ACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {capitalise(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input id={`${id}-due`} type="date" value={draft.due_date} onChange={(e) => field('due_date')(e.target.value)} />
        </div>
        <UserPicker label="Owner" value={draft.assignee} onChange={field('assignee')} />
      </div>
      <FormFooter error={error} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
