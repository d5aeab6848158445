import { describe, expect, it } from 'vitest';
import { inWorkingHours, nextWorkingStart } from '../../src/jobs/working-hours.js';

describe('working hours', () => {
  it('weekdays from 09:00 to 17:00 in the given zone', () => {
    expect(inWorkingHours(new Date('2026-11-30T14:00:00Z'), 'America/New_York', [9, 17])).toBe(true); // Mon 09:00
    expect(inWorkingHours(new Date('2026-11-30T13:59:00Z'), 'America/New_York', [9, 17])).toBe(false);
    expect(inWorkingHours(new Date('2026-11-30T22:00:00Z'), 'America/New_York', [9, 17])).toBe(false); // Mon 17:00
    expect(inWorkingHours(new Date('2026-11-28T15:00:00Z'), 'America/New_York', [9, 17])).toBe(false); // Sat
    expect(inWorkingHours(new Date('2026-11-30T04:00:00Z'), 'Asia/Kolkata', [9, 17])).toBe(true); // 09:30 IST
  });

  it('the next start of working hours, across weekends and half-hour zones', () => {
    expect(nextWorkingStart(new Date('2026-11-28T15:00:00Z'), 'America/New_York', [9, 17]).toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(nextWorkingStart(new Date('2026-12-01T23:30:00Z'), 'America/New_York', [9, 17]).toISOString()).toBe('2026-12-02T14:00:00.000Z');
    expect(nextWorkingStart(new Date('2026-11-30T01:00:00Z'), 'Asia/Kolkata', [9, 17]).toISOString()).toBe('2026-11-30T03:30:00.000Z');
  });
});
