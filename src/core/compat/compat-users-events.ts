import { changeLogVisibility } from '../event/list-events.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import type { CoreDeps } from '../store-ports.js';
import type { OffsetInput } from './compat-incidents.js';
import type { CompatEvent, CompatUser, OffsetPage } from './ports.js';

/** Everyone Response knows (the original's ExternalUser list): anyone signed in may read it, as the people picker does. */
export async function listCompatUsers(deps: CoreDeps, ctx: Ctx, input: OffsetInput): Promise<OffsetPage<CompatUser>> {
  await authorizeActor(deps, ctx);
  return deps.store.compat.users(input.limit, input.offset);
}

/** The change log between `from` and `to` (both included; none when from is after to, as the original), with /api/v1/events' rule for private incidents. */
export async function listCompatEvents(deps: CoreDeps, ctx: Ctx, input: OffsetInput & { from: Date; to: Date }): Promise<OffsetPage<CompatEvent>> {
  const viewer = await authorizeActor(deps, ctx);
  return deps.store.compat.events({ from: input.from, to: input.to, visibility: changeLogVisibility(viewer) }, input.limit, input.offset);
}
