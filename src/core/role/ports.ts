import type { UserRef } from '../incident/model.js';

/** A stored role assignment (every role but the lead, which is the incident's own lead). */
export interface StoredRoleAssignment {
  role: string;
  user: UserRef;
}

/** Roles other than `lead` (incident_roles): one holder per role and incident. */
export interface RoleRepo {
  /** Makes `userId` the holder of `role`, replacing whoever held it. */
  assign(incidentId: number, role: string, userId: number, now: Date): Promise<void>;
  /** Nobody holds `role` any more (no-op when nobody did). */
  clear(incidentId: number, role: string): Promise<void>;
}
