/**
 * Due dates as people type them (`2026-12-31`, `today`, `tomorrow`, `friday`, `in 3 days`), read as
 * calendar days in the team's time zone: "tomorrow" said at 23:30 in London is the day after
 * London's today, whatever the server's zone.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_ABBREVIATIONS: Record<string, number> = { sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6 };
const MAX_DAYS_AHEAD = 3660;

/** The calendar day (YYYY-MM-DD) it is at `at` in `timezone`. */
export function localDate(at: Date, timezone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** A real calendar day (not 2026-02-30) in the years 0001–9999. */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1) return false;
  const probe = new Date(Date.UTC(2000, m - 1, d));
  probe.setUTCFullYear(y);
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * The day `text` names, counted from `now` in `timezone`, or null when it names none. A weekday is
 * the next one after today (`friday` on a Friday is a week away).
 */
export function parseDueDate(text: string, now: Date, timezone: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = localDate(now, timezone);
  if (isCalendarDate(t)) return t;
  if (t === 'today' || t === 'tonight' || t === 'eod') return today;
  if (t === 'tomorrow' || t === 'tmrw') return addDays(today, 1);
  const weekday = WEEKDAYS.indexOf(t) >= 0 ? WEEKDAYS.indexOf(t) : WEEKDAY_ABBREVIATIONS[t];
  if (weekday !== undefined) return addDays(today, ((weekday - weekdayOf(today) + 6) % 7) + 1);
  const relative = /^in (\d{1,4}|a|an|one) (day|days|week|weeks)$/.exec(t);
  if (relative) {
    const n = /^\d+$/.test(relative[1] as string) ? Number(relative[1]) : 1;
    const days = n * (relative[2]?.startsWith('week') ? 7 : 1);
    return days <= MAX_DAYS_AHEAD ? addDays(today, days) : null;
  }
  return null;
}

/** Words a due date starts with: a trailing `by <one of these…>` is meant as a date, even when it isn't one. */
const DATE_WORDS = new Set([
  'today',
  'tonight',
  'tomorrow',
  'tmrw',
  'eod',
  'in',
  'next',
  'this',
  'end',
  ...WEEKDAYS,
  ...Object.keys(WEEKDAY_ABBREVIATIONS),
  ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ...['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'],
]);

/** Whether `text` reads as an attempt at a date (so a `by …` that isn't one is answered, not kept as words). */
export function looksLikeDate(text: string): boolean {
  const first = text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  return /^\d/.test(first) || DATE_WORDS.has(first.replace(/[.,]$/, ''));
}

/** How the forms are explained to someone whose date wasn't understood. */
export const DUE_DATE_FORMS = '`YYYY-MM-DD`, `today`, `tomorrow`, a weekday such as `friday`, or `in 3 days`';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri 4 Dec 2026" for a YYYY-MM-DD: a calendar day, so no zone to convert. */
export function dueDateLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${DAY_NAMES[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
