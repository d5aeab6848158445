import { describe, expect, it } from 'vitest';
import { parseActionArgs } from './action-args.js';
import { parseDueDate } from '../../../core/action/due-date.js';

// Thursday 3 December 2026, 23:30 in London = Friday 4 December 08:30 in Tokyo.
const NOW = new Date('2026-12-03T23:30:00Z');
const LONDON = 'Europe/London';
const TOKYO = 'Asia/Tokyo';

describe('due dates as people type them, in the configured time zone', () => {
  it.each([
    ['2026-12-31', '2026-12-31'],
    ['today', '2026-12-03'],
    ['tomorrow', '2026-12-04'],
    ['Friday', '2026-12-04'],
    ['fri', '2026-12-04'],
    // A weekday is the next one: Thursday on a Thursday is a week away.
    ['thursday', '2026-12-10'],
    ['monday', '2026-12-07'],
    ['in 3 days', '2026-12-06'],
    ['in 1 day', '2026-12-04'],
    ['in 2 weeks', '2026-12-17'],
    ['in 30 days', '2027-01-02'],
  ])('%s → %s (London)', (text, expected) => {
    expect(parseDueDate(text, NOW, LONDON)).toBe(expected);
  });

  it('counts from the day it is where the team is', () => {
    expect(parseDueDate('today', NOW, TOKYO)).toBe('2026-12-04');
    expect(parseDueDate('tomorrow', NOW, TOKYO)).toBe('2026-12-05');
    expect(parseDueDate('friday', NOW, TOKYO)).toBe('2026-12-11');
  });

  it.each(['2026-02-30', '2026-13-01', 'someday', 'in many days', 'in 5000 days', '31/12/2026'])('%s is not a date', (text) => {
    expect(parseDueDate(text, NOW, LONDON)).toBeNull();
  });
});

describe('@incident action <text> [@owner] [by <date>]', () => {
  const parse = (args: string) => parseActionArgs(args, NOW, LONDON);

  it('keeps plain text as it is, with no owner or date', () => {
    expect(parse('Add an alert on checkout errors')).toEqual({ ok: true, details: 'Add an alert on checkout errors', owner: null, dueDate: null, tracker: null });
  });

  it('takes a trailing mention as the owner and a trailing by <date> as the due date', () => {
    expect(parse('Add an alert <@U0BOB> by friday')).toEqual({ ok: true, details: 'Add an alert', owner: 'U0BOB', dueDate: '2026-12-04', tracker: null });
    expect(parse('Add an alert by 2026-12-31 <@U0BOB|bob>')).toEqual({ ok: true, details: 'Add an alert', owner: 'U0BOB', dueDate: '2026-12-31', tracker: null });
    expect(parse('Add an alert by tomorrow')).toEqual({ ok: true, details: 'Add an alert', owner: null, dueDate: '2026-12-04', tracker: null });
  });

  it('takes a mention inside the text as the owner and leaves it in the text', () => {
    expect(parse('<@U0CAROL> to roll back the config by in 2 days')).toEqual({ ok: true, details: '<@U0CAROL> to roll back the config', owner: 'U0CAROL', dueDate: '2026-12-05', tracker: null });
  });

  it('reads a trailing "in N days" as the due date without a "by"', () => {
    expect(parse('Add an alert <@U0BOB> in 3 days')).toEqual({ ok: true, details: 'Add an alert', owner: 'U0BOB', dueDate: '2026-12-06', tracker: null });
    expect(parse('Add an alert by in 1 week')).toEqual({ ok: true, details: 'Add an alert', owner: null, dueDate: '2026-12-10', tracker: null });
    expect(parse('Look at the errors in checkout')).toMatchObject({ dueDate: null, details: 'Look at the errors in checkout' });
  });

  it('keeps "by" that is part of the sentence', () => {
    expect(parse('Find the errors caused by the deploy')).toEqual({ ok: true, details: 'Find the errors caused by the deploy', owner: null, dueDate: null, tracker: null });
  });

  it('answers a by … that reads like a date but is not one with the forms that work', () => {
    const r = parse('Add an alert by 2026-02-30');
    expect(r).toMatchObject({ ok: false, hint: expect.stringContaining('`tomorrow`') });
    expect(parse('Add an alert by in many days')).toMatchObject({ ok: false });
    expect(parse('Add an alert by 2026-11-01')).toMatchObject({ ok: false, hint: expect.stringContaining('in the past') });
  });

  it('takes --jira or --linear anywhere as the tracker to send it to, out of the text', () => {
    expect(parse('Add an alert <@U0BOB> by friday --jira')).toEqual({ ok: true, details: 'Add an alert', owner: 'U0BOB', dueDate: '2026-12-04', tracker: 'jira' });
    expect(parse('--linear Add an alert')).toEqual({ ok: true, details: 'Add an alert', owner: null, dueDate: null, tracker: 'linear' });
    expect(parse('Add an —JIRA alert')).toMatchObject({ ok: true, details: 'Add an alert', tracker: 'jira' });
    // Part of a word, it is just words.
    expect(parse('Fix the--jira sync')).toMatchObject({ ok: true, details: 'Fix the--jira sync', tracker: null });
    expect(parse('Add an alert --jira --linear')).toMatchObject({ ok: false, hint: expect.stringContaining('one of') });
    expect(parse('--jira')).toMatchObject({ ok: false, hint: expect.stringContaining('Tell me what needs doing') });
  });

  it('needs something to do', () => {
    expect(parse('')).toMatchObject({ ok: false, hint: expect.stringContaining('Tell me what needs doing') });
    expect(parse('<@U0BOB> by friday')).toMatchObject({ ok: false });
  });
});

describe('due date labels', () => {
  it('names the weekday, day, month and year of a calendar day', async () => {
    const { dueDateLabel } = await import('../../../core/action/due-date.js');
    expect(dueDateLabel('2026-12-04')).toBe('Fri 4 Dec 2026');
    expect(dueDateLabel('2027-01-31')).toBe('Sun 31 Jan 2027');
  });
});
