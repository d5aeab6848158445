import { latestStatusUpdates } from '../../core/status-update/latest-status-updates.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignRole } from '../../core/role/assign-role.js';
import { listRoles } from '../../core/role/list-roles.js';
import { unassignRole } from '../../core/role/unassign-role.js';
import { presentIncident, presentRole } from '../presenters/present.js';
import { ctxOf, presentContext, type HttpDeps } from '../route-deps.js';
import { idParam, text } from '../schemas.js';

const roleParams = idParam.extend({ role: text(40).describe('The role key, e.g. `comms` (GET /api/v1/roles lists them)') });
const assignBody = z.object({ user: text(40).describe('Slack user id of the new holder') }).strict();

/** The configured roles, and who holds them in an incident (the lead is the `lead` role). */
export function roleRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles'];

  r.get('/api/v1/roles', { schema: { tags, summary: 'The roles people hold in incidents, as configured (the lead first)' } }, async (request) => {
    return { results: (await listRoles(deps.core, ctxOf(request, deps.clock))).map(presentRole) };
  });

  r.put(
    '/api/v1/incidents/:id/roles/:role',
    { schema: { tags, params: roleParams, body: assignBody, summary: 'Give a role to someone (replacing its holder); the incident as it now is' } },
    async (request) => {
      const ctx = ctxOf(request, deps.clock);
      const { incident } = await assignRole(deps.core, ctx, {
        incidentId: request.params.id,
        role: request.params.role,
        user: request.body.user,
      });
      return presentIncident(incident, presentContext(deps), (await latestStatusUpdates(deps.core, ctx, [incident])).get(incident.id) ?? null);
    },
  );

  r.delete(
    '/api/v1/incidents/:id/roles/:role',
    { schema: { tags, params: roleParams, summary: 'Clear a role (nobody holds it); the incident as it now is' } },
    async (request) => {
      const ctx = ctxOf(request, deps.clock);
      const { incident } = await unassignRole(deps.core, ctx, { incidentId: request.params.id, role: request.params.role });
      return presentIncident(incident, presentContext(deps), (await latestStatusUpdates(deps.core, ctx, [incident])).get(incident.id) ?? null);
    },
  );
}
