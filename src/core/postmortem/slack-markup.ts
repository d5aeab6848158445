/**
 * Turns Slack's message markup into Markdown for documents: `<@U123>` → the person's name,
 * `<#C1|name>` → `#name`, `<https://x|label>` → `[label](https://x)`, and Slack's HTML entities back to text.
 */
export function slackToMarkdown(text: string, nameOf: (slackId: string) => string | undefined): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `@${nameOf(id) ?? label ?? id}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Slack user ids mentioned in a text, to look their names up in one go. */
export function mentionedUserIds(text: string): string[] {
  return [...text.matchAll(/<@([UW][A-Z0-9]+)/g)].map((m) => m[1] as string);
}
