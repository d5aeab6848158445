import { useState } from 'react';
import { UserPicker } from '../components/user-picker';
import { api, errorMessage } from '../lib/api';
import type { Incident, Role, UserRef } from '../lib/types';
import { configuredList } from '../lib/configured-list';
import { rememberUser, userLabel } from '../lib/users';

const useConfiguredRoles = configuredList<Role>('/api/v1/roles');

interface Row {
  key: string;
  name: string;
  description: string;
  required: boolean;
  holder: UserRef | null;
}

/**
 * Every role (held or not) with its holder, each editable with the user picker: a change is the
 * same PUT/DELETE the API offers, so Slack hears of it (the new holder's DM and invite) like any other.
 */
export function RolesSection({ incident, onChange }: { incident: Incident; onChange(incident: Incident): void }) {
  const { list: configured, loaded, error } = useConfiguredRoles();
  const held = new Map(incident.roles.map((r) => [r.role, r]));
  incident.roles.forEach((r) => rememberUser(r.user));
  const rows: Row[] = [
    ...configured.map((r) => ({ key: r.key, name: r.name, description: r.description, required: r.required, holder: held.get(r.key)?.user ?? null })),
    // A role since removed from the configuration still shows while someone holds it.
    ...incident.roles
      .filter((r) => !configured.some((c) => c.key === r.role))
      .map((r) => ({ key: r.role, name: r.name, description: '', required: false, holder: r.user })),
  ];
  const save = async (role: string, user: UserRef | null) => {
    const path = `/api/v1/incidents/${incident.id}/roles/${encodeURIComponent(role)}`;
    onChange(user ? await api.put<Incident>(path, { user: user.slack_id }) : await api.deleteReturning<Incident>(path));
  };

  return (
    <section id="roles" aria-labelledby="roles-heading" className="card">
      <h2 id="roles-heading">Roles</h2>
      {!loaded && <p role="status">Loading roles…</p>}
      {error && <p className="error">{error}</p>}
      <dl className="role-list">
        {rows.map((row) => (
          <RoleRow key={row.key} row={row} onSave={(u) => save(row.key, u)} />
        ))}
      </dl>
    </section>
  );
}

function RoleRow({ row, onSave }: { row: Row; onSave(user: UserRef | null): Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <dt title={row.description || undefined}>{row.name}</dt>
      <dd data-role={row.key}>
        {editing ? (
          <div className="editable editing">
            <UserPicker
              label={row.name}
              value={row.holder}
              autoFocus
              onChange={async (u) => {
                setError(null);
                try {
                  await onSave(u);
                  setEditing(false);
                } catch (err) {
                  setError(errorMessage(err));
                }
              }}
            />
            {row.description && <p className="hint">{row.description}</p>}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="editable">
            <div className="editable-display">
              {row.holder ? userLabel(row.holder) : <span className="muted">{row.required ? 'Nobody yet (needed)' : 'Nobody'}</span>}
            </div>
            <button type="button" className="edit-button" aria-label={`Edit ${row.name}`} onClick={() => setEditing(true)}>
              Edit
            </button>
          </div>
        )}
      </dd>
    </>
  );
}
