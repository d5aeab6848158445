import { validateView } from './block-kit-limits.js';
import { fail } from './errors.js';
import { normalizeView } from './normalize.js';
import type { SlackObject, ViewRecord } from './types.js';
import { randomHex, type Workspace } from './workspace.js';

/**
 * Validates a view argument; Slack answers invalid_arguments with one message per violation.
 * `jsonLength` is the size of the JSON it came as, when known (else it is serialised to measure it).
 */
export function checkView(view: unknown, expectType?: 'modal' | 'home', jsonLength?: number): SlackObject {
  if (typeof view !== 'object' || view === null || Array.isArray(view))
    fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
  const v = view as SlackObject;
  if ((jsonLength ?? JSON.stringify(v).length) > 250_000) fail('view_too_large');
  const errors = validateView(v);
  if (expectType && v.type !== expectType && !errors.length) errors.push(`[ERROR] must be ${expectType} [json-pointer:/view/type]`);
  if (errors.length) fail('invalid_arguments', { response_metadata: { messages: errors } });
  return v;
}

function newHash(ws: Workspace): string {
  return `${ws.nowSeconds()}.${randomHex(4)}`;
}

function checkExternalId(ws: Workspace, view: SlackObject, exceptId?: string): void {
  const ext = view.external_id;
  if (typeof ext !== 'string' || ext === '') return;
  if (Object.values(ws.state.views).some((r) => r.id !== exceptId && r.view.external_id === ext)) fail('duplicate_external_id');
}

export function openModals(ws: Workspace, user: string): ViewRecord[] {
  return Object.values(ws.state.views).filter((r) => r.user === user && r.kind === 'modal' && r.open);
}

export function createView(ws: Workspace, user: string, view: SlackObject, previous: ViewRecord | null): ViewRecord {
  checkExternalId(ws, view);
  const id = ws.nextId('V0', 9);
  const rootViewId = previous?.rootViewId ?? id;
  const kind = view.type === 'home' ? 'home' : 'modal';
  const record: ViewRecord = {
    id,
    user,
    kind,
    values: {},
    open: true,
    rootViewId,
    previousViewId: previous?.id ?? null,
    view: normalizeView(view, echo(ws, id, rootViewId, previous?.id ?? null, newHash(ws), {})),
  };
  ws.state.views[id] = record;
  return record;
}

function echo(ws: Workspace, id: string, rootViewId: string, previousViewId: string | null, hash: string, values: ViewRecord['values']) {
  const { team, bot } = ws.state;
  return { id, teamId: team.id, appId: team.appId, botId: bot.botId, hash, rootViewId, previousViewId, values };
}

/** Replaces a view's content in place (same id, new hash); typed values survive where the block/action still exists. */
export function replaceView(ws: Workspace, record: ViewRecord, view: SlackObject): ViewRecord {
  checkExternalId(ws, view, record.id);
  const blocks = Array.isArray(view.blocks) ? (view.blocks as SlackObject[]) : [];
  const kept: ViewRecord['values'] = {};
  for (const b of blocks) {
    const el = b.element as SlackObject | undefined;
    const saved = typeof b.block_id === 'string' ? record.values[b.block_id] : undefined;
    if (saved && el && typeof el.action_id === 'string' && saved[el.action_id]) kept[b.block_id as string] = saved;
  }
  record.values = kept;
  record.kind = view.type === 'home' ? 'home' : 'modal';
  record.view = normalizeView(view, echo(ws, record.id, record.rootViewId, record.previousViewId, newHash(ws), kept));
  return record;
}

/** The view as payloads carry it: with the user's current `state.values`. */
export function viewWithState(record: ViewRecord): SlackObject {
  return { ...structuredClone(record.view), state: { values: structuredClone(record.values) } };
}

/**
 * The view as a Web API answer carries it. The answer is serialised as soon as the method returns
 * (api.ts), and a stored view is only ever replaced, never changed in place, so it needn't be
 * copied first (a deep copy per views.open was a tenth of the emulator's CPU under load). Typed
 * values are changed in place, so they are copied.
 */
export function viewAnswer(record: ViewRecord): SlackObject {
  return { ...record.view, state: { values: structuredClone(record.values) } };
}

export function closeStack(ws: Workspace, record: ViewRecord): void {
  for (const r of Object.values(ws.state.views)) if (r.rootViewId === record.rootViewId) r.open = false;
}
