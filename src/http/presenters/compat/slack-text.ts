import type { CompatUser } from '../../../core/compat/ports.js';

/**
 * The original's `text_ui`/`details_ui` (slack_to_human_readable): `<@U123>` becomes `@name` and
 * `<#C123|name>` becomes `#name`. A mention of someone we don't know stays as Slack wrote it (the
 * original asked Slack; we don't call Slack while answering an API request).
 */
export function humanReadable(text: string, people: Map<string, CompatUser> = new Map()): string {
  return text
    .replace(/<@(U[A-Z0-9]+)>/g, (whole, id: string) => {
      const person = people.get(id);
      return person ? `@${person.displayName}` : whole;
    })
    .replace(/<#C[A-Z0-9]+\|([-a-zA-Z0-9]+)>/g, '#$1');
}
