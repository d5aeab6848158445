import type { ChannelRecord, SlackObject, ViewRecord } from '../types.js';
import type { DeliveryResult } from './deliver.js';
import { elementsOf, stateValue, type ElementInput, type FoundElement } from './elements.js';
import { formBody, type DriverHost } from './host.js';
import { actionObject, messageBlockActions, viewBlockActions } from './interactions.js';
import { viewState } from './view-state.js';

export interface InteractionResult extends DeliveryResult {
  triggerId: string;
  payload: SlackObject;
}

const SELECTS = [
  'static_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'overflow',
  'radio_buttons',
  'checkboxes',
  'multi_static_select',
  'multi_users_select',
  'datepicker',
  'timepicker',
];

/** Finds an element the person can actually see; a test can't press what isn't on screen. */
function pick(blocks: unknown, where: string, actionId: string, opts: { value?: string; blockId?: string; mustBe?: 'button' | 'select' }): FoundElement {
  const all = elementsOf(blocks);
  const found = all.find(
    (f) => f.element.action_id === actionId && (!opts.blockId || f.blockId === opts.blockId) && (opts.value === undefined || f.element.value === opts.value),
  );
  if (!found) {
    const shown = all.map((f) => `${f.blockId}/${String(f.element.action_id)}`).join(', ') || 'none';
    throw new Error(`slack-emulator: no element ${actionId} in ${where} (interactive elements: ${shown})`);
  }
  const type = String(found.element.type);
  if (opts.mustBe === 'button' && type !== 'button') throw new Error(`slack-emulator: ${actionId} is a ${type}, not a button`);
  if (opts.mustBe === 'select' && !SELECTS.includes(type)) throw new Error(`slack-emulator: ${actionId} is a ${type}, not a select`);
  return found;
}

export async function deliverInteraction(host: DriverHost, payload: SlackObject, triggerId: string): Promise<InteractionResult> {
  const result = await host.deliverer.send('interaction', String(payload.type), { body: formBody(payload), contentType: 'application/x-www-form-urlencoded' });
  await host.flushEvents();
  return { ...result, triggerId, payload };
}

export async function clickInMessage(
  host: DriverHost,
  user: string,
  c: ChannelRecord,
  ts: string,
  actionId: string,
  opts: { value?: string; blockId?: string; input: ElementInput; mustBe: 'button' | 'select' },
): Promise<InteractionResult> {
  const ws = host.workspace;
  const message = ws.findMessage(c.id, ts);
  const ephemeral = message ? undefined : ws.state.ephemerals.find((e) => e.ts === ts && e.user === user && e.channel === c.id && !e.deleted);
  if (!message && !ephemeral) throw new Error(`slack-emulator: no message ${ts} visible to ${user} in ${c.id}`);
  // Public channels can be previewed (and their buttons pressed) without joining; private ones can't.
  if (message && !c.members.includes(user) && (c.is_private || c.is_im)) throw new Error(`slack-emulator: ${user} is not in #${c.name}`);
  const found = pick((message ?? ephemeral)?.blocks, `message ${ts}`, actionId, {
    value: opts.mustBe === 'button' ? opts.value : undefined,
    blockId: opts.blockId,
    mustBe: opts.mustBe,
  });
  const fields = opts.mustBe === 'button' ? {} : stateValue(ws, found.element, opts.input);
  const { payload, triggerId } = messageBlockActions(ws, host.publicUrl, user, c, { message, ephemeral }, actionObject(ws, found, fields));
  return deliverInteraction(host, payload, triggerId);
}

export function openView(host: DriverHost, user: string, viewId: string): ViewRecord {
  const record = host.workspace.state.views[viewId];
  if (!record || record.user !== user) throw new Error(`slack-emulator: ${user} has no view ${viewId}`);
  if (!record.open) throw new Error(`slack-emulator: view ${viewId} is closed`);
  return record;
}

export async function clickInView(
  host: DriverHost,
  user: string,
  viewId: string,
  actionId: string,
  opts: { value?: string; blockId?: string },
): Promise<InteractionResult> {
  const record = openView(host, user, viewId);
  const found = pick(record.view.blocks, `view ${viewId}`, actionId, { ...opts, mustBe: 'button' });
  const { payload, triggerId } = viewBlockActions(host.workspace, user, record, viewState(host.workspace, record), actionObject(host.workspace, found, {}));
  return deliverInteraction(host, payload, triggerId);
}

/**
 * Typing or picking inside a view updates its state; Slack only tells the app at once for elements in actions
 * blocks / accessories, or input blocks with `dispatch_action: true`. Otherwise the value waits for submission.
 */
export async function setViewValue(
  host: DriverHost,
  user: string,
  viewId: string,
  actionId: string,
  value: ElementInput,
  opts: { blockId?: string },
): Promise<InteractionResult | null> {
  const ws = host.workspace;
  const record = openView(host, user, viewId);
  const found = pick(record.view.blocks, `view ${viewId}`, actionId, { blockId: opts.blockId });
  const v = stateValue(ws, found.element, value);
  (record.values[found.blockId] ??= {})[actionId] = v;
  const dispatches = found.block.type !== 'input' || found.block.dispatch_action === true;
  if (!dispatches) return null;
  const { payload, triggerId } = viewBlockActions(ws, user, record, viewState(ws, record), actionObject(ws, found, v));
  return deliverInteraction(host, payload, triggerId);
}
