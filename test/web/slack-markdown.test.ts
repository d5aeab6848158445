import { describe, expect, it } from 'vitest';
import { formatDuration, fromLocalInput, toLocalInput } from '../../web/src/lib/format.js';
import { slackToMarkdown, USER_LINK } from '../../web/src/lib/slack-markdown.js';

describe('slackToMarkdown', () => {
  it('turns mentions into marker links the page renders as names', () => {
    expect(slackToMarkdown('ping <@U0BOB> now')).toBe(`ping [@U0BOB](${USER_LINK}U0BOB) now`);
  });

  it('turns channels into #name and specials into @here', () => {
    expect(slackToMarkdown('see <#C0INC42|inc-42> and <#C0X>, <!here>')).toBe('see #inc-42 and #C0X, @here');
  });

  it('turns Slack links into Markdown links, labels escaped', () => {
    expect(slackToMarkdown('<https://status.example.com/a_(b)|the [status] page>')).toBe('[the \\[status\\] page](<https://status.example.com/a_(b)>)');
    expect(slackToMarkdown('<mailto:oncall@acme.example>')).toBe('[mailto:oncall@acme.example](<mailto:oncall@acme.example>)');
  });

  it('keeps only the label of links to other schemes, as inert text', () => {
    const out = slackToMarkdown('<javascript:alert(1)|click me> and <data:text/html;base64,xx>');
    expect(out).not.toMatch(/\]\(/);
    expect(out).toContain('click me');
    expect(out).not.toContain('<javascript:');
  });

  it('leaves typed HTML alone for the renderer to show as text', () => {
    expect(slackToMarkdown('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});

describe('web formatting', () => {
  it('humanises durations like the Slack side', () => {
    expect(formatDuration(42)).toBe('42 secs');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe('2 hrs 5 mins');
    expect(formatDuration(86400 + 3 * 3600 + 59)).toBe('1 day 3 hrs');
    expect(formatDuration(null)).toBe('—');
  });

  it('round-trips datetime-local values through UTC', () => {
    const iso = '2026-11-23T10:15:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('')).toBeNull();
  });
});
