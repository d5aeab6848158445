import { and, eq } from 'drizzle-orm';
import type { RoleRepo } from '../../core/role/ports.js';
import type { Db } from '../database.js';
import { incidentRoles } from '../schema.js';

export function roleRepo(db: Db): RoleRepo {
  return {
    async assign(incidentId, role, userId, now) {
      await db
        .insert(incidentRoles)
        .values({ incidentId, role, userId, assignedAt: now })
        .onConflictDoUpdate({ target: [incidentRoles.incidentId, incidentRoles.role], set: { userId, assignedAt: now } });
    },
    async clear(incidentId, role) {
      await db.delete(incidentRoles).where(and(eq(incidentRoles.incidentId, incidentId), eq(incidentRoles.role, role)));
    },
  };
}
