import type { ApiCatchUp } from '../../../src/http/api-types.js';
import { SlackText } from '../components/slack-text';
import { api } from '../lib/api';
import { formatRelative, formatTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { userLabel } from '../lib/users';

const sinceText = (c: ApiCatchUp) =>
  c.since_reason === 'your_last_post' ? `since your last post in the channel (${formatRelative(c.since)})` : c.since_reason === 'given' ? `since ${formatTime(c.since)}` : 'in the last 30 minutes';

/**
 * The doc's "Catch me up" panel: the catch-up Slack gives with `@incident catchup`, for whoever is
 * signed in (what changed since their last post, open actions, the latest update), each line
 * linking to its place further down the page.
 */
export function CatchUpPanel({ incidentId, onClose }: { incidentId: number; onClose(): void }) {
  const { state } = useAsync((signal) => api.get<ApiCatchUp>(`/api/v1/incidents/${incidentId}/catch-up`, signal), [incidentId]);
  return (
    <section aria-label="Catch-up" className="card catch-up">
      <div className="section-heading">
        <h2>Catch-up</h2>
        <button type="button" className="link-button small" onClick={onClose}>
          Close
        </button>
      </div>
      {state.status === 'loading' && <p role="status">Catching you up…</p>}
      {state.status === 'error' && <p className="error">{state.message}</p>}
      {state.status === 'ok' && <CatchUpBody c={state.data} />}
    </section>
  );
}

function CatchUpBody({ c }: { c: ApiCatchUp }) {
  return (
    <>
      <p>
        {c.roles.map((r, i) => (
          <span key={r.role}>
            {i > 0 && ' · '}
            {r.name}: {r.user ? userLabel(r.user) : <span className="muted">nobody</span>}
          </span>
        ))}
      </p>
      <p>
        {c.latest_update ? (
          <a href={`#update-${c.latest_update.id}`}>
            Latest update {formatRelative(c.latest_update.posted_at)}: {c.latest_update.message}
          </a>
        ) : (
          <span className="muted">No status update yet.</span>
        )}
      </p>
      <h3>What changed {sinceText(c)}</h3>
      {c.changes.length === 0 ? (
        <p className="muted">Nothing new on the timeline.</p>
      ) : (
        <ul>
          {c.changes.map((e) => (
            <li key={e.id}>
              <a href={`#entry-${e.id}`}>{formatTime(e.timestamp)}</a> <SlackText text={e.text} />
            </li>
          ))}
          {c.has_more_changes && <li className="muted">…and more on the timeline</li>}
        </ul>
      )}
      <h3>Open actions ({c.open_actions_total})</h3>
      {c.open_actions.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {c.open_actions.map((a) => (
            <li key={a.id}>
              <a href={`#action-${a.id}`}>{a.details}</a> <span className="muted">— {a.assignee ? userLabel(a.assignee) : 'no owner'}{a.due_date ? `, due ${a.due_date}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
