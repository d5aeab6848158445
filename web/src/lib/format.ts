/** Dates in the viewer's own time zone, always with the date (a time alone is ambiguous across midnight). */
// dateStyle/timeStyle can't be combined with timeZoneName, so spell the fields out.
const fields = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
const dateTime = new Intl.DateTimeFormat(undefined, fields);
const dateTimeZone = new Intl.DateTimeFormat(undefined, { ...fields, timeZoneName: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayHeading = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatDateTime(iso: string | null | undefined, withZone = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return (withZone ? dateTimeZone : dateTime).format(d);
}

export const formatTime = (iso: string): string => timeOnly.format(new Date(iso));

/**
 * How wide a time from formatTime can be, in `ch` of its font: the timeline gives every time that
 * width, so times line up and never wrap ("10:42:13 AM" in en-US, "22:58:58" in en-GB). Wide
 * characters (CJK day-period words) count double.
 */
export function timeWidthCh(): number {
  const widest = [new Date(2000, 0, 1, 10, 58, 58), new Date(2000, 0, 1, 22, 58, 58)].map((d) => timeOnly.format(d));
  return Math.max(...widest.map((t) => [...t].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
}

/** The local calendar day of an instant, as YYYY-MM-DD, for grouping a timeline by day. */
export function localDayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const formatDayHeading = (iso: string): string => dayHeading.format(new Date(iso));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "42 secs", "5 mins", "2 hrs 5 mins", "3 days 4 hrs" — the same words Response uses in Slack. */
export function formatDuration(totalSeconds: number | null | undefined): string {
  if (totalSeconds === null || totalSeconds === undefined || !Number.isFinite(totalSeconds)) return '—';
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return plural(s, 'sec');
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (days) parts.push(plural(days, 'day'));
  if (hours) parts.push(plural(hours, 'hr'));
  if (minutes && !days) parts.push(plural(minutes, 'min'));
  return parts.join(' ') || plural(minutes, 'min');
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 hours ago", for last-used times. */
export function formatRelative(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 60) return relative.format(Math.round(diff), 'second');
  if (abs < 3600) return relative.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(diff / 3600), 'hour');
  return relative.format(Math.round(diff / 86400), 'day');
}

/** ISO instant → the value of an <input type="datetime-local"> in the viewer's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** <input type="datetime-local"> value (viewer's zone) → ISO-8601 UTC; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
