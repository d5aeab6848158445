import type { SlackObject } from '../types.js';

/** The three kinds of work Slack hands a Socket Mode app. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/**
 * What an HTTP delivery becomes on the socket. The driver builds every payload as Slack POSTs it (JSON
 * events, form-encoded commands, `payload=` interactions); Socket Mode carries the same payload, decoded,
 * inside an envelope. Returns undefined for bytes Slack would never send (forged bodies in tests).
 */
export function envelopeFor(body: string, contentType: string | undefined): { type: EnvelopeType; payload: SlackObject } | undefined {
  try {
    if ((contentType ?? 'application/json').includes('application/json')) {
      const parsed = JSON.parse(body) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { type: 'events_api', payload: parsed as SlackObject } : undefined;
    }
    const form = new URLSearchParams(body);
    const payload = form.get('payload');
    if (payload !== null) {
      const parsed = JSON.parse(payload) as unknown;
      return parsed && typeof parsed === 'object' ? { type: 'interactive', payload: parsed as SlackObject } : undefined;
    }
    return { type: 'slash_commands', payload: Object.fromEntries(form) };
  } catch {
    return undefined;
  }
}

/**
 * Slack reads an ack's payload only where the HTTP answer's body would have mattered: a slash command's
 * reply, a view submission's response_action, a block_suggestion's options. Events and button presses
 * ignore it.
 */
export function acceptsResponsePayload(type: EnvelopeType, payload: SlackObject): boolean {
  if (type === 'slash_commands') return true;
  return type === 'interactive' && (payload.type === 'view_submission' || payload.type === 'block_suggestion');
}
