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
  /** When this person last posted in the incident's channel, and the post before that (null when unknown). */
  lastPosts(incidentId: number, slackId: string): Promise<{ last: Date; previous: Date | null } | null>;
}
