import { DUE_DATE_FORMS, localDate, looksLikeDate, parseDueDate } from '../../../core/action/due-date.js';

/** What `@incident action <text> [@owner] [by <date>] [--jira|--linear]` asks for. */
export type ActionArgs =
  { ok: true; details: string; owner: string | null; dueDate: string | null; tracker: 'jira' | 'linear' | null } | { ok: false; hint: string };

/** `--jira` / `--linear` as a word of its own, anywhere in the text (Slack may turn `--` into an em dash). */
const TRACKER_FLAG = /(^|\s)(?:--|—)(jira|linear)(?=\s|$)/gi;

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;
const TRAILING_MENTION = new RegExp(`\\s*${MENTION.source}\\s*$`);
const TRAILING_BY = /\s+by\s+([^<>]+?)\s*$/i;
/** `… in 3 days` reads as a due date without the `by`. */
const TRAILING_IN = /\s+(in\s+(?:\d{1,4}|a|an|one)\s+(?:days?|weeks?))\s*$/i;

export const ACTION_USAGE = '`@incident action <what needs doing> [@owner] [by <date>] [--jira|--linear]`';

/**
 * Reads the command's words. The owner is a trailing mention (taken out of the text), else the first
 * person mentioned in it (left in: "<@U1> to roll back"). The due date is a trailing `by <date>` in
 * `timezone` (or a trailing `in N days`), counted from `now` (when the command was said); a `by …` that reads like a date but
 * isn't one is refused with the forms that work, while `caused by the deploy` stays words.
 */
export function parseActionArgs(args: string, now: Date, timezone: string): ActionArgs {
  const trackers = new Set([...args.matchAll(TRACKER_FLAG)].map((m) => (m[2] as string).toLowerCase() as 'jira' | 'linear'));
  if (trackers.size > 1) return { ok: false, hint: `Choose one of \`--jira\` or \`--linear\`: ${ACTION_USAGE}` };
  const tracker = [...trackers][0] ?? null;
  // Only a flag's own gap is closed: the rest of the text (line breaks too) is kept as typed.
  let text = (tracker ? args.replace(TRACKER_FLAG, '$1').replace(/ {2,}/g, ' ') : args).trim();
  let owner: string | null = null;
  let dueDate: string | null = null;
  const takeTrailingMention = () => {
    const m = TRAILING_MENTION.exec(text);
    if (!m || owner) return;
    owner = m[1] as string;
    text = text.slice(0, m.index).trim();
  };
  takeTrailingMention();
  const by = TRAILING_BY.exec(text) ?? TRAILING_IN.exec(text);
  if (by && looksLikeDate(by[1] as string)) {
    const when = by[1] as string;
    dueDate = parseDueDate(when, now, timezone);
    if (!dueDate) return { ok: false, hint: `I couldn't read "${when}" as a date. Say when it is due as ${DUE_DATE_FORMS}: ${ACTION_USAGE}` };
    if (dueDate < localDate(now, timezone)) return { ok: false, hint: `${dueDate} is in the past: give a due date from today on, ${ACTION_USAGE}` };
    text = text.slice(0, by.index).trim();
    takeTrailingMention();
  }
  if (!owner) owner = MENTION.exec(text)?.[1] ?? null;
  if (!text) return { ok: false, hint: `Tell me what needs doing: ${ACTION_USAGE}` };
  return { ok: true, details: text, owner, dueDate, tracker };
}
