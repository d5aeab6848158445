import { SlackApiError } from '../errors.js';
import type { SlackObject } from '../types.js';
import { checkView, closeStack, createView, openModals, replaceView } from '../view-store.js';
import type { DeliveryResult } from './deliver.js';
import { deliverInteraction, openView } from './clicks.js';
import { formBody, type DriverHost } from './host.js';
import { viewClosed, viewSubmission } from './interactions.js';
import { viewState, type ViewValues } from './view-state.js';

export type { ViewValues } from './view-state.js';

export interface SubmitResult extends DeliveryResult {
  triggerId: string;
  payload: SlackObject;
  /** The app's `response_action`, if any. */
  responseAction?: 'errors' | 'update' | 'push' | 'clear';
  /** With `response_action: errors`: block_id → message shown under the input. */
  errors?: Record<string, string>;
  /** Whether the submitted view is still open afterwards. */
  viewOpen: boolean;
}

function applyView(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof SlackApiError)
      throw new Error(`slack-emulator: response_action ${what} rejected: ${err.code} ${JSON.stringify(err.extra)}`, { cause: err });
    throw err;
  }
}

export async function submitViewAs(host: DriverHost, user: string, viewId: string, values: ViewValues): Promise<SubmitResult> {
  const ws = host.workspace;
  const record = openView(host, user, viewId);
  if (record.kind !== 'modal') throw new Error(`slack-emulator: ${viewId} is a Home tab; it has no submit button`);
  if (openModals(ws, user).at(-1)?.id !== viewId) throw new Error(`slack-emulator: ${viewId} is not the top view of its stack`);
  record.values = viewState(ws, record, values, { forSubmit: true });
  const { payload, triggerId } = viewSubmission(ws, user, record);
  const result = await deliverInteraction(host, payload, triggerId);
  const answer = (result.json && typeof result.json === 'object' ? result.json : {}) as SlackObject;
  const action = answer.response_action;
  // A failed ack leaves the modal open with an error banner in the client.
  if (result.status !== 200) return { ...result, viewOpen: true };
  if (action === 'errors') {
    return { ...result, responseAction: 'errors', errors: (answer.errors ?? {}) as Record<string, string>, viewOpen: true };
  }
  if (action === 'update') {
    applyView('update', () => void replaceView(ws, record, checkView(answer.view, 'modal')));
    return { ...result, responseAction: 'update', viewOpen: true };
  }
  if (action === 'push') {
    applyView('push', () => void createView(ws, user, checkView(answer.view, 'modal'), record));
    return { ...result, responseAction: 'push', viewOpen: true };
  }
  if (action === 'clear') closeStack(ws, record);
  else record.open = false;
  return { ...result, ...(action === 'clear' ? { responseAction: 'clear' as const } : {}), viewOpen: false };
}

export async function closeViewAs(host: DriverHost, user: string, viewId: string, isCleared: boolean): Promise<DeliveryResult | null> {
  const ws = host.workspace;
  const record = openView(host, user, viewId);
  if (isCleared) closeStack(ws, record);
  else record.open = false;
  if (record.view.notify_on_close !== true) return null;
  const result = await host.deliverer.send('interaction', 'view_closed', {
    body: formBody(viewClosed(ws, user, record, isCleared)),
    contentType: 'application/x-www-form-urlencoded',
  });
  await host.flushEvents();
  return result;
}
