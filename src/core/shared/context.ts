/** Who is acting. Written to the timeline and change log so every change says who made it. */
export type Actor =
  | { kind: 'slack_user'; slackId: string }
  | { kind: 'web_user'; slackId: string | null; label?: string }
  | { kind: 'api_token'; tokenName: string }
  | { kind: 'system'; job: string }
  /** `pluginLabel`: how the plugin names itself ("Jira"), when it has a label. */
  | { kind: 'plugin'; plugin: string; slackId?: string; pluginLabel?: string };

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Carried into every core verb: never a Bolt or HTTP object. */
export interface Ctx {
  actor: Actor;
  clock: Clock;
  requestId?: string;
  /**
   * Set when this call may be replayed (a Slack delivery handled again after a crash or a
   * failure): creation verbs make their effect once per key and return the earlier result.
   */
  idempotencyKey?: string;
  /**
   * The Slack channel the actor acted in, set only by the Slack edge from a signed event or
   * interaction: Slack lets only members act in a private channel, so acting in an incident's
   * comms channel proves membership before Slack's member_joined_channel event has been recorded.
   */
  slackChannelId?: string;
}

/** The Slack user behind an actor, when there is one (for "reporter = submitter" and authorship). */
export function actorSlackId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'slack_user':
      return actor.slackId;
    case 'web_user':
      return actor.slackId;
    case 'plugin':
      return actor.slackId ?? null;
    default:
      return null;
  }
}

/** A short human label, e.g. for timeline text when no Slack user is behind the change. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'slack_user':
      return `<@${actor.slackId}>`;
    case 'web_user':
      return actor.slackId ? `<@${actor.slackId}>` : (actor.label ?? 'a web user');
    case 'api_token':
      return `API token "${actor.tokenName}"`;
    case 'system':
      return `Response (${actor.job})`;
    case 'plugin':
      return actor.slackId ? `<@${actor.slackId}> via ${actor.pluginLabel ?? actor.plugin}` : (actor.pluginLabel ?? `plugin ${actor.plugin}`);
  }
}
