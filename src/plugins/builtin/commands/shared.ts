import type { IncidentCommand } from '../../sdk/types.js';

/** What the built-in commands need from the app besides their handler context. */
export interface CommandDeps {
  /** Every registered command (built-in and plugins, overrides applied), for `help`. */
  listCommands(): IncidentCommand[];
  /** IANA zone for times shown in messages. */
  timezone: string;
}

/** "2026-11-23 10:04:05" in the configured zone, as Response printed close times. */
export function formatTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(at);
}

/** The first user mentioned in a message: `<@U123>`, `<@W123>` (Enterprise Grid) or `<@U123|name>`. */
export function firstMentionedUser(text: string): string | null {
  return /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/.exec(text)?.[1] ?? null;
}
