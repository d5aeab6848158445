import { capitalise } from '../lib/format';
import { NO_SEVERITY, type SeverityScale } from '../lib/severities';
import type { Severity, Status } from '../lib/types';

/** Colour by rank: the four most severe levels have their own, the rest share the last. */
const rankClass = (rank: number) => `sev-rank-${Math.min(Math.max(rank, 1), 4)}`;

export function SeverityBadge({ severity, scale }: { severity: Severity | null; scale: SeverityScale }) {
  if (!severity) {
    return (
      <span className="badge sev-none">
        <span aria-hidden="true">{NO_SEVERITY.emoji}</span> {NO_SEVERITY.label}
      </span>
    );
  }
  const level = scale.of(severity);
  return (
    <span className={`badge ${rankClass(level.rank)}`}>
      <span aria-hidden="true">{level.emoji}</span> {level.label}
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
