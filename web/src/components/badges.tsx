import { capitalise } from '../lib/format';
import type { Severity, Status } from '../lib/types';

export const SEVERITY_EMOJI: Record<Severity | 'none', string> = {
  critical: '⛈️',
  major: '🌧️',
  minor: '🌦️',
  trivial: '🌤️',
  none: '☁️',
};

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  const key = severity ?? 'none';
  return (
    <span className={`badge sev-${key}`}>
      <span aria-hidden="true">{SEVERITY_EMOJI[key]}</span> {severity ? capitalise(severity) : 'No severity'}
    </span>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  const live = status !== 'resolved' && status !== 'reported';
  return (
    <span className={`badge status-${status}`}>
      {live && <span className="live-dot" aria-hidden="true" />}
      {capitalise(status)}
    </span>
  );
}

export function PrivateBadge() {
  return (
    <span className="badge private" title="Visible only to members of the comms channel and admins">
      <span aria-hidden="true">🔒</span> Private
    </span>
  );
}
