import { useId, useState } from 'react';
import { Editable } from '../components/editable';
import { UserPicker } from '../components/user-picker';
import { errorMessage } from '../lib/api';
import { fieldApplies, isEmptyValue, optionLabel, useCustomFields } from '../lib/custom-fields';
import { formatDateTime, fromLocalInput, toLocalInput, viewerTimeZone } from '../lib/format';
import type { FieldDefinition, FieldValue, Incident } from '../lib/types';
import { useUserName } from '../lib/users';

type Save = (value: FieldValue | null) => Promise<void>;

const isWebLink = (s: string) => /^https?:\/\//i.test(s);

/** A value as text: option labels, a person's name, a local time. */
function ValueText({ field, value }: { field: FieldDefinition | undefined; value: FieldValue }) {
  if (Array.isArray(value)) return <>{value.map((k) => optionLabel(field, k)).join(', ')}</>;
  if (field?.kind === 'select') return <>{optionLabel(field, String(value))}</>;
  if (field?.kind === 'user') return <UserName slackId={String(value)} />;
  if (field?.kind === 'datetime') return <time dateTime={String(value)}>{formatDateTime(String(value), true)}</time>;
  if (field?.kind === 'link' && isWebLink(String(value)))
    return (
      <a href={String(value)} target="_blank" rel="noopener noreferrer">
        {String(value)}
      </a>
    );
  return <span className="field-text">{String(value)}</span>;
}

function UserName({ slackId }: { slackId: string }) {
  return <>{useUserName(slackId)}</>;
}

function Empty({ field }: { field: FieldDefinition }) {
  return <span className="muted">{field.required_at === 'close' ? 'Not set (needed to close)' : field.required_at === 'declare' ? 'Not set (required)' : 'Not set'}</span>;
}

/** A select (one option) saved as soon as it changes; the empty choice clears it. */
function SelectField({ field, value, onSave }: { field: FieldDefinition; value: string; onSave: Save }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = [...field.options, ...(value && !field.options.some((o) => o.key === value) ? [{ key: value, label: `${value} (no longer used)` }] : [])];
  return (
    <div className="field">
      <label htmlFor={id} className="visually-hidden">
        {field.label}
      </label>
      <select
        id={id}
        value={value}
        disabled={busy}
        onChange={async (e) => {
          setBusy(true);
          setError(null);
          try {
            await onSave(e.target.value || null);
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Any number of options, ticked in a list with Save and Cancel. */
function MultiSelectField({ field, value, onSave }: { field: FieldDefinition; value: string[]; onSave: Save }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<string[]>(value);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = [...field.options, ...value.filter((k) => !field.options.some((o) => o.key === k)).map((k) => ({ key: k, label: `${k} (no longer used)` }))];
  if (!editing)
    return (
      <div className="editable">
        <div className="editable-display">{value.length ? <ValueText field={field} value={value} /> : <Empty field={field} />}</div>
        <button
          type="button"
          className="edit-button"
          aria-label={`Edit ${field.label.toLowerCase()}`}
          onClick={() => {
            setDraft(value);
            setEditing(true);
          }}
        >
          Edit
        </button>
      </div>
    );
  return (
    <form
      className="editable editing"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          // In the configured order, whatever order they were ticked in.
          await onSave(options.map((o) => o.key).filter((k) => draft.includes(k)));
          setEditing(false);
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend className="visually-hidden">{field.label}</legend>
        {options.map((o) => (
          <label key={o.key} className="checkbox">
            <input type="checkbox" checked={draft.includes(o.key)} onChange={(e) => setDraft(e.target.checked ? [...draft, o.key] : draft.filter((k) => k !== o.key))} /> {o.label}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => setEditing(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A person picked from the workspace's users. */
function UserField({ field, value, onSave }: { field: FieldDefinition; value: string | null; onSave: Save }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!editing)
    return (
      <div className="editable">
        <div className="editable-display">{value ? <UserName slackId={value} /> : <Empty field={field} />}</div>
        <button type="button" className="edit-button" aria-label={`Edit ${field.label.toLowerCase()}`} onClick={() => setEditing(true)}>
          Edit
        </button>
      </div>
    );
  return (
    <div className="editable editing">
      <UserPicker
        label={field.label}
        value={value ? { slack_id: value, display_name: '', full_name: null } : null}
        autoFocus
        onChange={async (u) => {
          setError(null);
          try {
            await onSave(u?.slack_id ?? null);
            setEditing(false);
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </div>
  );
}

/** The input for a field's kind, showing its value when not editing. */
function FieldEditor({ field, value, onSave }: { field: FieldDefinition; value: FieldValue | undefined; onSave: Save }) {
  const text = value === undefined || Array.isArray(value) ? '' : String(value);
  const display = isEmptyValue(value) ? <Empty field={field} /> : <ValueText field={field} value={value as FieldValue} />;
  const hint = field.help || undefined;
  switch (field.kind) {
    case 'select':
      return <SelectField field={field} value={text} onSave={onSave} />;
    case 'multi_select':
      return <MultiSelectField field={field} value={Array.isArray(value) ? value : []} onSave={onSave} />;
    case 'user':
      return <UserField field={field} value={text || null} onSave={onSave} />;
    case 'number':
      return (
        <Editable
          label={field.label}
          type="number"
          value={text}
          display={display}
          hint={hint}
          onSave={async (v) => {
            if (!v.trim()) return onSave(null);
            const n = Number(v);
            if (!Number.isFinite(n)) throw new Error('Enter a number');
            await onSave(n);
          }}
        />
      );
    case 'datetime':
      return (
        <Editable
          label={field.label}
          type="datetime-local"
          value={toLocalInput(text || null)}
          display={display}
          hint={`${hint ? `${hint}. ` : ''}Your time zone: ${viewerTimeZone()}`}
          onSave={(v) => onSave(fromLocalInput(v))}
        />
      );
    default:
      return (
        <Editable
          label={field.label}
          type={field.kind === 'link' ? 'url' : 'text'}
          multiline={field.kind === 'textarea'}
          maxLength={field.kind === 'textarea' ? 20000 : 2000}
          value={text}
          display={display}
          hint={hint}
          onSave={(v) => onSave(v.trim() || null)}
        />
      );
  }
}

/**
 * The incident's custom fields (response.config.ts `fields`), each edited with an input for its kind;
 * values of fields no longer configured (or not of the incident's type) are shown, read-only.
 */
export function CustomFieldsSection({ incident, onPatch }: { incident: Incident; onPatch(values: Record<string, FieldValue | null>): Promise<void> }) {
  const fields = useCustomFields();
  const mine = fields.list.filter((f) => fieldApplies(f, incident.type));
  const others = Object.keys(incident.custom_fields).filter((k) => !mine.some((f) => f.key === k) && !isEmptyValue(incident.custom_fields[k]));
  if (mine.length === 0 && others.length === 0) return null;
  return (
    <section aria-labelledby="fields-heading" className="card custom-fields">
      <h2 id="fields-heading">Fields</h2>
      <dl className="details">
        {mine.map((f) => (
          <div key={f.key} className="details-row" data-field={f.key}>
            <dt title={f.help || undefined}>{f.label}</dt>
            <dd>
              <FieldEditor field={f} value={incident.custom_fields[f.key]} onSave={(v) => onPatch({ [f.key]: v })} />
            </dd>
          </div>
        ))}
        {others.map((k) => {
          const field = fields.list.find((f) => f.key === k);
          return (
            <div key={k} className="details-row" data-field={k}>
              <dt>{field?.label ?? k}</dt>
              <dd>
                <ValueText field={field} value={incident.custom_fields[k] as FieldValue} />{' '}
                <span className="muted">({field ? `not a field of ${incident.type ?? 'this'} incidents` : 'no longer configured'})</span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
