import { fail } from '../errors.js';
import { consumeTrigger } from '../triggers.js';
import type { ViewRecord } from '../types.js';
import { checkView, createView, openModals, replaceView, viewAnswer } from '../view-store.js';
import { need, objectArg, str, type MethodTable } from './context.js';

/** Slack allows three stacked modals; a fourth push answers push_limit_reached. */
const MAX_STACK = 3;

const parseView = (args: Record<string, unknown>, type?: 'modal' | 'home') =>
  checkView(objectArg(args, 'view', 'invalid_arguments'), type, typeof args.view === 'string' ? args.view.length : undefined);

export const viewMethods: MethodTable = {
  'views.open': {
    handler: ({ ws, args, triggerTtlMs }) => {
      const view = parseView(args, 'modal');
      const user = consumeTrigger(ws, str(args, 'trigger_id'), triggerTtlMs);
      // A new views.open replaces whatever modal the user had open (the client shows one modal stack).
      for (const r of openModals(ws, user)) r.open = false;
      return { ok: true, view: viewAnswer(createView(ws, user, view, null)) };
    },
  },
  'views.push': {
    handler: ({ ws, args, triggerTtlMs }) => {
      const view = parseView(args, 'modal');
      const user = consumeTrigger(ws, str(args, 'trigger_id'), triggerTtlMs);
      const stack = openModals(ws, user);
      const top = stack.at(-1);
      if (!top) fail('invalid_trigger_id');
      if (stack.length >= MAX_STACK) fail('push_limit_reached');
      return { ok: true, view: viewAnswer(createView(ws, user, view, top)) };
    },
  },
  'views.update': {
    handler: ({ ws, args }) => {
      const view = parseView(args);
      const viewId = str(args, 'view_id');
      const externalId = str(args, 'external_id');
      if (!viewId && !externalId) fail('invalid_arguments');
      const record: ViewRecord | undefined = viewId ? ws.state.views[viewId] : Object.values(ws.state.views).find((r) => r.view.external_id === externalId);
      // A closed modal can't be updated any more (typical bug: updating after the submission closed it).
      if (!record || (record.kind === 'modal' && !record.open)) fail('not_found');
      const hash = str(args, 'hash');
      // `hash` protects against racing updates: a stale hash answers hash_conflict.
      if (hash && hash !== record.view.hash) fail('hash_conflict');
      return { ok: true, view: viewAnswer(replaceView(ws, record, view)) };
    },
  },
  'views.publish': {
    handler: ({ ws, args }) => {
      const view = parseView(args, 'home');
      const user = ws.requireUser(need(args, 'user_id', 'user_not_found')).id;
      const existingId = ws.state.homeViews[user];
      const existing = existingId ? ws.state.views[existingId] : undefined;
      const hash = str(args, 'hash');
      if (existing && hash && hash !== existing.view.hash) fail('hash_conflict');
      const record = existing ? replaceView(ws, existing, view) : createView(ws, user, view, null);
      ws.state.homeViews[user] = record.id;
      return { ok: true, view: viewAnswer(record) };
    },
  },
};
