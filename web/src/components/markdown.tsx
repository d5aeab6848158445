import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { replaceEmoji } from '../lib/emoji';
import { slackToMarkdown, USER_LINK } from '../lib/slack-markdown';
import { safeHref, UserMention } from './slack-text';

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
        {replaceEmoji(slackToMarkdown(text))}
      </ReactMarkdown>
    </div>
  );
}
