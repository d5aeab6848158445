import { describe, expect, it } from 'vitest';
import { ChannelIncidentIds } from '../../src/slack/channel-incidents.js';

describe('ChannelIncidentIds', () => {
  it('remembers a channel’s incident for its time limit only', () => {
    const ids = new ChannelIncidentIds(60_000, 10);
    ids.remember('C1', 7, 1_000);
    expect(ids.get('C1', 60_000)).toBe(7);
    expect(ids.get('C1', 61_001)).toBeUndefined();
    expect(ids.get('C2', 1_000)).toBeUndefined();
  });

  it('forgets the least recently remembered channel when full', () => {
    const ids = new ChannelIncidentIds(60_000, 2);
    ids.remember('C1', 1, 0);
    ids.remember('C2', 2, 0);
    ids.remember('C1', 1, 1);
    ids.remember('C3', 3, 2);
    expect(ids.get('C2', 3)).toBeUndefined();
    expect(ids.get('C1', 3)).toBe(1);
    expect(ids.get('C3', 3)).toBe(3);
  });
});
