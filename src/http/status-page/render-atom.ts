import type { PublicIncidentView, StatusPageView } from '../../core/status-page/read-status-page.js';
import { escapeMarkup as e } from './escape.js';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function content(i: PublicIncidentView): string {
  const html = i.updates.map((u) => `<p><strong>${e(capital(u.status))}</strong> (${e(u.postedAt.toISOString())}): ${e(u.body)}</p>`).join('');
  // The entry's content is HTML carried as escaped text (type="html"), so it is escaped twice.
  return e(html);
}

/**
 * `/status/feed.atom` (RFC 4287): one entry per public incident of the page (current and the last
 * 90 days), updated whenever a new public update is posted; its content lists the public updates.
 */
export function renderStatusAtom(view: StatusPageView, pageUrl: string): string {
  const incidents = [...view.current, ...view.history.flatMap((d) => d.incidents)].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  // The feed changes only when something is published: a constant date (the epoch) while nothing is.
  const updated = incidents[0]?.updatedAt ?? new Date(0);
  const entries = incidents.map(
    (i) => `  <entry>
    <id>${e(`${pageUrl}#incident-${i.id}`)}</id>
    <title>${e(`${i.title} (${i.status})`)}</title>
    <updated>${i.updatedAt.toISOString()}</updated>
    <published>${i.startedAt.toISOString()}</published>
    <link rel="alternate" type="text/html" href="${e(`${pageUrl}#incident-${i.id}`)}"/>
    <content type="html">${content(i)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${e(pageUrl)}</id>
  <title>${e(view.title)}</title>
  <updated>${updated.toISOString()}</updated>
  <author><name>${e(view.title)}</name></author>
  <link rel="alternate" type="text/html" href="${e(pageUrl)}"/>
  <link rel="self" type="application/atom+xml" href="${e(`${pageUrl}/feed.atom`)}"/>
${entries.join('\n')}
</feed>
`;
}
