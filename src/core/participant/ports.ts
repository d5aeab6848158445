import type { UserRef } from '../incident/model.js';

export interface Participant {
  user: UserRef;
  firstMessageAt: Date;
  messageCount: number;
}

export interface ParticipantRepo {
  /** Counts a message by a user already stored; false (nothing written) when the Slack id is unknown. */
  recordMessageBySlackId(incidentId: number, slackId: string, at: Date): Promise<boolean>;
  top(incidentId: number, limit: number): Promise<Participant[]>;
}
