import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { replaceEmoji } from '../lib/emoji';
import { safeHref, UserMention } from './slack-text';

const USER_LINK = '#slack-user-';

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
  return replaceEmoji(converted);
}

const escapeText = (s: string) => s.replace(/[\\`*_[\]<>()#!|~]/g, (c) => `\\${c}`);

interface HastNode {
  type: string;
  value?: string;
  children?: HastNode[];
}

/**
 * HTML typed into a summary is shown as the text it is, never parsed: raw nodes become text
 * before rehype-sanitize runs (which would otherwise drop them silently).
 */
function rehypeRawAsText() {
  const walk = (node: HastNode) => {
    if (node.type === 'raw') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: HastNode) => walk(tree);
}

/** Strips anything but http(s)/mailto/slack and same-page links; react-markdown already drops javascript:. */
function urlTransform(url: string): string {
  if (url.startsWith(USER_LINK)) return url;
  const safe = defaultUrlTransform(url);
  return safe && safeHref(safe) ? safe : '';
}

const components: Components = {
  a({ href, children }) {
    // rehype-sanitize prefixes ids/fragments with "user-content-"; accept both forms.
    const fragment = href?.replace('#user-content-', '#');
    if (fragment?.startsWith(USER_LINK)) return <UserMention slackId={decodeURIComponent(fragment.slice(USER_LINK.length))} />;
    if (!href) return <span>{children}</span>;
    return (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    );
  },
  img({ alt }) {
    // Images from arbitrary hosts would leak the viewer's IP and can be tracking pixels: show the alt text.
    return <span className="img-alt">[image: {alt ?? ''}]</span>;
  },
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeRawAsText, rehypeSanitize]} urlTransform={urlTransform} components={components} skipHtml={false}>
        {slackToMarkdown(text)}
      </ReactMarkdown>
    </div>
  );
}
