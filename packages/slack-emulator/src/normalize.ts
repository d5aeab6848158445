import type { SlackObject } from './types.js';
import { randomBlockId } from './workspace.js';

function isObject(v: unknown): v is SlackObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Slack's echo adds `emoji: true` to plain_text and `verbatim: false` to mrkdwn wherever they appear. */
function normalizeDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeDeep);
  if (!isObject(value)) return value;
  const out: SlackObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalizeDeep(v);
  if (out.type === 'plain_text' && typeof out.text === 'string' && out.emoji === undefined) out.emoji = true;
  if (out.type === 'mrkdwn' && typeof out.text === 'string' && out.verbatim === undefined) out.verbatim = false;
  return out;
}

/**
 * Blocks as Slack stores and echoes them: generated `block_id` where missing, `dispatch_action: false` and
 * `optional: false` on input blocks that didn't set them (key order follows the real captures).
 */
export function normalizeBlocks(blocks: SlackObject[]): SlackObject[] {
  return blocks.map((raw) => {
    const b = normalizeDeep(raw) as SlackObject;
    const { type, block_id: blockId, ...rest } = b;
    const out: SlackObject = { type, block_id: typeof blockId === 'string' ? blockId : randomBlockId(), ...rest };
    if (type === 'input') {
      const { element, ...others } = out;
      return { ...others, optional: out.optional ?? false, dispatch_action: out.dispatch_action ?? false, element };
    }
    return out;
  });
}

export interface ViewEcho {
  id: string;
  teamId: string;
  appId: string;
  botId: string;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  values: Record<string, Record<string, SlackObject>>;
}

/** A view object as views.open/update/push/publish return it, in the key order of api-views-open-ok.json. */
export function normalizeView(view: SlackObject, e: ViewEcho): SlackObject {
  const plain = (v: unknown) => (v === undefined || v === null ? null : normalizeDeep(v));
  const type = view.type === 'home' ? 'home' : 'modal';
  const out: SlackObject = {
    id: e.id,
    team_id: e.teamId,
    type,
    blocks: normalizeBlocks(Array.isArray(view.blocks) ? (view.blocks as SlackObject[]) : []),
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    state: { values: e.values },
    hash: e.hash,
    title: plain(view.title),
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    close: plain(view.close),
    submit: plain(view.submit),
    previous_view_id: e.previousViewId,
    root_view_id: e.rootViewId,
    app_id: e.appId,
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
    app_installed_team_id: e.teamId,
    bot_id: e.botId,
  };
  if (type === 'home') {
    delete out.title;
    delete out.close;
    delete out.submit;
  }
  return out;
}
