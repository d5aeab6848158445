// Pure string work (no imports), so it is unit-tested under Node as well as bundled for the browser.

/** Mentions become links to this fragment; the Markdown component renders them as names. */
export const USER_LINK = '#slack-user-';

const escapeLabel = (s: string) => s.replace(/[[\]\\]/g, (c) => `\\${c}`);

/**
 * Summaries are written in Slack and on the web, so they carry Slack markup inside markdown.
 * Turn the Slack parts into markdown first (mentions become a marker link that renders as a name),
 * then let react-markdown build elements. Raw HTML is never parsed as HTML.
 */
export function slackToMarkdown(text: string): string {
  // Slack-style links to any other scheme (javascript:, data:…) keep only their label, as text.
  const neutralised = text.replace(/<(?!(?:https?|mailto):)([a-z][a-z0-9+.-]*:[^<>|\s]+)(?:\|([^<>]*))?>/gi, (_whole, target: string, label?: string) => escapeText(label ?? target));
  const converted = neutralised.replace(/<([@#!])([^<>|\s]+)(?:\|([^<>]*))?>|<((?:https?|mailto):[^<>|\s]+)(?:\|([^<>]*))?>/g, (whole, sigil?: string, id?: string, idLabel?: string, url?: string, label?: string) => {
    if (url) return `[${escapeLabel(label ?? url)}](<${url.replace(/[<>]/g, '')}>)`;
    if (sigil === '@' && id) return `[@${id}](${USER_LINK}${encodeURIComponent(id)})`;
    if (sigil === '#') return `#${idLabel ?? id}`;
    if (sigil === '!') return idLabel ?? `@${id?.split('^')[0]}`;
    return whole;
  });
  return converted;
}

const escapeText = (s: string) => s.replace(/[\\`*_[\]<>()#!|~]/g, (c) => `\\${c}`);
