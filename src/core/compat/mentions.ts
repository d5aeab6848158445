import type { CompatReadRepo, CompatUser } from './ports.js';

/** The Slack user ids `<@U…>` mentioned in these texts. */
export function mentionedIn(texts: string[]): string[] {
  const ids = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/<@(U[A-Z0-9]+)>/g)) if (m[1]) ids.add(m[1]);
  return [...ids];
}

/**
 * The people these Slack ids name, for the original's `*_ui` text (`<@U…>` as `@name`) and its
 * user objects: one statement for a whole page. A helper of the verbs (after they authorised), not a verb.
 */
export async function peopleNamed(compat: CompatReadRepo, slackIds: string[]): Promise<CompatUser[]> {
  return slackIds.length ? compat.usersBySlackId(slackIds) : [];
}
