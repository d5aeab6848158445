import { useId } from 'react';
import { UserPicker } from '../components/user-picker';
import { fieldApplies, useCustomFields } from '../lib/custom-fields';
import { fromLocalInput } from '../lib/format';
import { useIncidentTypes } from '../lib/incident-types';
import type { FieldDefinition, FieldValue } from '../lib/types';
import { useUserName } from '../lib/users';

export type DeclaredFields = Record<string, FieldValue | null>;

/**
 * The fields a new incident needs at declaration (the first type's, as the API gives that type by
 * default): the web's short declare form asks for these only; the rest are set in the doc.
 */
export function useDeclareFields(): FieldDefinition[] {
  const fields = useCustomFields();
  const first = useIncidentTypes().list[0];
  // A type's requiredFields make a field required at declaration too.
  const byType = first?.required_fields ?? [];
  return fields.list.filter((f) => fieldApplies(f, first?.key ?? null) && (f.required_at === 'declare' || byType.includes(f.key)));
}

function UserInput({ field, value, onChange }: { field: FieldDefinition; value: string; onChange(v: string | null): void }) {
  const name = useUserName(value);
  return <UserPicker label={field.label} value={value ? { slack_id: value, display_name: name, full_name: null } : null} onChange={(u) => onChange(u?.slack_id ?? null)} />;
}

function FieldInput({ field, value, onChange }: { field: FieldDefinition; value: FieldValue | null; onChange(v: FieldValue | null): void }) {
  const id = useId();
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (field.kind === 'user') return <UserInput field={field} value={text} onChange={onChange} />;
  const label = <label htmlFor={id}>{field.label}</label>;
  switch (field.kind) {
    case 'select':
      return (
        <>
          {label}
          <select id={id} required value={text} onChange={(e) => onChange(e.target.value || null)}>
            <option value="">Choose one</option>
            {field.options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      );
    case 'multi_select':
      return (
        <fieldset>
          <legend>{field.label}</legend>
          {field.options.map((o) => {
            const chosen = Array.isArray(value) ? value : [];
            return (
              <label key={o.key} className="checkbox">
                <input type="checkbox" checked={chosen.includes(o.key)} onChange={(e) => onChange(e.target.checked ? [...chosen, o.key] : chosen.filter((k) => k !== o.key))} /> {o.label}
              </label>
            );
          })}
        </fieldset>
      );
    case 'number':
      return (
        <>
          {label}
          <input id={id} type="number" step="any" required value={text} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />
        </>
      );
    case 'datetime':
      return (
        <>
          {label}
          <input id={id} type="datetime-local" required onChange={(e) => onChange(fromLocalInput(e.target.value))} />
        </>
      );
    case 'textarea':
      return (
        <>
          {label}
          <textarea id={id} required rows={3} value={text} onChange={(e) => onChange(e.target.value)} />
        </>
      );
    default:
      return (
        <>
          {label}
          <input id={id} type={field.kind === 'link' ? 'url' : 'text'} required maxLength={2000} value={text} onChange={(e) => onChange(e.target.value)} />
        </>
      );
  }
}

/** An input per field required at declaration, each with its help. */
export function DeclareFieldInputs({ fields, values, onChange }: { fields: FieldDefinition[]; values: DeclaredFields; onChange(values: DeclaredFields): void }) {
  return (
    <>
      {fields.map((f) => (
        <div key={f.key} className="field declare-field" title={f.help || undefined}>
          <FieldInput field={f} value={values[f.key] ?? null} onChange={(v) => onChange({ ...values, [f.key]: v })} />
        </div>
      ))}
    </>
  );
}
