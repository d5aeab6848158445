import { fail } from '../errors.js';
import { exchangeCode, userInfoClaims } from '../openid.js';
import { need, str, type MethodTable } from './context.js';

export interface OpenIdClient {
  clientId: string;
  clientSecret: string;
}

/** Sign in with Slack. When a client is configured its id and secret are checked, otherwise any are accepted. */
export function openIdMethods(client?: OpenIdClient): MethodTable {
  return {
    'openid.connect.token': {
      auth: 'none',
      handler: ({ ws, args }) => {
        const clientId = str(args, 'client_id') ?? '';
        if (client && clientId !== client.clientId) fail('invalid_client_id');
        if (client && str(args, 'client_secret') !== client.clientSecret) fail('bad_client_secret');
        return exchangeCode(ws, need(args, 'code', 'invalid_code'), clientId) ?? fail('invalid_code');
      },
    },
    'openid.connect.userInfo': {
      auth: 'user',
      handler: ({ ws, auth }) => ({ ok: true, ...userInfoClaims(ws, auth.userId) }),
    },
  };
}
