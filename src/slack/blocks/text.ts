import { SEVERITY_EMOJI, type Severity, type Status } from '../../core/incident/model.js';

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Slack mrkdwn needs &, < and > escaped in user text (mentions and links we build stay intact). */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cuts text to Slack's limit for a field, marking the cut. */
export const truncate = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

export const STATUS_EMOJI: Record<Status, string> = {
  reported: '📓',
  investigating: '🔥',
  identified: '🔥',
  monitoring: '🔥',
  resolved: '💧',
};

export const severityEmoji = (severity: Severity | null) => SEVERITY_EMOJI[severity ?? 'none'];
export const severityText = (severity: Severity | null) => (severity ? capitalise(severity) : '-');
export const mention = (user: { slackId: string } | null | undefined) => (user ? `<@${user.slackId}>` : '-');
