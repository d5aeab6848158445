import { COMPONENT_STATUS_LABEL, type ComponentStatus } from '../../core/status-page/ports.js';
import type { PublicIncidentView, StatusPageView } from '../../core/status-page/read-status-page.js';
import { escapeMarkup as e } from './escape.js';

const COLOUR: Record<ComponentStatus, string> = {
  operational: '#1f883d',
  under_maintenance: '#0969da',
  degraded_performance: '#bf8700',
  partial_outage: '#d1700a',
  major_outage: '#cf222e',
};

const CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:760px;margin:0 auto;padding:24px 16px}h1{font-size:1.6rem;margin:0 0 16px}h2{font-size:1.15rem;margin:28px 0 8px}
.banner{padding:14px 18px;border-radius:8px;color:#fff;font-weight:600}.stale{background:#fff8c5;border:1px solid #d4a72c;padding:10px 14px;border-radius:8px;margin-bottom:12px}
ul{list-style:none;padding:0;margin:0}.components li{display:flex;justify-content:space-between;gap:12px;padding:10px 14px;background:#fff;border:1px solid #d0d7de;border-top:none}
.components li:first-child{border-top:1px solid #d0d7de;border-radius:8px 8px 0 0}.components li:last-child{border-radius:0 0 8px 8px}.group{font-weight:600;margin:12px 0 4px}
.desc{color:#59636e;font-size:.85rem}.st{font-weight:600;white-space:nowrap}.incident{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin-bottom:12px}
.incident h3{margin:0 0 6px;font-size:1.05rem}.update{margin:8px 0 0}.update strong{text-transform:capitalize}time{color:#59636e;font-size:.85rem}
.day{margin-top:14px}.day h3{font-size:.95rem;border-bottom:1px solid #d0d7de;padding-bottom:4px}footer{margin-top:32px;color:#59636e;font-size:.85rem}a{color:#0969da}`;

const when = (d: Date) => `<time datetime="${d.toISOString()}">${e(d.toISOString().slice(0, 16).replace('T', ' '))} UTC</time>`;
const status = (s: ComponentStatus) => `<span class="st" style="color:${COLOUR[s]}">${e(COMPONENT_STATUS_LABEL[s])}</span>`;

function components(view: StatusPageView): string {
  const groups = new Map<string | null, StatusPageView['components']>();
  for (const c of view.components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups]
    .map(([group, list]) => {
      const items = list.map((c) => `<li><span>${e(c.name)}${c.description ? `<br><span class="desc">${e(c.description)}</span>` : ''}</span>${status(c.status)}</li>`).join('');
      return `${group ? `<p class="group">${e(group)}</p>` : ''}<ul class="components">${items}</ul>`;
    })
    .join('');
}

function incident(i: PublicIncidentView, heading = 'h3'): string {
  const updates = i.updates.map((u) => `<p class="update"><strong>${e(u.status)}</strong> — ${e(u.body)}<br>${when(u.postedAt)}</p>`).join('');
  return `<article class="incident" id="incident-${i.id}"><${heading}>${e(i.title)}</${heading}>${updates}</article>`;
}

/**
 * The public status page: plain server-rendered HTML with its CSS inline and no script, so it works
 * without JavaScript, loads fast when everyone is looking, and can be cached. Every piece of text
 * people typed is escaped. `stale` says when the last good render is shown because a read failed.
 */
export function renderStatusHtml(view: StatusPageView, opts: { stale: boolean; feedUrl: string }): string {
  const banner = view.overall === 'operational' ? 'All systems operational' : `${COMPONENT_STATUS_LABEL[view.overall]} — see below`;
  const history = view.history.length
    ? view.history.map((d) => `<section class="day"><h3>${e(d.day)}</h3>${d.incidents.map((i) => incident(i, 'h4')).join('')}</section>`).join('')
    : '<p>No incidents in the last 90 days.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(view.title)}</title><link rel="alternate" type="application/atom+xml" title="${e(view.title)}" href="${e(opts.feedUrl)}">
<style>${CSS}</style></head>
<body><main>
<h1>${e(view.title)}</h1>
${opts.stale ? `<p class="stale" role="status">This page could not be refreshed just now; it shows the status as of ${when(view.generatedAt)}.</p>` : ''}
<p class="banner" style="background:${COLOUR[view.overall]}">${e(banner)}</p>
${view.components.length ? `<h2>Components</h2>${components(view)}` : ''}
${view.current.length ? `<h2>Current incidents</h2>${view.current.map((i) => incident(i)).join('')}` : ''}
<h2>Past incidents</h2>
${history}
<footer>${view.updatedAt ? `Last updated ${when(view.updatedAt)} · ` : ''}<a href="${e(opts.feedUrl)}">Atom feed</a> · <a href="status.json">JSON</a></footer>
</main></body></html>
`;
}
