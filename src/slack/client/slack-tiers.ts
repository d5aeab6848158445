/**
 * Slack's Web API rate limits, as Response budgets them (flows/… never read this: the pacer does).
 *
 * Figures: docs.slack.dev/apis/web-api/rate-limits — Tier 1 "1+ per minute", Tier 2 "20+ per minute",
 * Tier 3 "50+ per minute", Tier 4 "100+ per minute", all per method per workspace (per app token);
 * `chat.postMessage` is "special": about one message per second per channel, short bursts allowed
 * (the same page). A method's tier is on its own page,
 * docs.slack.dev/reference/methods/<method> ("Rate limits"). We budget the documented minimum ("20+"
 * is 20): Slack may allow more, never less.
 */

export type SlackTier = 1 | 2 | 3 | 4;

/** Calls per minute per workspace by tier (docs.slack.dev/apis/web-api/rate-limits). */
export const TIER_PER_MINUTE: Record<SlackTier, number> = { 1: 1, 2: 20, 3: 50, 4: 100 };

/** How many calls a method may make per window, workspace-wide or per channel. */
export interface MethodBudget {
  calls: number;
  windowMs: number;
  /** Budgeted per channel (`chat.postMessage`): a busy channel doesn't slow the others. */
  perChannel?: boolean;
}

const tier = (t: SlackTier): MethodBudget => ({ calls: TIER_PER_MINUTE[t], windowMs: 60_000 });

/**
 * The methods Response calls, by the tier on each one's docs.slack.dev/reference/methods page.
 * One table: add a method here when Response starts calling it (an unknown one is budgeted as Tier 3,
 * the tier of most methods that act on one conversation).
 */
export const SLACK_METHOD_BUDGETS: Readonly<Record<string, MethodBudget>> = {
  // "Special": 1 per second per channel, short bursts tolerated (rate-limits page).
  'chat.postMessage': { calls: 1, windowMs: 1000, perChannel: true },
  'chat.postEphemeral': tier(4),
  'chat.update': tier(3),
  'chat.getPermalink': tier(4),
  'conversations.create': tier(2),
  'conversations.invite': tier(3),
  'conversations.join': tier(3),
  'conversations.setTopic': tier(2),
  'conversations.rename': tier(2),
  'conversations.unarchive': tier(2),
  'conversations.list': tier(2),
  'conversations.info': tier(3),
  'conversations.open': tier(3),
  'conversations.history': tier(3),
  'conversations.replies': tier(3),
  'bookmarks.add': tier(2),
  'bookmarks.list': tier(3),
  'reactions.add': tier(3),
  'reactions.get': tier(3),
  'reactions.remove': tier(2),
  'users.info': tier(4),
  'users.list': tier(2),
  'views.open': tier(4),
  'views.update': tier(4),
  'views.push': tier(4),
  'auth.test': tier(4),
};

export const DEFAULT_BUDGET: MethodBudget = tier(3);

/**
 * The token bucket a budget becomes in one process. Across replicas the budget is divided by their
 * number (SLACK_REPLICAS) rather than shared through the database: a shared counter would cost a
 * round trip and a hot row on every Slack call, while a fixed share needs nothing and errs on the
 * safe side (a replica with nothing to do leaves its share unused; a 429 is still honoured).
 *
 * `burst` calls may go at once; the bucket then refills at `(calls - burst) / window`, so that no
 * window of `windowMs` ever sees more than `calls` (Slack counts over a window: a bucket refilling at
 * the full rate after a burst would go over by the burst every window).
 */
export function bucketOf(budget: MethodBudget, replicas: number): { burst: number; refillPerMs: number } {
  const calls = budget.calls / Math.max(1, replicas);
  const burst = Math.max(1, Math.floor(calls / 10));
  const refill = calls > burst ? calls - burst : calls;
  return { burst, refillPerMs: refill / budget.windowMs };
}
