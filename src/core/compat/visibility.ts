import type { Viewer } from '../shared/authorize.js';
import type { IncidentVisibility } from './ports.js';

/** The list rule of authorizeIncident: admins (and tokens) see every incident, people the public ones and their own. */
export const incidentVisibility = (viewer: Viewer): IncidentVisibility => (viewer.isAdmin ? { private: 'all' } : { private: 'person', slackId: viewer.slackId });
