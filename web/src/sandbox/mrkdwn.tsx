import type { ReactNode } from 'react';
import { emoji } from './emoji';
import { renderSlackDate } from './slack-date';
import type { Directory, TextObj } from './types';

/** Slack escapes only these three in message text. */
function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function safeHref(url: string): string | undefined {
  return /^(https?:|mailto:)/i.test(url) ? url : undefined;
}

/** `<…>`: links, user and channel mentions, special mentions. */
function angle(inner: string, dir: Directory, key: string): ReactNode {
  const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
  if (target.startsWith('@')) return <span key={key} className="sb-mention">@{dir.user(target.slice(1))}</span>;
  if (target.startsWith('#')) {
    const id = target.slice(1);
    // Like Slack, a channel mention opens the channel (the sandbox page catches its own links).
    return (
      <a key={key} className="sb-mention" href={`/sandbox/archives/${encodeURIComponent(id)}`}>
        #{label ?? dir.channel(id) ?? id}
      </a>
    );
  }
  if (target.startsWith('!date^')) return <time key={key}>{renderSlackDate(target) ?? decode(label ?? '')}</time>;
  if (target.startsWith('!')) return <span key={key} className="sb-mention">@{label ?? target.slice(1).replace(/\^.*$/, '')}</span>;
  const href = safeHref(target);
  const text = decode(label ?? target);
  return href ? (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <span key={key}>{text}</span>
  );
}

const INLINE = /(`[^`\n]+`)|(<[^<>\n]+>)|((?<![\w*])\*[^*\n]+\*(?![\w*]))|((?<![\w_])_[^_\n]+_(?![\w_]))|((?<![\w~])~[^~\n]+~(?![\w~]))|(:[a-z0-9_+'-]+(?:::skin-tone-\d)?:)|(https?:\/\/[^\s<>|]+[^\s<>|.,;:!?)])/g;

function inline(text: string, dir: Directory, keyBase: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push(decode(text.slice(last, at)));
    const tok = m[0];
    const key = `${keyBase}.${n++}`;
    if (m[1]) out.push(<code key={key}>{decode(tok.slice(1, -1))}</code>);
    else if (m[2]) out.push(angle(tok.slice(1, -1), dir, key));
    else if (m[3]) out.push(<strong key={key}>{inline(tok.slice(1, -1), dir, key)}</strong>);
    else if (m[4]) out.push(<em key={key}>{inline(tok.slice(1, -1), dir, key)}</em>);
    else if (m[5]) out.push(<s key={key}>{inline(tok.slice(1, -1), dir, key)}</s>);
    else if (m[7]) {
      // Slack links bare URLs when it shows them.
      out.push(
        <a key={key} href={decode(tok)} target="_blank" rel="noopener noreferrer">
          {decode(tok)}
        </a>,
      );
    } else {
      const e = emoji(tok.slice(1, -1));
      out.push(e ? <span key={key} title={tok}>{e}</span> : tok);
    }
    last = at + tok.length;
  }
  if (last < text.length) out.push(decode(text.slice(last)));
  return out;
}

/** Slack mrkdwn as React nodes: every piece of text stays text (no HTML is ever injected). */
export function Mrkdwn({ text, dir }: { text: string; dir: Directory }): ReactNode {
  const parts = text.split(/```/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <pre key={i} className="sb-pre">
            {decode(part.replace(/^\n/, ''))}
          </pre>
        ) : (
          part.split('\n').map((line, j, lines) => {
            const quote = /^(&gt;|>)\s?/.exec(line);
            const body = inline(quote ? line.slice(quote[0].length) : line, dir, `${i}.${j}`);
            if (quote) return <blockquote key={`${i}.${j}`}>{body}</blockquote>;
            return (
              <span key={`${i}.${j}`}>
                {body}
                {j < lines.length - 1 ? <br /> : null}
              </span>
            );
          })
        ),
      )}
    </>
  );
}

/** A text object: mrkdwn rendered, plain_text as it is (with :emoji: like Slack's `emoji: true`). */
export function Text({ t, dir }: { t: TextObj | undefined; dir: Directory }): ReactNode {
  if (!t) return null;
  if (t.type === 'mrkdwn') return <Mrkdwn text={t.text} dir={dir} />;
  return <>{t.text.replace(/:([a-z0-9_+'-]+):/g, (all, name: string) => emoji(name) ?? all)}</>;
}
