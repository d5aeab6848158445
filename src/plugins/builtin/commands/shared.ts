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

