import type { Clock } from '../../src/core/shared/context.js';

/** A clock tests move by hand, so time-based behaviour is tested without sleeping. */
export class TestClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-23T10:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
