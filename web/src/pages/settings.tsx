import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useSession } from '../lib/session';
import type { ApiTokenInfo } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';
import { WebhookSettings } from './settings-webhooks';

export function SettingsPage() {
  useTitle('Settings');
  const { me } = useSession();
  const { state, reload } = useAsync((signal) => api.get<{ results: ApiTokenInfo[] }>('/api/v1/tokens', signal), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const id = useId();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const res = await api.post<{ name: string; token: string }>('/api/v1/tokens', { name: name.trim() });
      setCreated({ name: res.name, token: res.token });
      setName('');
      reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (tokenName: string) => {
    if (!window.confirm(`Revoke the token "${tokenName}"? Anything using it stops working at once.`)) return;
    try {
      await api.delete(`/api/v1/tokens/${encodeURIComponent(tokenName)}`);
      if (created?.name === tokenName) setCreated(null);
      reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const active = state.status === 'ok' ? state.data.results.filter((t) => !t.revoked_at) : [];
  const revoked = state.status === 'ok' ? state.data.results.filter((t) => t.revoked_at) : [];

  return (
    <section className="narrow settings">
      <h1>Settings</h1>
      <section aria-labelledby="tokens-heading" className="card">
        <h2 id="tokens-heading">API tokens</h2>
        <p className="muted">
          Tokens let scripts and integrations use the <a href="/api/docs">REST API</a> with <code>Authorization: Bearer …</code>. A token can read and change every incident, so treat it like a password.
        </p>
        {!me.can.manage_api_tokens && <p className="notice">You may not create or revoke tokens (by default only Slack workspace admins may).</p>}
        {me.can.manage_api_tokens && (
          <form className="token-form" onSubmit={(e) => void create(e)}>
            <div className="field grow">
              <label htmlFor={id}>New token name</label>
              <input id={id} value={name} maxLength={100} placeholder="e.g. statuspage-sync" onChange={(e) => setName(e.target.value)} />
            </div>
            <button type="submit" className="primary" disabled={busy || !name.trim()}>
              Create token
            </button>
          </form>
        )}
        {created && (
          <div className="token-reveal" role="status">
            <p>
              <strong>Copy the token "{created.name}" now.</strong> It will not be shown again.
            </p>
            <div className="token-row">
              <code className="token-value" data-testid="new-token">
                {created.token}
              </code>
              <button
                type="button"
                onClick={() => {
                  void navigator.clipboard?.writeText(created.token).then(() => setCopied(true));
                }}
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {state.status === 'loading' && <p role="status">Loading tokens…</p>}
        {state.status === 'error' && <p className="error">{state.message}</p>}
        {state.status === 'ok' && active.length === 0 && <p className="muted">No active tokens.</p>}
        {active.length > 0 && (
          <div className="table-scroll">
            <table className="tokens">
              <caption className="visually-hidden">Active API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {active.map((t) => (
                  <tr key={t.name}>
                    <th scope="row">{t.name}</th>
                    <td>{formatDateTime(t.created_at)}</td>
                    <td>{formatRelative(t.last_used_at)}</td>
                    <td>
                      {me.can.manage_api_tokens && (
                        <button type="button" className="small danger" aria-label={`Revoke token ${t.name}`} onClick={() => void revoke(t.name)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {revoked.length > 0 && (
          <details>
            <summary>{revoked.length} revoked</summary>
            <ul>
              {revoked.map((t) => (
                <li key={t.name}>
                  {t.name} <span className="muted">revoked {formatDateTime(t.revoked_at)}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {me.can.manage_webhooks && <WebhookSettings />}
    </section>
  );
}
