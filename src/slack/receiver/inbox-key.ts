import { createHash } from 'node:crypto';
import { parseEnvelope } from '../schemas.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Keys stay within the column; a long one (Slack allows 255-character action ids) is hashed. */
const bounded = (prefix: string, rest: string) => (prefix.length + rest.length + 1 <= 300 ? `${prefix}:${rest}` : `${prefix}:${sha(rest)}`);

/** A submission's values, hashed: after field errors the user resubmits the same view with new input. */
export const viewFingerprint = (values: unknown) => sha(JSON.stringify(values)).slice(0, 32);

/**
 * The inbox key and kind of a Slack payload: unique per delivery, and the same for Slack's own
 * redelivery of it. Events carry an event id; a slash command's trigger id is fresh per
 * invocation; a button press is its user, action and action time (one press delivered twice runs
 * once); a submission is its view and the values submitted. Null: nothing to record (a closed
 * modal, a payload we don't understand).
 */
export function inboxKeyOf(body: Record<string, unknown>): { key: string; kind: string } | null {
  const envelope = parseEnvelope(body);
  const kind = (what: string) => what.slice(0, 40);
  switch (envelope?.kind) {
    case 'event':
      return { key: bounded('event', envelope.data.event_id), kind: kind(`event ${envelope.data.event.type}`) };
    case 'command':
      return { key: bounded('command', envelope.data.trigger_id), kind: kind(`command ${envelope.data.command}`) };
    case 'actions': {
      const p = envelope.data;
      const action = p.actions[0];
      if (!action) return null;
      return { key: bounded('action', `${p.user.id}:${action.action_id}:${action.action_ts ?? p.trigger_id}`), kind: kind(`action ${action.action_id}`) };
    }
    case 'submission': {
      const view = envelope.data.view;
      return { key: bounded('view', `${view.id}:${viewFingerprint(view.state.values)}`), kind: kind(`view ${view.callback_id}`) };
    }
    default:
      return null;
  }
}
