import { appMethods } from './apps.js';
import { bookmarkMethods } from './bookmarks.js';
import { chatMethods } from './chat.js';
import type { MethodTable } from './context.js';
import { conversationMethods } from './conversations.js';
import { historyMethods } from './history.js';
import { memberMethods } from './members.js';
import { openIdMethods, type OpenIdClient } from './openid.js';
import { pinMethods } from './pins.js';
import { reactionMethods } from './reactions.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

export function allMethods(openid?: OpenIdClient): MethodTable {
  return {
    ...userMethods,
    ...chatMethods,
    ...conversationMethods,
    ...memberMethods,
    ...historyMethods,
    ...reactionMethods,
    ...pinMethods,
    ...viewMethods,
    ...bookmarkMethods,
    ...openIdMethods(openid),
    ...appMethods,
  };
}
