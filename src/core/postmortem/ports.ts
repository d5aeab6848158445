import type { UserRef } from '../incident/model.js';
import type { Actor } from '../shared/context.js';

/** A stored postmortem's state; before anyone starts one, an incident's postmortem is `not_started`. */
export const POSTMORTEM_STATES = ['draft', 'reviewed'] as const;
export type StoredPostmortemState = (typeof POSTMORTEM_STATES)[number];
export type PostmortemState = 'not_started' | StoredPostmortemState;

/** An incident's postmortem as written in the doc (one per incident). */
export interface Postmortem {
  incidentId: number;
  markdown: string;
  state: StoredPostmortemState;
  /** 1 when started, one more on every save: a save based on an older version is refused (someone else saved since). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The person who saved it last, when a person did. */
  updatedBy: UserRef | null;
  /** Who saved it last, as the change log says it (a person, an API token, a plugin). */
  updatedByActor: Record<string, unknown> | null;
}

export interface PostmortemWrite {
  markdown: string;
  state: StoredPostmortemState;
  updatedById: number | null;
  actor: Actor;
  at: Date;
}

export interface PostmortemRepo {
  get(incidentId: number): Promise<Postmortem | null>;
  /** Writes version 1; false (nothing written) when the incident has a postmortem already. */
  insert(incidentId: number, write: PostmortemWrite): Promise<boolean>;
  /** Writes version `version` over the stored one. */
  update(incidentId: number, version: number, write: PostmortemWrite): Promise<void>;
}
