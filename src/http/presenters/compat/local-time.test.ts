import { describe, expect, it } from 'vitest';
import { monthRange, naiveLocal, parseNaiveLocal } from './local-time.js';

describe('the original’s naive times, on a configured wall clock', () => {
  it('prints an instant as Python’s isoformat prints a naive time: six digits when there is a fraction, none on a whole second', () => {
    expect(naiveLocal(new Date('2026-12-03T11:56:44.874Z'), 'America/New_York')).toBe('2026-12-03T06:56:44.874000');
    expect(naiveLocal(new Date('2026-12-03T11:56:44.000Z'), 'America/New_York')).toBe('2026-12-03T06:56:44');
    expect(naiveLocal(new Date('2026-12-03T23:30:00.005Z'), 'Europe/Paris')).toBe('2026-12-04T00:30:00.005000');
    // Summer time: London is UTC+1 in July.
    expect(naiveLocal(new Date('2026-07-01T00:00:00Z'), 'Europe/London')).toBe('2026-07-01T01:00:00');
  });

  it('reads the original’s from/to forms on the same clock, or with an explicit offset', () => {
    expect(parseNaiveLocal('2026-12-03', 'America/New_York')?.toISOString()).toBe('2026-12-03T05:00:00.000Z');
    expect(parseNaiveLocal('2026-12-03 06:56', 'America/New_York')?.toISOString()).toBe('2026-12-03T11:56:00.000Z');
    expect(parseNaiveLocal('2026-12-03T06:56:44.874657', 'America/New_York')?.toISOString()).toBe('2026-12-03T11:56:44.874Z');
    expect(parseNaiveLocal('2026-12-03T06:56:44Z', 'America/New_York')?.toISOString()).toBe('2026-12-03T06:56:44.000Z');
    expect(parseNaiveLocal('2026-12-03T06:56:44+01:00', 'UTC')?.toISOString()).toBe('2026-12-03T05:56:44.000Z');
    // Across the spring change: 2026-03-29 02:30 does not exist in London; 03:00 is BST.
    expect(parseNaiveLocal('2026-03-29T03:00', 'Europe/London')?.toISOString()).toBe('2026-03-29T02:00:00.000Z');
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '2026-12-03T25:00', '03/12/2026', '']) expect(parseNaiveLocal(bad, 'UTC'), bad).toBeNull();
  });

  it('bounds a calendar month in the zone, December into January included', () => {
    expect(monthRange(2026, 12, 'America/New_York')).toEqual({ from: new Date('2026-12-01T05:00:00Z'), before: new Date('2027-01-01T05:00:00Z') });
    expect(monthRange(2026, 3, 'Europe/London')).toEqual({ from: new Date('2026-03-01T00:00:00Z'), before: new Date('2026-03-31T23:00:00Z') });
  });
});
