import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { errorMessage } from '../lib/api';

interface Props {
  label: string;
  /** The stored value; '' for empty. */
  value: string;
  /** How the value reads when not editing. */
  display: ReactNode;
  multiline?: boolean;
  /** Input type for single-line fields (text, datetime-local, date). */
  type?: string;
  maxLength?: number;
  required?: boolean;
  hint?: string;
  onSave(value: string): Promise<void>;
  /** Heading-level fields show their label only to screen readers. */
  hideLabel?: boolean;
  className?: string;
}

/** Shows a value with an Edit button; editing swaps in a field with Save and Cancel (Escape cancels, Ctrl+Enter saves). */
export function Editable({ label, value, display, multiline, type = 'text', maxLength, required, hint, onSave, hideLabel, className }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  useEffect(() => {
    // Return focus to the Edit button after saving or cancelling, so keyboard users keep their place.
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const save = async () => {
    if (required && !draft.trim()) {
      setError(`${label} can't be empty`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (draft !== value) await onSave(draft);
      setEditing(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    setDraft(value);
    setError(null);
    setEditing(false);
  };

  if (!editing)
    return (
      <div className={`editable ${className ?? ''}`}>
        <div className="editable-display">{display}</div>
        <button type="button" ref={editButton} className="edit-button" aria-label={`Edit ${label.toLowerCase()}`} onClick={() => setEditing(true)}>
          Edit
        </button>
      </div>
    );

  const common = {
    id,
    value: draft,
    maxLength,
    disabled: busy,
    autoFocus: true,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel();
      if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void save();
      }
    },
  };
  return (
    <form
      className={`editable editing ${className ?? ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={Math.min(16, Math.max(4, draft.split('\n').length + 1))} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(e) => setDraft(e.target.value)} />
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
