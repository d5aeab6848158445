import type { Page } from '../shared/page.js';
import type { CustomFields } from '../custom-field/definitions.js';
import type { Incident, Severity, Status } from './model.js';

export interface IncidentFilter {
  status?: Status | 'open';
  severity?: Severity;
  type?: string;
  q?: string;
  from?: Date;
  to?: Date;
  /** Incidents whose custom fields contain these values (a select's option key, a user id; a multi select's keys must all be chosen). */
  customFields?: Record<string, string | string[]>;
  /** When set, private incidents are only listed if this user is in their channel (or is admin). */
  viewerSlackId?: string | null;
  viewerIsAdmin?: boolean;
}

export interface NewIncident {
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  type: string | null;
  status: Status;
  reportOnly: boolean;
  private: boolean;
  reporterId: number | null;
  leadId: number | null;
  reportTime: Date;
  startTime: Date;
  customFields: CustomFields;
}

export type IncidentChanges = Partial<{
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  type: string;
  status: Status;
  leadId: number | null;
  startTime: Date;
  endTime: Date | null;
  private: boolean;
  customFields: CustomFields;
}>;

export interface IncidentRepo {
  insert(row: NewIncident, now: Date): Promise<number>;
  get(id: number): Promise<Incident | null>;
  /** Locks the row for the rest of the transaction so concurrent changes serialise. */
  getForUpdate(id: number): Promise<Incident | null>;
  update(id: number, changes: IncidentChanges, now: Date): Promise<void>;
  list(filter: IncidentFilter, limit: number, cursor: string | null): Promise<Page<Incident>>;
  findByChannel(channelId: string): Promise<Incident | null>;
}
