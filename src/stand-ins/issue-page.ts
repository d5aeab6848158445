import type { StandInReply } from './stand-in-server.js';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An issue tracker stand-in's page for one issue, with a button per state it can move to (a form
 * POST to the same URL, field `field`), so a newcomer in the sandbox can close or reopen the issue
 * as someone in the tracker would.
 */
export function issuePage(page: {
  vendor: string;
  key: string;
  title: string;
  stateWord: string;
  state: string;
  field: string;
  moves: { value: string; label: string }[];
}): StandInReply {
  const buttons = page.moves.map((m) => `<button name="${esc(page.field)}" value="${esc(m.value)}">Move to ${esc(m.label)}</button>`).join(' ');
  const html = `<!doctype html><meta charset="utf-8"><title>${esc(page.key)}</title><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><p>${esc(page.vendor)} stand-in (the sandbox's ${esc(page.vendor)})</p><h1>${esc(page.key)}: ${esc(page.title)}</h1><p>${esc(page.stateWord)}: <strong>${esc(page.state)}</strong></p><form method="post">${buttons}</form></body>`;
  return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}
