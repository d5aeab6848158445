import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { CoreDeps } from '../../core/store-ports.js';
import type { User } from '../../core/user/ports.js';
import type { Clock } from '../../core/shared/context.js';
import { hasNul } from '../../core/shared/input-limits.js';
import { getUser, listUsers } from '../../core/user/list-users.js';
import { recordUserProfile } from '../../core/user/record-user-profile.js';
import type { PersonMatch } from '../../plugins/sdk/types.js';
import { slackErrorCode } from '../client/web-client.js';
import { profileOf, systemCtx, type SlackUser } from './profiles.js';

/** What finding a person needs: the stored profiles, and Slack for anyone not stored yet. */
export interface PeopleDeps {
  core: CoreDeps;
  client: WebClient;
  clock: Clock;
  logger: Logger;
}

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
// Slack's directory is searched up to this many pages of 200; larger workspaces rely on the daily refresh's stored profiles too.
const LIST_PAGES = 5;

const normalise = (s: string | null | undefined) => (s ?? '').normalize('NFKC').trim().toLowerCase();
const describe = (u: { slackId: string; fullName: string | null; displayName: string }) => `<@${u.slackId}>${u.fullName ? ` (${u.fullName})` : ''}`;

/** Exact name matches first (display name, full name); a first name only when nothing matches exactly. */
function bestMatches<T extends { displayName: string; fullName: string | null }>(people: T[], wanted: string): T[] {
  const exact = people.filter((p) => normalise(p.displayName) === wanted || normalise(p.fullName) === wanted);
  if (exact.length > 0) return exact;
  return people.filter((p) => normalise(p.fullName).split(/\s+/)[0] === wanted);
}

async function byMention(deps: PeopleDeps, slackId: string): Promise<PersonMatch> {
  try {
    const res = await deps.client.users.info({ user: slackId });
    const u = res.user as SlackUser | undefined;
    if (!u?.id) return { found: false, reason: 'not_found', hint: `I can't find <@${slackId}> in this workspace.` };
    const profile = profileOf({ ...u, id: u.id });
    // Stored now, so the timeline, the doc and the API show a name from the first mention on.
    await recordUserProfile(deps.core, systemCtx(deps, 'slack-users'), profile);
    if (profile.deleted) return { found: false, reason: 'deactivated', hint: `<@${slackId}> has been deactivated in Slack.` };
    if (profile.isBot) return { found: false, reason: 'not_a_person', hint: `<@${slackId}> is an app, not a person.` };
    return { found: true, slackId, name: profile.fullName ?? profile.displayName, by: 'mention' };
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'user_not_found' || code === 'user_not_visible')
      return { found: false, reason: 'not_found', hint: `I can't find <@${slackId}> in this workspace.` };
    // Slack is down or slow: a mention Slack itself wrote is trusted rather than failing the command.
    deps.logger.warn({ err, slackId }, 'slack: could not check a mentioned user; trusting the mention');
    const stored = await getUser(deps.core, systemCtx(deps, 'slack-users'), slackId).catch(() => null);
    return { found: true, slackId, name: stored?.fullName ?? stored?.displayName ?? slackId, by: 'mention' };
  }
}

async function storedMatches(deps: PeopleDeps, wanted: string): Promise<User[]> {
  const page = await listUsers(deps.core, systemCtx(deps, 'slack-users'), { q: wanted.split(/\s+/)[0] ?? wanted, limit: 200, cursor: null });
  return bestMatches(
    page.results.filter((u) => !u.deleted && !u.isBot),
    wanted,
  );
}

async function slackMatches(deps: PeopleDeps, wanted: string): Promise<{ slackId: string; displayName: string; fullName: string | null }[]> {
  const found: ReturnType<typeof profileOf>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < LIST_PAGES; page++) {
    const res = await deps.client.users.list({ limit: 200, cursor });
    const people = ((res.members ?? []) as SlackUser[]).filter((u) => u.id && !u.deleted && !u.is_bot).map((u) => profileOf({ ...u, id: u.id as string }));
    found.push(...bestMatches(people, wanted));
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  for (const profile of found) await recordUserProfile(deps.core, systemCtx(deps, 'slack-users'), profile);
  return found;
}

/**
 * The person a command names: a mention (checked with users.info, which also stores their
 * profile), or a name or handle that matches exactly one person (stored profiles first, then
 * Slack's directory). Never the speaker by default: a name nobody has is an answer, not a guess.
 */
export async function findPerson(deps: PeopleDeps, text: string): Promise<PersonMatch> {
  const trimmed = text.trim();
  const mention = MENTION.exec(trimmed);
  if (mention?.[1]) return byMention(deps, mention[1]);
  const wanted = normalise(trimmed.replace(/^@/, ''));
  if (!wanted || wanted.length > 100 || /[<>]/.test(wanted) || hasNul(wanted))
    return { found: false, reason: 'not_found', hint: 'I need a person: mention them with @ so Slack picks the right one.' };
  // The stored profiles may be partial (the daily refresh has not run, or someone joined since),
  // so Slack's directory is asked too: a name is only "unique" if nobody else in either has it.
  const byId = new Map<string, { slackId: string; displayName: string; fullName: string | null }>();
  for (const u of await storedMatches(deps, wanted)) byId.set(u.slackId, u);
  try {
    for (const u of await slackMatches(deps, wanted)) byId.set(u.slackId, u);
  } catch (err) {
    deps.logger.warn({ err }, 'slack: could not search the workspace for a name; using the stored profiles');
  }
  const matches = bestMatches([...byId.values()], wanted).sort((a, b) => (a.fullName ?? a.displayName).localeCompare(b.fullName ?? b.displayName));
  if (matches.length === 1 && matches[0]) {
    const only = matches[0];
    return { found: true, slackId: only.slackId, name: only.fullName ?? only.displayName, by: 'name' };
  }
  if (matches.length === 0) return { found: false, reason: 'not_found', hint: `I don't know anyone called "${trimmed}". Mention them with @ so Slack picks the right person.` };
  const listed = matches.slice(0, 5).map(describe).join(', ');
  return { found: false, reason: 'ambiguous', hint: `"${trimmed}" could be ${listed}${matches.length > 5 ? ' or others' : ''}. Mention the one you mean with @.` };
}
