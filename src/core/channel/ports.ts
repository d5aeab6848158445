import type { CommsChannelRef } from '../incident/model.js';

export interface CommsChannelRepo {
  attach(incidentId: number, channel: { channelId: string; channelName: string }, now: Date): Promise<void>;
  rename(channelId: string, channelName: string): Promise<void>;
  get(incidentId: number): Promise<CommsChannelRef | null>;
}

export interface HeadlinePost {
  incidentId: number;
  channelId: string;
  messageTs: string | null;
}

export interface HeadlinePostRepo {
  get(incidentId: number): Promise<HeadlinePost | null>;
  save(post: HeadlinePost): Promise<void>;
}

/** Who is in an incident's comms channel now (from Slack's membership events). */
export interface ChannelMemberRepo {
  add(incidentId: number, userId: number, at: Date): Promise<void>;
  remove(incidentId: number, userId: number): Promise<void>;
  /** In the channel now, or has posted there: the people of a private incident (with its reporter and lead). */
  isInChannelOrPosted(incidentId: number, slackId: string): Promise<boolean>;
}
