import { memo, startTransition, useCallback, useEffect, useId, useMemo, useState, type CSSProperties, type FormEvent } from 'react';
import { SlackText } from '../components/slack-text';
import { safeHref } from '../components/slack-text';
import { api, errorMessage } from '../lib/api';
import { fetchAll } from '../lib/fetch-all';
import { formatDayHeading, formatTime, fromLocalInput, localDayKey, timeWidthCh, toLocalInput, viewerTimeZone } from '../lib/format';
import type { TimelineEntry } from '../lib/types';
import { useUserName } from '../lib/users';
import { FormFooter } from '../components/form-footer';
import { useStoredChoice } from '../lib/stored-choice';
import { scrollToTarget, useHashTarget } from '../lib/hash-target';

const VIEWS = ['key', 'everything'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABEL: Record<View, string> = { key: 'Key events', everything: 'Everything' };
// An entry from before the server said which entries are key counts as key rather than vanishing.
const isKey = (e: TimelineEntry) => e.key_event !== false;
const TIME_CH = timeWidthCh();

const EVENT_ICON: Record<string, string> = {
  slack_pin: '📌',
  incident_update: '🔄',
  incident_declared: '🚨',
  comms_channel: '💬',
  action: '✅',
  text: '📝',
  role_change: '🎭',
  status_update: '📣',
};

type Load = { status: 'loading'; partial: TimelineEntry[] } | { status: 'ok' } | { status: 'error'; message: string };

const byTime = (a: TimelineEntry, b: TimelineEntry) => a.timestamp.localeCompare(b.timestamp) || a.id - b.id;

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
  const [view, setView] = useStoredChoice<View>('response.timeline.view', VIEWS, 'key');

  useEffect(() => {
    const controller = new AbortController();
    // Each page is rendered as it arrives, while the next one is on its way. (Repainting at most
    // once a second, as before, left nearly all of a 5,000-entry timeline to one long render
    // after the last page.) Old days and entries are memoised, so a page costs only its own
    // entries. The first page renders at once; later ones as a transition, which React renders
    // in slices, yielding to the browser between them: the page stays scrollable and clickable,
    // and the next page's response is read (and the one after it requested) without waiting for
    // the render to finish. The doc page starts loading the timeline before the incident itself
    // has arrived.
    let shown = false;
    const show = (update: () => void) => {
      if (shown) startTransition(update);
      else update();
      shown = true;
    };
    const showPage = (soFar: TimelineEntry[]) => show(() => setEntries(soFar));
    const prefetch = revision === 0 ? takePrefetchedTimeline(base) : undefined;
    const all = prefetch ? prefetch.follow(showPage) : fetchAll<TimelineEntry>(base, controller.signal, showPage, TIMELINE_PAGE, TIMELINE_FIRST_PAGE);
    all.then(
      (list) => {
        if (controller.signal.aborted) return;
        // In the same lane as the pages before it: an urgent update here would interrupt the
        // transition still rendering the previous page and throw that work away.
        show(() => {
          setEntries(list);
          setLoad({ status: 'ok' });
        });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'error', message: errorMessage(err) });
      },
    );
    return () => controller.abort();
  }, [base, revision]);

  // A link to one entry (`#entry-12`, from a catch-up in Slack): show it even if it is only in Everything, then go to it.
  const target = useHashTarget('entry-');
  const targetEntry = target === null ? undefined : entries.find((e) => e.id === target);
  useEffect(() => {
    if (targetEntry && view === 'key' && !isKey(targetEntry)) setView('everything');
  }, [targetEntry, view, setView]);
  const loaded = load.status === 'ok';
  useEffect(() => {
    if (target !== null && loaded) scrollToTarget(`entry-${target}`);
  }, [target, loaded, view]);

  const shown = useMemo(() => (view === 'key' ? entries.filter(isKey) : entries), [entries, view]);
  const hidden = entries.length - shown.length;
  const days = useMemo(() => {
    const groups: Day[] = [];
    for (const e of shown) {
      const key = localDayKey(e.timestamp);
      const last = groups[groups.length - 1];
      if (last && last.key === key) last.entries.push(e);
      else groups.push({ key, first: e.timestamp, entries: [e] });
    }
    return groups;
  }, [shown]);

  // Stable callbacks keep every memoised entry from re-rendering when one page more arrives.
  const upsert = useCallback((entry: TimelineEntry) => setEntries((list) => [...list.filter((e) => e.id !== entry.id), entry].sort(byTime)), []);
  const remove = useCallback((id: number) => setEntries((list) => list.filter((e) => e.id !== id)), []);

  return (
    <section aria-labelledby="timeline-heading" className="card timeline-section" style={{ '--time-ch': TIME_CH } as CSSProperties}>
      <div className="section-heading">
        <h2 id="timeline-heading">
          Timeline{' '}
          {entries.length > 0 && (
            <span className="count">
              {view === 'key' && hidden > 0 ? `${shown.length} of ${entries.length} entries` : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`}
            </span>
          )}
        </h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add entry
          </button>
        )}
      </div>
      <div className="timeline-view">
        <ViewSwitch value={view} onChange={setView} />
        {view === 'key' && hidden > 0 && (
          <button type="button" className="link-button small" onClick={() => setView('everything')}>
            {hidden} more in Everything
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
      {load.status === 'ok' && shown.length === 0 && (
        <p className="muted">
          {entries.length === 0 ? 'Nothing on the timeline yet.' : 'No key events yet, only edits of the title, summary and other details.'} Pin messages in the comms channel or add
          entries here.
        </p>
      )}
      {days.map((day) => (
        <TimelineDay key={day.key} day={day} base={base} onChange={upsert} onRemove={remove} />
      ))}
    </section>
  );
}

/** Key events (the story) or everything (every field edit too); remembered in this browser. */
function ViewSwitch({ value, onChange }: { value: View; onChange(v: View): void }) {
  const name = useId();
  return (
    <fieldset className="segmented compact">
      <legend className="visually-hidden">Show on the timeline</legend>
      {VIEWS.map((v) => (
        <label key={v} className={value === v ? 'selected' : undefined}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {VIEW_LABEL[v]}
        </label>
      ))}
    </fieldset>
  );
}

interface Day {
  key: string;
  first: string;
  entries: TimelineEntry[];
}

/** Same entries, in the same order: a day that a new page did not touch renders nothing new. */
const sameDay = (a: { day: Day; base: string }, b: { day: Day; base: string }) =>
  a.base === b.base && a.day.entries.length === b.day.entries.length && a.day.entries.every((e, i) => e === b.day.entries[i]);

/**
 * A day's entries in blocks of one local hour, each skipped by the browser while off screen
 * (`content-visibility: auto`, see .timeline-hour in styles.css). On every entry, that
 * containment cost an intersection check per entry per frame: 5,000 of them made scrolling
 * stutter and the first paint slower. Hours rather than fixed-size blocks: adding or removing an
 * entry doesn't move its neighbours to another block (which would remount them).
 *
 * One list per day for assistive technology: the day's `role="list"` owns the entries, the hour
 * blocks are `<ol role="none">` (valid HTML around the `<li>`s, invisible to screen readers), and
 * the entries say `role="listitem"` explicitly (an `<li>` in a presentational list would lose it).
 * Find in page still finds text in skipped blocks, and Tab still reaches their buttons. Like the
 * per-entry containment before it (which left out each far entry's text), Chromium leaves the
 * entries of a skipped block out of the accessibility tree until the block nears the viewport.
 */
const TimelineDay = memo(
  function TimelineDay({ day, base, onChange, onRemove }: { day: Day; base: string; onChange(e: TimelineEntry): void; onRemove(id: number): void }) {
    const headingId = useId();
    const hours: TimelineEntry[][] = [];
    let hour = -1;
    for (const e of day.entries) {
      const h = new Date(e.timestamp).getHours();
      if (h !== hour) {
        hours.push([]);
        hour = h;
      }
      hours[hours.length - 1]!.push(e);
    }
    return (
      <div className="timeline-day">
        <h3 className="day-heading" id={headingId}>
          <time dateTime={day.key}>{formatDayHeading(day.first)}</time>
        </h3>
        <div role="list" aria-labelledby={headingId}>
          {hours.map((part) => (
            // An estimate of the block's height until it has been on screen once (`auto` then remembers the real one).
            <ol key={part[0]!.id} role="none" className="timeline-hour" style={{ containIntrinsicSize: `auto ${part.length * ENTRY_EM}em` }}>
              {part.map((e) => (
                <Entry key={e.id} entry={e} base={base} onChange={onChange} onRemove={onRemove} />
              ))}
            </ol>
          ))}
        </div>
      </div>
    );
  },
  (a, b) => a.onChange === b.onChange && a.onRemove === b.onRemove && sameDay(a, b),
);

/** The usual height of an entry (its buttons set a one-line entry's: about 3.1 em; some wrap), in em of the timeline's text. */
const ENTRY_EM = 3.4;

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
      <li role="listitem" className="entry editing">
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
    <li role="listitem" id={`entry-${entry.id}`} className={`entry type-${entry.event_type}`}>
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
