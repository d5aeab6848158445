import { useId, useState, type FormEvent } from 'react';
import type { ApiPage, ApiWebhookDelivery, ApiWebhookEndpoint, ApiWebhookEndpointWithSecret } from '../../../src/http/api-types.js';
import { api, errorMessage, qs } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';

/** Settings → Outgoing webhooks (shown to those who may manage them: admins by default; the server checks again). */
export function WebhookSettings() {
  const endpoints = useAsync((signal) => api.get<{ results: ApiWebhookEndpoint[] }>('/api/v1/webhooks', signal), []);
  const types = useAsync((signal) => api.get<{ results: string[] }>('/api/v1/webhooks/event-types', signal), []);
  const [secret, setSecret] = useState<{ endpoint: ApiWebhookEndpointWithSecret; rotated: boolean } | null>(null);
  const [logOf, setLogOf] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = async (what: () => Promise<unknown>) => {
    setError(null);
    setNotice(null);
    try {
      await what();
      endpoints.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="webhooks-heading" className="card webhooks">
      <h2 id="webhooks-heading">Outgoing webhooks</h2>
      <p className="muted">
        Response POSTs incident events to these URLs, signed per <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> with each endpoint's secret,
        and retries failures for about a day; <code>docs/integrations.md</code> shows how a receiver verifies them.
      </p>
      {types.state.status === 'ok' && (
        <AddEndpoint
          eventTypes={types.state.data.results}
          onCreated={(endpoint) => {
            setSecret({ endpoint, rotated: false });
            endpoints.reload();
          }}
        />
      )}
      {secret && (
        <div className="token-reveal" role="status">
          <p>
            <strong>
              Copy the signing secret of {secret.endpoint.url} now{secret.rotated ? ' (the old one no longer signs)' : ''}.
            </strong>{' '}
            It will not be shown again.
          </p>
          <code className="token-value" data-testid="webhook-secret">
            {secret.endpoint.secret}
          </code>
        </div>
      )}
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {endpoints.state.status === 'loading' && <p role="status">Loading endpoints…</p>}
      {endpoints.state.status === 'error' && <p className="error">{endpoints.state.message}</p>}
      {endpoints.state.status === 'ok' && endpoints.state.data.results.length === 0 && <p className="muted">No endpoints yet.</p>}
      {endpoints.state.status === 'ok' && endpoints.state.data.results.length > 0 && (
        <ul className="webhook-list" aria-label="Webhook endpoints">
          {endpoints.state.data.results.map((e) => (
            <li key={e.id} className={e.enabled ? undefined : 'disabled'}>
              <div className="webhook-url">
                <code>{e.url}</code> {!e.enabled && <span className="badge">disabled</span>}
              </div>
              {e.description && <div className="small">{e.description}</div>}
              <div className="small muted">
                {e.event_types ? e.event_types.join(', ') : 'All events'} · private incidents {e.include_private ? 'sent' : 'not sent'} · added by{' '}
                {e.created_by}
              </div>
              <div className="webhook-actions">
                <button type="button" className="small" onClick={() => setLogOf(logOf === e.id ? null : e.id)} aria-expanded={logOf === e.id}>
                  Delivery log
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={() =>
                    void act(async () => (await api.post(`/api/v1/webhooks/${e.id}/test`), setNotice(`Test event queued to ${e.url}.`), setLogOf(e.id)))
                  }
                >
                  Send test
                </button>
                <button type="button" className="small" onClick={() => void act(() => api.patch(`/api/v1/webhooks/${e.id}`, { enabled: !e.enabled }))}>
                  {e.enabled ? 'Disable' : 'Enable'}
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    if (!window.confirm(`Rotate the signing secret of ${e.url}? Its receiver must use the new one at once.`)) return;
                    void act(async () =>
                      setSecret({ endpoint: await api.post<ApiWebhookEndpointWithSecret>(`/api/v1/webhooks/${e.id}/rotate-secret`), rotated: true }),
                    );
                  }}
                >
                  Rotate secret
                </button>
                <button
                  type="button"
                  className="small danger"
                  aria-label={`Delete endpoint ${e.url}`}
                  onClick={() => {
                    if (!window.confirm(`Delete the endpoint ${e.url} and its delivery log?`)) return;
                    void act(async () => (await api.delete(`/api/v1/webhooks/${e.id}`), setLogOf(null)));
                  }}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {logOf !== null && <DeliveryLog key={logOf} endpointId={logOf} />}
    </section>
  );
}

function AddEndpoint({ eventTypes, onCreated }: { eventTypes: string[]; onCreated(endpoint: ApiWebhookEndpointWithSecret): void }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [includePrivate, setIncludePrivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<ApiWebhookEndpointWithSecret>('/api/v1/webhooks', {
        url: url.trim(),
        description: description.trim(),
        event_types: all ? null : chosen,
        include_private: includePrivate,
      });
      setUrl('');
      setDescription('');
      setChosen([]);
      setAll(true);
      setIncludePrivate(false);
      onCreated(created);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="webhook-form" onSubmit={(e) => void submit(e)}>
      <div className="token-form">
        <div className="field grow">
          <label htmlFor={`${id}-url`}>Endpoint URL</label>
          <input
            id={`${id}-url`}
            type="url"
            value={url}
            maxLength={2000}
            placeholder="https://example.com/hooks/response"
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-description`}>Description</label>
          <input
            id={`${id}-description`}
            value={description}
            maxLength={500}
            placeholder="e.g. data warehouse"
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
      </div>
      <fieldset className="webhook-events">
        <legend>Events</legend>
        <label className="checkbox">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> All events (and types added later)
        </label>
        {!all && (
          <div className="webhook-event-grid">
            {eventTypes.map((t) => (
              <label key={t} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(t)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, t] : chosen.filter((c) => c !== t))}
                />{' '}
                <code>{t}</code>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={includePrivate} onChange={(e) => setIncludePrivate(e.target.checked)} /> Send events about private incidents too
      </label>
      <div>
        <button type="submit" className="primary" disabled={busy || !url.trim() || (!all && chosen.length === 0)}>
          Add endpoint
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function DeliveryLog({ endpointId }: { endpointId: number }) {
  const [failedOnly, setFailedOnly] = useState(false);
  const [more, setMore] = useState<ApiWebhookDelivery[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const page = useAsync(
    async (signal) => {
      const res = await api.get<ApiPage<ApiWebhookDelivery>>(
        `/api/v1/webhooks/${endpointId}/deliveries${qs({ state: failedOnly ? 'failed' : null, limit: 25 })}`,
        signal,
      );
      setMore([]);
      setNext(res.next);
      return res;
    },
    [endpointId, failedOnly],
  );
  const rows = page.state.status === 'ok' ? [...page.state.data.results, ...more] : [];
  const act = async (what: () => Promise<unknown>) => {
    setError(null);
    try {
      await what();
      page.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const loadMore = async () => {
    if (!next) return;
    const res = await api.get<ApiPage<ApiWebhookDelivery>>(
      `/api/v1/webhooks/${endpointId}/deliveries${qs({ state: failedOnly ? 'failed' : null, limit: 25, cursor: next })}`,
    );
    setMore([...more, ...res.results]);
    setNext(res.next);
  };

  return (
    <section className="delivery-log" aria-labelledby={`log-${endpointId}`}>
      <h3 id={`log-${endpointId}`}>Delivery log</h3>
      <div className="token-row">
        <label className="checkbox">
          <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} /> Failed only
        </label>
        <button type="button" className="small" onClick={() => void act(() => api.post(`/api/v1/webhooks/${endpointId}/redeliver-failed`))}>
          Redeliver all failed
        </button>
        <button type="button" className="small" onClick={() => page.reload()}>
          Refresh
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {page.state.status === 'loading' && <p role="status">Loading deliveries…</p>}
      {page.state.status === 'error' && <p className="error">{page.state.message}</p>}
      {page.state.status === 'ok' && rows.length === 0 && <p className="muted">{failedOnly ? 'No failed deliveries.' : 'No deliveries yet.'}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="tokens deliveries">
            <caption className="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">State</th>
                <th scope="col">Last answer</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <code>{d.event_type}</code>
                    <div className="small muted">
                      {d.incident_id !== null ? `incident ${d.incident_id} · ` : ''}
                      {formatDateTime(d.created_at)}
                    </div>
                  </td>
                  <td>
                    <span className={`badge delivery-${d.state}`}>{d.state}</span>
                    <div className="small muted">
                      {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                      {d.state === 'pending' && d.next_attempt_at ? ` · next ${formatDateTime(d.next_attempt_at)}` : ''}
                    </div>
                  </td>
                  <td>
                    {d.last_status_code !== null ? `HTTP ${d.last_status_code}` : d.attempts > 0 ? 'No answer' : '–'}
                    {d.last_duration_ms !== null && <span className="muted"> in {d.last_duration_ms} ms</span>}
                    {d.last_error && <div className="small muted">{d.last_error.replace(/^HTTP \d+: ?/, '')}</div>}
                  </td>
                  <td>
                    {d.state !== 'pending' && (
                      <button
                        type="button"
                        className="small"
                        aria-label={`Redeliver delivery ${d.id}`}
                        onClick={() => void act(() => api.post(`/api/v1/webhooks/${endpointId}/deliveries/${d.id}/redeliver`))}
                      >
                        Redeliver
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="small" onClick={() => void loadMore().catch((err: unknown) => setError(errorMessage(err)))}>
          Load more
        </button>
      )}
    </section>
  );
}
