// The original ran with USE_TZ=False: it stored and printed naive wall-clock times, which Django REST
// framework prints with Python's isoformat() (microseconds only when there are any, no zone). We
// keep instants; these print them as that wall clock in the configured TIMEZONE, and read the
// original's naive query parameters back as instants in that zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, zone: string): WallClock {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Date.UTC, without its reading of years 0–99 as 1900–1999. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** `2026-12-03T06:56:44.874000` (or `…:44` on a whole second): the instant on `zone`'s wall clock, as the original printed it. */
export function naiveLocal(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  // We keep milliseconds; Python prints six digits whenever there is a fraction.
  return ms === 0 ? base : `${base}.${pad(ms, 3)}000`;
}

export const naiveLocalOrNull = (instant: Date | null, zone: string): string | null => (instant === null ? null : naiveLocal(instant, zone));

/** The instant `zone`'s clocks showed at this wall-clock time (the earlier one when a clock change repeats it). */
export function instantOf(w: WallClock & { ms?: number }, zone: string): Date {
  const asUtc = utc(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms ?? 0);
  // The zone's offset at a guess, then at the corrected instant (differs only across a clock change).
  let instant = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = wallClock(new Date(instant), zone);
    const seenAsUtc = utc(seen.year, seen.month, seen.day, seen.hour, seen.minute, seen.second, w.ms ?? 0);
    instant -= seenAsUtc - asUtc;
  }
  return new Date(instant);
}

/** The first instant of a calendar month in `zone`, and of the month after. */
export function monthRange(year: number, month: number, zone: string): { from: Date; before: Date } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    from: instantOf({ year, month, day: 1, hour: 0, minute: 0, second: 0 }, zone),
    before: instantOf({ ...next, day: 1, hour: 0, minute: 0, second: 0 }, zone),
  };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time as the original's `from`/`to` accepted it (Django's date and date-time forms): `2026-12-03`,
 * `2026-12-03 06:56`, `2026-12-03T06:56:44.874657`; naive ones on `zone`'s wall clock, or with a
 * `Z`/`+01:00` offset. Null when it is none of those or not a real date.
 */
export function parseNaiveLocal(text: string, zone: string): Date | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = m;
  const w = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s), ms: Number(fraction.padEnd(3, '0').slice(0, 3)) };
  if (w.year < 1 || w.month < 1 || w.month > 12 || w.day < 1 || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  const probe = new Date(utc(w.year, w.month, w.day));
  if (probe.getUTCMonth() !== w.month - 1 || probe.getUTCDate() !== w.day) return null;
  if (!offset) return instantOf(w, zone);
  const asUtc = utc(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
  if (offset === 'Z') return new Date(asUtc);
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return new Date(asUtc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
}
