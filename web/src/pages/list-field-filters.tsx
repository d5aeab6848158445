import { AnySelect } from '../components/any-select';
import { UserPicker } from '../components/user-picker';
import { FILTERABLE_KINDS, useCustomFields } from '../lib/custom-fields';
import type { FieldDefinition } from '../lib/types';
import { useUserName } from '../lib/users';

/** The list's custom field filters live in the page's query as `field.<key>=<value>`, as in the API. */
export const fieldParam = (key: string) => `field.${key}`;

/** The `field.*` filters of a query, for the API request (and the effect that reloads on a change). */
export const fieldFilters = (params: URLSearchParams): Record<string, string> =>
  Object.fromEntries([...params.entries()].filter(([k]) => k.startsWith('field.')));

function UserFilter({ field, value, onChange }: { field: FieldDefinition; value: string; onChange(v: string): void }) {
  const name = useUserName(value);
  return (
    <div className="field inline user-filter">
      <UserPicker label={field.label} value={value ? { slack_id: value, display_name: name, full_name: null } : null} onChange={(u) => onChange(u?.slack_id ?? '')} />
    </div>
  );
}

/** A filter per select, multi select and user field (free text is searched with Search). */
export function FieldFilters({ params, onChange }: { params: URLSearchParams; onChange(param: string, value: string): void }) {
  const fields = useCustomFields().list.filter((f) => FILTERABLE_KINDS.includes(f.kind));
  return (
    <>
      {fields.map((f) =>
        f.kind === 'user' ? (
          <UserFilter key={f.key} field={f} value={params.get(fieldParam(f.key)) ?? ''} onChange={(v) => onChange(fieldParam(f.key), v)} />
        ) : (
          <AnySelect key={f.key} label={f.label} value={params.get(fieldParam(f.key)) ?? ''} options={f.options} onChange={(v) => onChange(fieldParam(f.key), v)} />
        ),
      )}
    </>
  );
}
