import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiPostmortem } from '../../../src/http/api-types.js';
import { FormFooter } from '../components/form-footer';
import { Markdown } from '../components/markdown';
import { api, ApiError, errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { userLabel } from '../lib/users';
import { scrollToTarget } from '../lib/hash-target';

const STATE_LABEL: Record<ApiPostmortem['state'], string> = { not_started: 'Not started', draft: 'Draft', reviewed: 'Reviewed' };

/**
 * The doc's "Postmortem" section: not started until someone starts it (the template filled in from
 * the incident, stored as a draft), then edited as Markdown beside a sanitised preview, and marked
 * reviewed. A save after someone else's is refused by the server (409) and said so here.
 */
export function PostmortemSection({ incidentId }: { incidentId: number }) {
  const base = `/api/v1/incidents/${incidentId}/postmortem`;
  const { state, set } = useAsync((signal) => api.get<ApiPostmortem>(base, signal), [incidentId]);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loaded = state.status === 'ok';
  // The Slack DM's button links to `#postmortem`: the section exists only once the doc has loaded.
  useEffect(() => {
    if (loaded && window.location.hash === '#postmortem') scrollToTarget('postmortem');
  }, [loaded]);
  const act = async (fn: () => Promise<ApiPostmortem>) => {
    setBusy(true);
    setError(null);
    try {
      set(await fn());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const pm = state.status === 'ok' ? state.data : null;
  return (
    <section id="postmortem" aria-labelledby="postmortem-heading" className="card postmortem">
      <div className="section-heading">
        <h2 id="postmortem-heading">
          Postmortem {pm && <span className={`badge postmortem-${pm.state}`}>{STATE_LABEL[pm.state]}</span>}
        </h2>
        <div className="button-row">
          {pm?.state === 'not_started' && (
            <button type="button" className="primary" disabled={busy} onClick={() => act(() => api.post<ApiPostmortem>(base))}>
              Start the postmortem
            </button>
          )}
          {pm && pm.state !== 'not_started' && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {pm?.state === 'draft' && !editing && (
            <button type="button" disabled={busy} onClick={() => act(() => api.post<ApiPostmortem>(`${base}/review`, { version: pm.version }))}>
              Mark reviewed
            </button>
          )}
          {pm?.state === 'reviewed' && !editing && (
            <button type="button" disabled={busy} onClick={() => act(() => api.put<ApiPostmortem>(base, { markdown: pm.markdown, version: pm.version, state: 'draft' }))}>
              Back to draft
            </button>
          )}
          <a className="button" href={`${base}.md`} download={`incident-${incidentId}-postmortem.md`}>
            Download as Markdown
          </a>
        </div>
      </div>
      {state.status === 'loading' && <p role="status">Loading the postmortem…</p>}
      {state.status === 'error' && <p className="error">{state.message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {pm && pm.state !== 'not_started' && (
        <p className="muted postmortem-meta">
          Version {pm.version}
          {pm.updated_at && (
            <>
              , saved {formatDateTime(pm.updated_at)} by {pm.updated_by ? userLabel(pm.updated_by) : (pm.updated_by_label ?? 'Response')}
            </>
          )}
        </p>
      )}
      {pm && editing ? (
        <PostmortemEditor
          postmortem={pm}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            set(saved);
            setEditing(false);
          }}
          onReload={async () => set(await api.get<ApiPostmortem>(base))}
          save={(markdown) => api.put<ApiPostmortem>(base, { markdown, version: pm.version })}
        />
      ) : (
        pm &&
        (pm.state === 'not_started' ? (
          <details className="postmortem-template">
            <summary>Preview the template, filled in from the incident as it is now</summary>
            <Markdown text={pm.markdown} />
          </details>
        ) : (
          <Markdown text={pm.markdown} />
        ))
      )}
    </section>
  );
}

function PostmortemEditor({
  postmortem,
  save,
  onSaved,
  onCancel,
  onReload,
}: {
  postmortem: ApiPostmortem;
  save(markdown: string): Promise<ApiPostmortem>;
  onSaved(p: ApiPostmortem): void;
  onCancel(): void;
  onReload(): Promise<void>;
}) {
  const [text, setText] = useState(postmortem.markdown);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Write the postmortem before saving it');
    setBusy(true);
    setError(null);
    try {
      onSaved(await save(text));
    } catch (err) {
      setStale(err instanceof ApiError && err.status === 409);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="postmortem-editor" onSubmit={submit}>
      <div className="postmortem-panes">
        <div className="field">
          <label htmlFor={id}>Markdown</label>
          <textarea
            id={id}
            rows={24}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
            }}
          />
        </div>
        <div className="postmortem-preview" aria-label="Preview">
          <p className="muted">Preview</p>
          <Markdown text={text} />
        </div>
      </div>
      {stale && (
        <p className="muted">
          Your text is still here. Load their version to save on top of it (yours replaces theirs), or cancel and edit theirs instead.{' '}
          <button
            type="button"
            onClick={async () => {
              await onReload();
              setStale(false);
              setError(null);
            }}
          >
            Load their version
          </button>
        </p>
      )}
      <FormFooter error={error} busy={busy} submitLabel="Save postmortem" onCancel={onCancel} />
    </form>
  );
}
