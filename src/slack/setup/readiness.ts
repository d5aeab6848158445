import type { WebClient } from '@slack/web-api';

/** How often the readiness check really calls auth.test; in between it answers from cache. */
const READINESS_TTL_MS = 60_000;

/** The `slack` readiness check: auth.test answers, at most once a minute. */
export function slackReadiness(client: WebClient): () => Promise<boolean> {
  let checkedAt = 0;
  let healthy = true;
  return async () => {
    const now = Date.now();
    if (now - checkedAt < READINESS_TTL_MS) return healthy;
    checkedAt = now;
    healthy = await client.auth.test().then(
      () => true,
      () => false,
    );
    return healthy;
  };
}
