import type { Status } from '../../core/incident/model.js';
import { NO_SEVERITY } from '../../core/shared/incident-process.js';

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Slack mrkdwn needs &, < and > escaped in user text (mentions and links we build stay intact). */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cuts text to Slack's limit for a field, marking the cut. */
export const truncate = (s: string, max: number) => (s.length <= max ? s : cutAt(s, max - 1) + '…');

/** Block Kit's limits that long incident texts meet (section text; a message's text; a text input's value). */
export const SECTION_TEXT_MAX = 3000;
export const MESSAGE_TEXT_MAX = 40000;
export const TEXT_INPUT_MAX = 3000;

/** The first `max` UTF-16 units, never ending inside a surrogate pair or a `<…>` link or mention. */
function cutAt(s: string, max: number): string {
  let cut = s.slice(0, Math.max(0, max));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return cut;
}

/**
 * Long mrkdwn made to fit a Block Kit field: cut before the limit and ended with a link to where
 * the whole text is (the incident doc). The stored text is never cut; only what Slack shows.
 */
export function fitMrkdwn(text: string, max: number, fullTextUrl: string, label = 'Read the rest in the incident doc'): string {
  if (text.length <= max) return text;
  const more = `… <${fullTextUrl}|${label}>`;
  return cutAt(text, max - more.length) + more;
}

export const STATUS_EMOJI: Record<Status, string> = {
  reported: '📓',
  investigating: '🔥',
  identified: '🔥',
  monitoring: '🔥',
  resolved: '💧',
};

/** The emoji of an incident's severity (`incident.severityLevel`), or a cloud without one. */
export const severityEmoji = (level: { emoji: string } | null) => level?.emoji ?? NO_SEVERITY.emoji;
/** The label of an incident's severity (`incident.severityLevel`), or "-" without one. */
export const severityText = (level: { label: string } | null) => level?.label ?? '-';
export const mention = (user: { slackId: string } | null | undefined) => (user ? `<@${user.slackId}>` : '-');

/**
 * A moment as Slack shows it to each reader in their own time zone ("today at 06:20", or just "06:20"
 * with `only: 'time'`); clients that can't render it show the fallback, in `timezone` (default UTC).
 */
export function slackDate(at: Date, timezone = 'UTC', only: 'date_time' | 'time' = 'date_time'): string {
  const fallback = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    ...(only === 'time' ? {} : { day: 'numeric', month: 'short', year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  } as const).format(at);
  return `<!date^${Math.floor(at.getTime() / 1000)}^${only === 'time' ? '{time}' : '{date_short_pretty} at {time}'}|${fallback}>`;
}

/** Slack's message ts ("1700000000.000100") as a moment; undefined for anything else. */
export function slackTsDate(ts: string | undefined): Date | undefined {
  return ts && /^\d{1,10}(\.\d{1,6})?$/.test(ts) && Number(ts) > 0 ? new Date(Math.round(Number(ts) * 1000)) : undefined;
}
