import type { UserRef } from '../../core/incident/model.js';
import type { CadenceCounts, Distribution, InsightsAnswer, SeverityDistribution } from '../../core/insights/ports.js';
import { presentUserRef } from './present.js';

// The answers of the web UI's own endpoints (/me, /insights, /tokens). They live here, not inline in the
// routes, so `src/http/api-types.ts` can name their shapes and the web UI type-checks against them.

export interface MeInput {
  user: UserRef | null;
  isAdmin: boolean;
  via: 'token' | 'session' | 'anonymous';
  loginRequired: boolean;
  sandboxUrl: string | null;
  /** From getMyPermissions (spelled out so the web UI's type-check doesn't pull in the permission checks). */
  can: { declarePrivate: boolean; manageApiTokens: boolean; manageWebhooks: boolean };
}

export const presentMe = (m: MeInput) => ({
  user: m.user ? presentUserRef(m.user) : null,
  is_admin: m.isAdmin,
  via: m.via,
  login_required: m.loginRequired,
  // Beside the sandbox, channel links open the sandbox's channels (not slack://) and the header links back to it.
  sandbox_url: m.sandboxUrl,
  // What the UI may offer (PERMISSION_*): the private checkbox, the token settings.
  can: { declare_private: m.can.declarePrivate, manage_api_tokens: m.can.manageApiTokens, manage_webhooks: m.can.manageWebhooks },
});

const presentDistribution = (d: Distribution) => ({ count: d.count, median_seconds: d.medianSeconds, p90_seconds: d.p90Seconds });
const presentBySeverity = (d: SeverityDistribution) => ({ severity: d.severity, ...presentDistribution(d) });
const presentCadence = (c: CadenceCounts) => ({ on_cadence: c.onCadence, late: c.late, unscheduled: c.unscheduled });

export const presentInsights = (i: InsightsAnswer) => ({
  from: i.from.toISOString(),
  to: i.to.toISOString(),
  type: i.type,
  severity: i.severity,
  // One count per severity key beside the week (keys are configured; `none` for no severity).
  per_week: i.perWeek.map((w): { week: string; week_start: string; [severity: string]: string | number } => ({ ...w.counts, week: w.week, week_start: w.weekStart })),
  time_to_resolve: i.timeToResolve.map(presentBySeverity),
  open_now: i.openNow,
  busiest_leads: i.busiestLeads.map((l) => ({ user: presentUserRef(l.user), count: l.count })),
  time_to_first_update: { overall: presentDistribution(i.timeToFirstUpdate.overall), by_severity: i.timeToFirstUpdate.bySeverity.map(presentBySeverity) },
  time_to_identify: { overall: presentDistribution(i.timeToIdentify.overall), by_severity: i.timeToIdentify.bySeverity.map(presentBySeverity) },
  update_cadence: {
    ...presentCadence(i.updateCadence),
    late_by: presentDistribution(i.updateCadence.lateBy),
    by_severity: i.updateCadence.bySeverity.map((c) => ({ severity: c.severity, ...presentCadence(c) })),
  },
  people: {
    incidents: i.people.incidents,
    distinct_people: i.people.distinctPeople,
    per_incident: i.people.perIncident,
    person_hours: i.people.personHours,
  },
  follow_ups: i.followUps,
  by_type: i.byType,
  by_severity: i.bySeverity,
  /** One entry per single-select custom field: `counts` per option (then other stored values, then `none`). */
  by_field: i.byField,
});

export const presentToken = (t: { name: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) => ({
  name: t.name,
  created_at: t.createdAt.toISOString(),
  last_used_at: t.lastUsedAt?.toISOString() ?? null,
  revoked_at: t.revokedAt?.toISOString() ?? null,
});

/** The one answer that carries a token's secret: POST /api/v1/tokens. */
export const presentCreatedToken = (t: Parameters<typeof presentToken>[0], secret: string) => ({ ...presentToken(t), token: secret });
