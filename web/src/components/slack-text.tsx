import type { ReactNode } from 'react';
import { replaceEmoji } from '../lib/emoji';
import { knownUserName, useUserName } from '../lib/users';

// `https://…` with no whitespace, control characters, backslashes, quotes or angle brackets can
// only have the scheme it starts with, so it is returned as written without a parse: one
// `new URL` is cheap, but a long timeline renders thousands of links at once.
const PLAIN_WEB_URL = /^https?:\/\/[^\s\p{Cc}\\"'<>`]+$/u;

/** Only these schemes become links; anything else (javascript:, data:…) is shown as text. */
export function safeHref(url: string): string | null {
  if (PLAIN_WEB_URL.test(url)) return url;
  try {
    const u = new URL(url, window.location.origin);
    return ['http:', 'https:', 'mailto:', 'slack:'].includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

const mention = (slackId: string, name: string, key?: string) => (
  <span key={key} className="mention" title={slackId}>
    {`@${name}`}
  </span>
);

export function UserMention({ slackId }: { slackId: string }) {
  return mention(slackId, useUserName(slackId));
}

/** Slack escapes only these three in message text. */
const decodeEntities = (s: string) => (s.includes('&') ? s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : s);

const TOKEN = /<([^<>\n]+)>|```([\s\S]+?)```|`([^`\n]+)`|(?<![\p{L}\p{N}])\*([^*\n]+)\*(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_([^_\n]+)_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])~([^~\n]+)~(?![\p{L}\p{N}])|\n/gu;

function renderAngle(inner: string, key: string): ReactNode {
  const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
  if (target.startsWith('@')) {
    const slackId = target.slice(1);
    // A name once known stays as it is for the page's life, so it needs no subscription: a
    // timeline that mentions the same people thousands of times renders plain spans rather
    // than a component, state and effect per mention.
    const name = knownUserName(slackId);
    return name === undefined ? <UserMention key={key} slackId={slackId} /> : mention(slackId, name, key);
  }
  if (target.startsWith('#')) return <span key={key} className="channel-ref">#{label ?? target.slice(1)}</span>;
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0];
    return <span key={key} className="mention">{label ?? `@${special}`}</span>;
  }
  const href = safeHref(decodeEntities(target));
  const text = decodeEntities(label ?? target);
  if (!href) return <span key={key}>{text}</span>;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {text}
    </a>
  );
}

/** Renders Slack mrkdwn (mentions, channels, links, emoji, *bold*, _italic_, ~strike~, `code`) as React elements. */
export function renderSlackMarkup(text: string, keyPrefix = 's'): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  const plain = (s: string) => {
    if (s) out.push(replaceEmoji(decodeEntities(s)));
  };
  for (const m of text.matchAll(TOKEN)) {
    plain(text.slice(last, m.index));
    last = m.index + m[0].length;
    const key = `${keyPrefix}${n++}`;
    if (m[1] !== undefined) out.push(renderAngle(m[1], key));
    else if (m[2] !== undefined) out.push(<pre key={key} className="code-block">{decodeEntities(m[2])}</pre>);
    else if (m[3] !== undefined) out.push(<code key={key}>{decodeEntities(m[3])}</code>);
    else if (m[4] !== undefined) out.push(<strong key={key}>{renderSlackMarkup(m[4], `${key}-`)}</strong>);
    else if (m[5] !== undefined) out.push(<em key={key}>{renderSlackMarkup(m[5], `${key}-`)}</em>);
    else if (m[6] !== undefined) out.push(<s key={key}>{renderSlackMarkup(m[6], `${key}-`)}</s>);
    else out.push(<br key={key} />);
  }
  plain(text.slice(last));
  return out;
}

export function SlackText({ text }: { text: string }) {
  return <>{renderSlackMarkup(text)}</>;
}
