import { describe, expect, it } from 'vitest';
import { renderSlackDate } from '../../web/src/sandbox/slack-date.js';

// The sandbox shows `<!date^…>` as Slack does: in the reader's zone, "today"/"yesterday" when it applies.
describe("the sandbox's rendering of Slack's <!date> tokens", () => {
  const closedAt = new Date('2026-12-03T06:20:58Z');
  const opts = (now: string, timeZone: string) => ({ now: new Date(now), timeZone, locale: 'en-GB' });

  it('says today, yesterday or the date, in the reader’s own zone', () => {
    const seconds = `!date^${Math.floor(closedAt.getTime() / 1000)}^{date_short_pretty} at {time}`;
    expect(renderSlackDate(seconds, opts('2026-12-03T09:00:00Z', 'Europe/London'))).toBe('today at 6:20');
    expect(renderSlackDate(seconds, opts('2026-12-04T09:00:00Z', 'Europe/London'))).toBe('yesterday at 6:20');
    expect(renderSlackDate(seconds, opts('2026-12-20T09:00:00Z', 'Europe/London'))).toBe('3 Dec 2026 at 6:20');
    // In Los Angeles the same moment was the evening before.
    expect(renderSlackDate(seconds, opts('2026-12-03T09:00:00Z', 'America/Los_Angeles'))).toBe('yesterday at 22:20');
  });

  it('fills the other tokens, keeps unknown ones, and refuses what is not a date', () => {
    const at = Math.floor(closedAt.getTime() / 1000);
    expect(renderSlackDate(`!date^${at}^{date_num} {time_secs} {nope}`, opts('2026-12-20T00:00:00Z', 'UTC'))).toBe('2026-12-03 6:20:58 {nope}');
    expect(renderSlackDate(`!date^${at}^{date_long}^https://example.com`, opts('2026-12-20T00:00:00Z', 'UTC'))).toMatch(/^Thursday,? 3 December 2026$/);
    expect(renderSlackDate('!here', opts('2026-12-20T00:00:00Z', 'UTC'))).toBeNull();
    expect(renderSlackDate('!date^soon^{time}', opts('2026-12-20T00:00:00Z', 'UTC'))).toBeNull();
  });
});
