/**
 * Slack's `<!date^1764742858^{date_short_pretty} at {time}|fallback>`, shown as Slack shows it: in
 * the reader's own time zone and clock. `target` is what follows `<` up to `|`; null when it isn't a
 * date Slack would render (the caller then shows the fallback).
 */
export function renderSlackDate(target: string, opts: { now?: Date; timeZone?: string; locale?: string } = {}): string | null {
  const m = /^!date\^(-?\d+)\^([^^]*)/.exec(target);
  if (!m) return null;
  const at = new Date(Number(m[1]) * 1000);
  if (Number.isNaN(at.getTime())) return null;
  const { now = new Date(), timeZone, locale } = opts;
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone, ...o }).format(at);
  const dayKey = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const relative = () => {
    const day = dayKey(at);
    for (const [offset, word] of [[0, 'today'], [-1, 'yesterday'], [1, 'tomorrow']] as const) {
      if (dayKey(new Date(now.getTime() + offset * 86_400_000)) === day) return word;
    }
    return null;
  };
  const short = () => fmt({ year: 'numeric', month: 'short', day: 'numeric' });
  const long = () => fmt({ year: 'numeric', month: 'long', day: 'numeric' });
  const tokens: Record<string, () => string> = {
    date_num: () => dayKey(at),
    date: long,
    date_short: short,
    date_long: () => fmt({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    date_pretty: () => relative() ?? long(),
    date_short_pretty: () => relative() ?? short(),
    date_long_pretty: () => relative() ?? fmt({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    time: () => fmt({ hour: 'numeric', minute: '2-digit' }),
    time_secs: () => fmt({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  };
  return (m[2] ?? '').replace(/\{(\w+)\}/g, (all, name: string) => tokens[name]?.() ?? all);
}
