import type { FastifyInstance } from 'fastify';
import { errorBody } from '../../errors.js';
import type { HttpDeps } from '../../route-deps.js';
import { compatActionAndTimelineRoutes } from './actions-timeline.js';
import { addDetailToErrors, compatAuth } from './compat-auth.js';
import { compatIncidentRoutes } from './incidents.js';
import { compatUserAndEventRoutes } from './users-events.js';

/** Each of the original's routes served here (its DRF router's), with where new work goes. */
const WRITABLE: [string, string][] = [
  ['/core/incidents/', '/api/v1/incidents'],
  ['/core/incidents/:id/', '/api/v1/incidents/{id}'],
  ['/core/incidents/:id/actions/', '/api/v1/incidents/{id}/actions'],
  ['/core/incidents/:id/actions/:pk/', '/api/v1/incidents/{id}/actions/{action_id}'],
  ['/core/incidents/:id/timeline/events/', '/api/v1/incidents/{id}/timeline'],
  ['/core/incidents/:id/timeline/events/:pk/', '/api/v1/incidents/{id}/timeline/{entry_id}'],
  ['/core/actions/', '/api/v1/incidents/{id}/actions'],
  ['/core/actions/:id/', '/api/v1/incidents/{id}/actions/{action_id}'],
  ['/core/events/', '/api/v1/events'],
  ['/core/users/', '/api/v1/users'],
  ['/core/incidents/bymonth/:year/:month/', '/api/v1/incidents'],
];

/**
 * The original Response's REST API (`/core/…`), read-only and behind our authentication (bearer
 * tokens, sessions, and Basic with a token as the password). Paths without their trailing slash
 * are redirected to it, as Django's APPEND_SLASH did.
 */
export async function registerCompatApi(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', compatAuth(deps));
    scope.addHook('onSend', addDetailToErrors);
    compatIncidentRoutes(scope, deps);
    compatActionAndTimelineRoutes(scope, deps);
    compatUserAndEventRoutes(scope, deps);
    scope.get('/core/', { schema: { hide: true } }, async (request) => {
      const base = `${request.protocol}://${request.host}/core`;
      return { incidents: `${base}/incidents/`, actions: `${base}/actions/`, users: `${base}/users/`, events: `${base}/events/` };
    });
    // Anything else under /core/ is the API's 404, not the web UI's page.
    scope.all('/core/*', { schema: { hide: true } }, async (request, reply) =>
      reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]} (the original Response's routes are listed at /core/)`)),
    );
    // The original's viewsets were writable; these routes are not. Say where writing moved.
    for (const [path, instead] of WRITABLE) {
      scope.route({
        method: ['POST', 'PUT', 'PATCH', 'DELETE'],
        url: path,
        schema: { hide: true },
        handler: async (request, reply) =>
          reply
            .code(405)
            .header('allow', 'GET, HEAD')
            .send(errorBody('method_not_allowed', `The /core/ routes of the original Response are read-only here: ${request.method} ${instead} in the API at /api/v1 (see /api/docs)`)),
      });
    }
  });
  // Without the trailing slash: a redirect to it, query kept (Django's APPEND_SLASH; no credentials needed to be told where to go).
  const slashless = [...new Set(['/core', ...WRITABLE.map(([path]) => path.replace(/\/$/, ''))])];
  for (const path of slashless) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const [pathname, query] = request.url.split('?');
      return reply.redirect(`${pathname}/${query === undefined ? '' : `?${query}`}`, 301);
    });
  }
}
