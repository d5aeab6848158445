import { fail } from '../errors.js';
import type { MethodTable } from './context.js';

/** Socket Mode's handshake: an app-level token buys a single-use WebSocket URL. */
export const appMethods: MethodTable = {
  'apps.connections.open': {
    auth: 'app',
    handler: (ctx) => {
      if (!ctx.openSocket) fail('not_allowed_token_type');
      return { ok: true, url: ctx.openSocket() };
    },
  },
};
