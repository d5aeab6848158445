import { SlackApiError } from './errors.js';
import type { HttpAnswer } from './http-server.js';
import { checkContent, deleteMessage, replaceBotMessage, storeBotMessage, type BotContent } from './message-store.js';
import type { ChannelRecord, SlackObject } from './types.js';
import { randomHex, type Workspace } from './workspace.js';

/** response_urls accept 5 posts within 30 minutes. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60_000;

export function issueResponseUrl(ws: Workspace, baseUrl: string, r: { user: string; channel: string; messageTs?: string; isEphemeral: boolean }): string {
  for (const [key, old] of Object.entries(ws.state.responseUrls)) if (ws.clock() - old.issuedAt > LIFETIME_MS) delete ws.state.responseUrls[key];
  const id = randomHex(12);
  ws.state.responseUrls[id] = { ...r, uses: 0, issuedAt: ws.clock() };
  return `${baseUrl}response/${id}`;
}

function replaceMessage(ws: Workspace, c: ChannelRecord, ts: string, content: BotContent): void {
  const m = ws.findMessage(c.id, ts);
  if (!m) return;
  replaceBotMessage(ws, c, m, content);
}

/**
 * What Slack does with a POST to a response_url: replace or delete the source message, or post a new
 * ephemeral (default) or in_channel message.
 */
export function handleResponseUrl(ws: Workspace, id: string, body: SlackObject): HttpAnswer {
  const r = ws.state.responseUrls[id];
  if (!r || ws.clock() - r.issuedAt > LIFETIME_MS) return { status: 404, body: 'expired_url' };
  if (r.uses >= MAX_USES) return { status: 404, body: 'used_url' };
  r.uses += 1;
  const c = ws.channel(r.channel);
  if (!c) return { status: 404, body: 'channel_not_found' };
  const ephemeral = r.isEphemeral ? ws.state.ephemerals.find((e) => e.ts === r.messageTs && e.user === r.user) : undefined;
  if (body.delete_original === true || body.delete_original === 'true') {
    if (ephemeral) ephemeral.deleted = true;
    else if (r.messageTs) {
      const m = ws.messagesOf(c.id).find((x) => x.ts === r.messageTs);
      if (m) deleteMessage(ws, c, m);
    }
    return { status: 200, body: { ok: true } };
  }
  let content: BotContent;
  try {
    content = checkContent({ text: typeof body.text === 'string' ? body.text : undefined, blocks: body.blocks, attachments: body.attachments });
  } catch (err) {
    if (err instanceof SlackApiError) return { status: 400, body: { ok: false, error: err.code, ...err.extra } };
    throw err;
  }
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if ((body.replace_original === true || body.replace_original === 'true') && r.messageTs) {
    if (ephemeral) Object.assign(ephemeral, { text: content.text, blocks: content.blocks });
    else replaceMessage(ws, c, r.messageTs, content);
  } else if (body.response_type === 'in_channel') {
    storeBotMessage(ws, c, content, threadTs);
  } else {
    ws.state.ephemerals.push({
      channel: c.id,
      user: r.user,
      ts: ws.nextTs(),
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }
  return { status: 200, body: { ok: true } };
}
