import { memo, useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { SlackText } from '../components/slack-text';
import { safeHref } from '../components/slack-text';
import { api, errorMessage } from '../lib/api';
import { fetchAll } from '../lib/fetch-all';
import { formatDayHeading, formatTime, fromLocalInput, localDayKey, toLocalInput, viewerTimeZone } from '../lib/format';
import type { TimelineEntry } from '../lib/types';
import { useUserName } from '../lib/users';
import { FormFooter } from '../components/form-footer';

const EVENT_ICON: Record<string, string> = {
  slack_pin: '📌',
  incident_update: '🔄',
  incident_declared: '🚨',
  comms_channel: '💬',
  action: '✅',
  text: '📝',
};

type Load = { status: 'loading'; partial: TimelineEntry[] } | { status: 'ok' } | { status: 'error'; message: string };

const byTime = (a: TimelineEntry, b: TimelineEntry) => a.timestamp.localeCompare(b.timestamp) || a.id - b.id;

/**
 * Long timelines arrive a page at a time. Show the first page at once, then repaint at most
 * every second: re-rendering on every page made a 5,000-entry doc several times slower.
 */
function throttledProgress(set: (entries: TimelineEntry[]) => void): (soFar: TimelineEntry[]) => void {
  let shown = 0;
  let lastAt = 0;
  return (soFar) => {
    const now = performance.now();
    if (shown === 0 || now - lastAt > 1000) {
      shown = soFar.length;
      lastAt = now;
      set(soFar);
    }
  };
}

// A small first page paints quickly; big later pages keep a 5,000-entry timeline to a few requests.
const TIMELINE_FIRST_PAGE = 200;
const TIMELINE_PAGE = 1000;

interface Prefetch {
  soFar: TimelineEntry[];
  listeners: Set<(soFar: TimelineEntry[]) => void>;
  done: Promise<TimelineEntry[]>;
  follow(onPage: (soFar: TimelineEntry[]) => void): Promise<TimelineEntry[]>;
}
const prefetches = new Map<string, Prefetch>();
const timelinePath = (incidentId: string | number) => `/api/v1/incidents/${encodeURIComponent(String(incidentId))}/timeline`;

/** Starts loading an incident's timeline; the timeline section picks it up when it mounts. */
export function prefetchTimeline(incidentId: string): void {
  const path = timelinePath(incidentId);
  if (prefetches.has(path)) return;
  const p: Prefetch = {
    soFar: [],
    listeners: new Set(),
    done: Promise.resolve([]),
    follow(onPage) {
      if (p.soFar.length) onPage(p.soFar);
      p.listeners.add(onPage);
      return p.done.finally(() => p.listeners.delete(onPage));
    },
  };
  p.done = fetchAll<TimelineEntry>(
    path,
    undefined,
    (soFar) => {
      p.soFar = soFar;
      p.listeners.forEach((fn) => fn(soFar));
    },
    TIMELINE_PAGE,
    TIMELINE_FIRST_PAGE,
  );
  p.done.catch(() => undefined);
  prefetches.set(path, p);
}

function takePrefetchedTimeline(path: string): Prefetch | undefined {
  const p = prefetches.get(path);
  prefetches.delete(path);
  return p;
}

export function TimelineSection({ incidentId, revision }: { incidentId: number; revision: number }) {
  const base = timelinePath(incidentId);
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [load, setLoad] = useState<Load>({ status: 'loading', partial: [] });
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const progress = throttledProgress(setEntries);
    // The doc page starts loading the timeline before the incident itself has arrived.
    const prefetch = revision === 0 ? takePrefetchedTimeline(base) : undefined;
    const all = prefetch ? prefetch.follow(progress) : fetchAll<TimelineEntry>(base, controller.signal, progress, TIMELINE_PAGE, TIMELINE_FIRST_PAGE);
    all.then(
      (list) => {
        if (controller.signal.aborted) return;
        setEntries(list);
        setLoad({ status: 'ok' });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'error', message: errorMessage(err) });
      },
    );
    return () => controller.abort();
  }, [base, revision]);

  const days = useMemo(() => {
    const groups: { key: string; first: string; entries: TimelineEntry[] }[] = [];
    for (const e of entries) {
      const key = localDayKey(e.timestamp);
      const last = groups[groups.length - 1];
      if (last && last.key === key) last.entries.push(e);
      else groups.push({ key, first: e.timestamp, entries: [e] });
    }
    return groups;
  }, [entries]);

  // Stable callbacks keep every memoised entry from re-rendering when one page more arrives.
  const upsert = useCallback((entry: TimelineEntry) => setEntries((list) => [...list.filter((e) => e.id !== entry.id), entry].sort(byTime)), []);
  const remove = useCallback((id: number) => setEntries((list) => list.filter((e) => e.id !== id)), []);

  return (
    <section aria-labelledby="timeline-heading" className="card">
      <div className="section-heading">
        <h2 id="timeline-heading">Timeline {entries.length > 0 && <span className="count">{entries.length} entries</span>}</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add entry
          </button>
        )}
      </div>
      {adding && (
        <EntryForm
          title="New timeline entry"
          initialText=""
          initialTime={new Date().toISOString()}
          submitLabel="Add entry"
          onCancel={() => setAdding(false)}
          onSubmit={async (text, timestamp) => {
            upsert(await api.post<TimelineEntry>(base, { text, timestamp }));
            setAdding(false);
          }}
        />
      )}
      {load.status === 'loading' && <p role="status">Loading the timeline…</p>}
      {load.status === 'error' && <p className="error">{load.message}</p>}
      {load.status === 'ok' && entries.length === 0 && (
        <p className="muted">Nothing on the timeline yet. Pin messages in the comms channel or add entries here.</p>
      )}
      {days.map((day) => (
        <div key={day.key} className="timeline-day">
          <h3 className="day-heading">
            <time dateTime={day.key}>{formatDayHeading(day.first)}</time>
          </h3>
          <ol className="timeline">
            {day.entries.map((e) => (
              <Entry key={e.id} entry={e} base={base} onChange={upsert} onRemove={remove} />
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

const Entry = memo(function Entry({
  entry,
  base,
  onChange,
  onRemove,
}: {
  entry: TimelineEntry;
  base: string;
  onChange(e: TimelineEntry): void;
  onRemove(id: number): void;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = `${base}/${entry.id}`;
  const time = formatTime(entry.timestamp);
  const author = slackAuthor(entry);
  const permalink = typeof entry.metadata?.permalink === 'string' ? safeHref(entry.metadata.permalink) : null;
  if (editing)
    return (
      <li className="entry editing">
        <EntryForm
          title="Edit timeline entry"
          initialText={entry.text}
          initialTime={entry.timestamp}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (text, timestamp) => {
            onChange(await api.patch<TimelineEntry>(url, { text, timestamp }));
            setEditing(false);
          }}
        />
      </li>
    );
  return (
    <li className={`entry type-${entry.event_type}`}>
      <time className="entry-time" dateTime={entry.timestamp}>
        {time}
      </time>
      <span className="entry-icon" aria-hidden="true">
        {EVENT_ICON[entry.event_type] ?? '•'}
      </span>
      <div className="entry-body">
        {author && (
          <p className="entry-author">
            <AuthorName slackId={author.slackId} fallback={author.name} />
            {entry.event_type === 'slack_pin' && <span className="muted"> pinned in Slack</span>}
          </p>
        )}
        <div className="entry-text">
          <SlackText text={entry.text} />
        </div>
        {permalink && (
          <a className="small" href={permalink} target="_blank" rel="noopener noreferrer">
            View in Slack
          </a>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="entry-buttons">
        <button type="button" className="small" aria-label={`Edit entry at ${time}`} onClick={() => setEditing(true)}>
          Edit
        </button>
        <button
          type="button"
          className="small danger"
          aria-label={`Delete entry at ${time}`}
          onClick={async () => {
            if (!window.confirm('Delete this timeline entry?')) return;
            try {
              await api.delete(url);
              onRemove(entry.id);
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
});

function slackAuthor(entry: TimelineEntry): { slackId: string; name: string | null } | null {
  const a = entry.metadata?.author as { slack_id?: unknown; display_name?: unknown } | undefined;
  if (a && typeof a.slack_id === 'string') return { slackId: a.slack_id, name: typeof a.display_name === 'string' ? a.display_name : null };
  return null;
}

function AuthorName({ slackId, fallback }: { slackId: string; fallback: string | null }) {
  const looked = useUserName(slackId);
  return <strong>{looked !== slackId ? looked : (fallback ?? slackId)}</strong>;
}

function EntryForm({
  title,
  initialText,
  initialTime,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  initialText: string;
  initialTime: string;
  submitLabel: string;
  onSubmit(text: string, timestamp: string): Promise<void>;
  onCancel(): void;
}) {
  const [text, setText] = useState(initialText);
  const [time, setTime] = useState(toLocalInput(initialTime));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const iso = fromLocalInput(time);
    if (!text.trim()) return setError('Write what happened');
    if (!iso) return setError('Enter a date and time');
    setBusy(true);
    setError(null);
    try {
      // Keep the seconds of the original time when the minute didn't change.
      const keep = toLocalInput(initialTime) === time ? initialTime : iso;
      await onSubmit(text, keep);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form className="entry-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-text`}>What happened</label>
        <textarea id={`${id}-text`} rows={3} autoFocus value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-time`}>When ({viewerTimeZone()})</label>
        <input id={`${id}-time`} type="datetime-local" value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <FormFooter error={error} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
