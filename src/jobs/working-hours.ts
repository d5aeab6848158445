const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);

function localParts(at: Date, timezone: string): { weekday: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), hour: Number(get('hour')) % 24, minute: Number(get('minute')) };
}

/** Monday to Friday, `from` ≤ local hour < `to`, in the given IANA zone. */
export function inWorkingHours(at: Date, timezone: string, [from, to]: [number, number]): boolean {
  const { weekday, hour } = localParts(at, timezone);
  return WEEKDAYS.has(weekday) && hour >= from && hour < to;
}

/**
 * The next moment working hours begin after `at`. Steps by quarter hours so zones with :30 and
 * :45 offsets land on their local full hour too.
 */
export function nextWorkingStart(at: Date, timezone: string, hours: [number, number]): Date {
  const step = 15 * 60_000;
  let t = Math.ceil((at.getTime() + 1) / step) * step;
  for (let i = 0; i < 8 * 96; i++, t += step) {
    const candidate = new Date(t);
    const { minute } = localParts(candidate, timezone);
    if (minute === 0 && inWorkingHours(candidate, timezone, hours)) return candidate;
  }
  return new Date(at.getTime() + 24 * 3600_000);
}
