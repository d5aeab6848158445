/**
 * The one normalisation between the original's answers and ours: we keep times to the
 * millisecond (JavaScript's Date), the original to the microsecond. Its times are cut to
 * milliseconds and printed the way Python's isoformat() prints such a time (six digits when there
 * is a fraction, none on a whole second). Only the fields the serializers print as times are
 * touched; event payloads, which we keep as the original wrote them, are compared as they are.
 */
export function toMilliseconds(naive: string | null): string | null {
  if (naive === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(naive);
  if (!m) throw new Error(`not a naive time: ${naive}`);
  const ms = (m[2] ?? '').padEnd(6, '0').slice(0, 3);
  return ms === '000' ? (m[1] as string) : `${m[1]}.${ms}000`;
}

export const fromOriginalAction = (a: any) => ({ ...a, created_date: toMilliseconds(a.created_date), done_date: toMilliseconds(a.done_date) });

export const fromOriginalIncident = (i: any) => ({
  ...i,
  report_time: toMilliseconds(i.report_time),
  start_time: toMilliseconds(i.start_time),
  end_time: toMilliseconds(i.end_time),
  action_items: i.action_items.map(fromOriginalAction),
});

export const fromOriginalTimelineEvent = (e: any) => ({ ...e, timestamp: toMilliseconds(e.timestamp) });

export const fromOriginal = (page: { count: number; next: string | null; previous: string | null; results: any[] }, each: (x: any) => any) => ({ ...page, results: page.results.map(each) });
