import type { HttpDeps } from '../../route-deps.js';

/** The OpenAPI tag of the original Response's routes. */
export const COMPAT_TAG = 'Response compatibility';

export const COMPAT_TAG_DESCRIPTION =
  'The REST API of the original Monzo Response (`/core/…`), still answered so scripts and dashboards written for it keep working: ' +
  'its paths (with their trailing slash), its JSON shapes (users as `app_id`/`external_id`/…, severity "1".."4", `comms_channel`, `action_items`), ' +
  'limit/offset pagination with `count`, `next`, `previous` (users: page numbers), and naive times on the `TIMEZONE` wall clock. ' +
  'Read-only: writes answer 405. Authenticate with a bearer API token, or HTTP Basic with an API token as the password. ' +
  'For new work use `/api/v1`, which has more (statuses, roles, status updates, cursors, time zones).';

/** Either scheme answers these routes (a token, as the password of Basic). */
export const COMPAT_SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { basic: [] }];

export const compatZone = (deps: HttpDeps): string => deps.timezone ?? 'UTC';
