/**
 * Slack's documented Web API rate limits, as token buckets (see README "Rate limits" for every figure's source).
 *
 * Slack states budgets per minute ("Tier 2: 20+ per minute") "per API method per workspace per app" and
 * tolerates bursts without saying how big. A bucket holds `burst` calls and refills at `perMinute`/60 a
 * second: in any 60 s window at most `perMinute + burst` calls pass, never fewer than `perMinute` (the "+").
 * The emulator is one workspace and one app, so a bucket is per method (and per channel for posts).
 */

/** A per-minute budget with a burst allowance: a bucket of `burst` calls refilled at `perMinute` a minute. */
export interface BucketLimit {
  perMinute: number;
  burst: number;
}

export type SlackTier = 'tier1' | 'tier2' | 'tier3' | 'tier4';

/**
 * Tiers from docs.slack.dev/apis/web-api/rate-limits (1+, 20+, 50+, 100+ per minute). Bursts are ours: a
 * tenth of the minute's budget (at least 1), since the page only says "small" (Tier 1), "occasional" (2),
 * "sporadic" (3) and "generous" (4) bursts.
 */
export const SLACK_TIERS: Readonly<Record<SlackTier, BucketLimit>> = {
  tier1: { perMinute: 1, burst: 1 },
  tier2: { perMinute: 20, burst: 2 },
  tier3: { perMinute: 50, burst: 5 },
  tier4: { perMinute: 100, burst: 10 },
};

/**
 * "Special" methods that allow "hundreds of requests per minute" (auth.test and chat.getPermalink method
 * pages); 600 a minute is the figure Slack's java-slack-sdk uses for both (MethodsRateLimitTier).
 */
const HUNDREDS_PER_MINUTE: BucketLimit = { perMinute: 600, burst: 60 };

/**
 * Each method the emulator serves, by the tier its docs.slack.dev reference page gives (as mirrored in
 * slack-ruby/slack-api-ref `docs.slack.dev/methods/<method>.json`, field `rate_limits`). chat.postMessage is
 * special and has its own per-channel and workspace buckets below.
 */
export const SLACK_METHOD_TIERS: Readonly<Record<string, SlackTier | BucketLimit>> = {
  'auth.test': HUNDREDS_PER_MINUTE,
  'chat.getPermalink': HUNDREDS_PER_MINUTE,
  'chat.update': 'tier3',
  'chat.delete': 'tier3',
  'chat.postEphemeral': 'tier4',
  'conversations.create': 'tier2',
  'conversations.list': 'tier2',
  'conversations.rename': 'tier2',
  'conversations.archive': 'tier2',
  'conversations.unarchive': 'tier2',
  'conversations.setTopic': 'tier2',
  'conversations.setPurpose': 'tier2',
  'conversations.invite': 'tier3',
  'conversations.info': 'tier3',
  'conversations.history': 'tier3',
  'conversations.replies': 'tier3',
  'conversations.open': 'tier3',
  'conversations.join': 'tier3',
  'conversations.kick': 'tier3',
  'conversations.leave': 'tier3',
  'conversations.members': 'tier4',
  'users.conversations': 'tier3',
  'users.info': 'tier4',
  'users.list': 'tier2',
  'users.lookupByEmail': 'tier3',
  'views.open': 'tier4',
  'views.update': 'tier4',
  'views.push': 'tier4',
  'views.publish': 'tier4',
  'pins.add': 'tier2',
  'pins.remove': 'tier2',
  'pins.list': 'tier2',
  'reactions.add': 'tier3',
  'reactions.remove': 'tier2',
  'reactions.get': 'tier3',
  'bookmarks.add': 'tier2',
  'bookmarks.edit': 'tier2',
  'bookmarks.remove': 'tier2',
  'bookmarks.list': 'tier3',
  'apps.connections.open': 'tier3',
  'openid.connect.token': 'tier4',
  'openid.connect.userInfo': 'tier3',
};

/**
 * chat.postMessage: "1 message per second to a specific channel … Generous burst behavior is also granted"
 * (chat.postMessage page; the rate-limits page: "short bursts >1 allowed"). A burst of 3 is ours.
 */
export const SLACK_POST_PER_CHANNEL: BucketLimit = { perMinute: 60, burst: 3 };
/** chat.postMessage's workspace ceiling: "several hundred messages per minute" (same page); we take 300, burst 30. */
export const SLACK_POST_PER_WORKSPACE: BucketLimit = { perMinute: 300, burst: 30 };

/** The limits in force, fully resolved: what the emulator enforces and what `rateLimitFloorMs` reads. */
export interface ResolvedRateLimits {
  /** Slack's clock runs this many times faster: every bucket refills `speedUp` times as fast. */
  speedUp: number;
  /** Per method, per workspace. */
  methods: Record<string, BucketLimit>;
  /** chat.postMessage per channel (null: none). */
  postPerChannel: BucketLimit | null;
  /** chat.postMessage across the workspace (null: none). */
  postPerWorkspace: BucketLimit | null;
}

/** Slack's model with overrides; `{}` is Slack's documented limits as they are. */
export interface SlackRateLimitOptions {
  preset?: 'slack';
  /** Refill every bucket this many times faster (fast tests and benchmarks); default 1. Bursts stay. */
  speedUp?: number;
  /** Replace a tier's budget for every method in it. */
  tiers?: Partial<Record<SlackTier, BucketLimit>>;
  /** Per method: another tier, an own bucket, or null for no limit. */
  methods?: Record<string, SlackTier | BucketLimit | null>;
  postPerChannel?: BucketLimit | null;
  postPerWorkspace?: BucketLimit | null;
}

/** Resolves Slack's documented limits with the given overrides. */
export function slackRateLimits(opts: SlackRateLimitOptions = {}): ResolvedRateLimits {
  const speedUp = opts.speedUp ?? 1;
  if (!(speedUp > 0)) throw new Error('slack-emulator: rateLimits.speedUp must be a positive number');
  const tiers = { ...SLACK_TIERS, ...opts.tiers };
  const methods: Record<string, BucketLimit> = {};
  const table: Record<string, SlackTier | BucketLimit | null> = { ...SLACK_METHOD_TIERS, ...opts.methods };
  for (const [method, spec] of Object.entries(table)) {
    if (spec === null) continue;
    const limit = typeof spec === 'string' ? tiers[spec] : spec;
    if (!(limit.perMinute > 0) || !(limit.burst >= 1)) throw new Error(`slack-emulator: rate limit for ${method} needs perMinute > 0 and burst >= 1`);
    methods[method] = { ...limit };
  }
  return {
    speedUp,
    methods,
    postPerChannel: opts.postPerChannel === undefined ? { ...SLACK_POST_PER_CHANNEL } : opts.postPerChannel,
    postPerWorkspace: opts.postPerWorkspace === undefined ? { ...SLACK_POST_PER_WORKSPACE } : opts.postPerWorkspace,
  };
}

/** Slack's documented limits, resolved (real speed). */
export const SLACK_RATE_LIMITS: ResolvedRateLimits = slackRateLimits();

/** The buckets one call draws from, each named by a key. */
function bucketsFor(limits: ResolvedRateLimits, method: string, channel: string | undefined): [string, BucketLimit][] {
  const out: [string, BucketLimit][] = [];
  const own = limits.methods[method];
  if (own) out.push([`method:${method}`, own]);
  if (method === 'chat.postMessage') {
    if (limits.postPerChannel) out.push([`channel:${channel ?? ''}`, limits.postPerChannel]);
    if (limits.postPerWorkspace) out.push(['posts', limits.postPerWorkspace]);
  }
  return out;
}

/** Calls per minute of Slack time; arithmetic multiplies before it divides, so whole figures stay whole. */
const perMinute = (limits: ResolvedRateLimits, b: BucketLimit) => b.perMinute * limits.speedUp;

/** Enforces resolved limits with token buckets on the emulator's clock. */
export class SlackRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limits: ResolvedRateLimits,
    private readonly clock: () => number,
  ) {}

  /**
   * Takes a token from every bucket the call draws from, or none: then answers the whole seconds until each
   * of them holds one again (a rejected call costs nothing, as on Slack).
   */
  take(method: string, channel: string | undefined): { retryAfter: number } | undefined {
    const now = this.clock();
    const draws = bucketsFor(this.limits, method, channel).map(([key, limit]) => {
      const b = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
      b.tokens = Math.min(limit.burst, b.tokens + (Math.max(0, now - b.at) * perMinute(this.limits, limit)) / 60_000);
      b.at = now;
      this.buckets.set(key, b);
      return { b, limit };
    });
    const short = draws.filter((d) => d.b.tokens < 1);
    if (short.length > 0) {
      const waitMs = Math.max(...short.map((d) => ((1 - d.b.tokens) * 60_000) / perMinute(this.limits, d.limit)));
      // Whole seconds, as Slack sends them; a hair of float error must not add a second.
      return { retryAfter: Math.max(1, Math.ceil(waitMs / 1000 - 1e-9)) };
    }
    for (const d of draws) d.b.tokens -= 1;
    return undefined;
  }
}

/** Part of a workload: `calls` calls of `method` (for chat.postMessage, into `channel`). */
export interface WorkloadItem {
  method: string;
  calls: number;
  /** chat.postMessage: the channel posted to (items with different channels draw from different buckets). */
  channel?: string;
}

/**
 * The least time Slack's limits let a workload take (ms), from full buckets: for every bucket it draws on,
 * `max(0, calls - burst)` calls wait for a refill; buckets refill in parallel, so the floor is the slowest
 * bucket's. A lower bound: it ignores order between calls (a channel before its invites) and latency.
 *
 *   rateLimitFloorMs(SLACK_RATE_LIMITS, [{ method: 'chat.postMessage', calls: 50, channel: 'C1' }]) // 47 000
 *   rateLimitFloorMs(SLACK_RATE_LIMITS, [{ method: 'conversations.create', calls: 50 }])           // 144 000
 */
export function rateLimitFloorMs(limits: ResolvedRateLimits, workload: readonly WorkloadItem[]): number {
  const demand = new Map<string, { calls: number; limit: BucketLimit }>();
  for (const item of workload) {
    if (!(item.calls >= 0)) throw new Error(`slack-emulator: workload calls for ${item.method} must be >= 0`);
    for (const [key, limit] of bucketsFor(limits, item.method, item.channel)) {
      const d = demand.get(key) ?? { calls: 0, limit };
      d.calls += item.calls;
      demand.set(key, d);
    }
  }
  let floor = 0;
  for (const { calls, limit } of demand.values()) floor = Math.max(floor, (Math.max(0, calls - limit.burst) * 60_000) / perMinute(limits, limit));
  return Math.round(floor);
}
