import type { ChangeLogEvent, ChangeLogVisibility } from './ports.js';
import type { Page } from '../shared/page.js';
import type { CoreDeps } from '../store-ports.js';
import { authorizeActor, type Viewer } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { invalid } from '../shared/errors.js';

/**
 * Which private incidents' changes a reader gets: admins all, a person those they are one of the
 * people of. API tokens get none, as before private incidents were logged: the log feeds
 * external consumers (warehouses, webhooks), and a token reads a private incident only by asking
 * for it by id.
 */
export function changeLogVisibility(viewer: Viewer): ChangeLogVisibility {
  if (viewer.actor.kind === 'api_token') return { private: 'none' };
  if (viewer.isAdmin) return { private: 'all' };
  return viewer.slackId ? { private: 'person', slackId: viewer.slackId } : { private: 'none' };
}

/** The change log for external consumers, oldest first, between `from` and `to`. */
export async function listChangeEvents(deps: CoreDeps, ctx: Ctx, input: { from?: Date; to?: Date; limit: number; cursor: string | null }): Promise<Page<ChangeLogEvent>> {
  const viewer = await authorizeActor(deps, ctx);
  if (input.from && input.to && input.from > input.to) throw invalid('from', 'from must be before to');
  return deps.store.changeLog.list(input.from, input.to, input.limit, input.cursor, changeLogVisibility(viewer));
}
