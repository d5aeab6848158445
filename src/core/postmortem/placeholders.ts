/**
 * The `{{name}}`s a postmortem template may use (response.config.ts `postmortem.template`), each filled
 * from the incident when a postmortem is started. Only these names, only lower-case: a typo is a
 * config error at start-up instead of text that silently never fills in.
 */
export const POSTMORTEM_PLACEHOLDERS = {
  id: 'The incident number',
  title: "The incident's title (what was reported)",
  doc_url: "The incident doc's address",
  details: 'A list of status, severity, type, times, duration, reporter, every role and the comms channel',
  status: 'Its status now',
  severity: 'Its severity (emoji and label), or —',
  type: 'Its type, or —',
  reported_at: 'When it was declared (UTC)',
  started_at: 'When it started (UTC)',
  ended_at: 'When it ended (UTC), or "ongoing"',
  duration: 'How long it lasted',
  lead: 'The incident lead, or —',
  reporter: 'Who declared it',
  summary: 'The summary, as written in the doc',
  impact: 'The impact, as written in the doc',
  timeline: 'The key events in order: declared, status updates, pins, severity, status and role changes, actions',
  status_updates: 'Every status update posted, oldest first',
  follow_ups: 'The follow-up actions as a checklist, with owners and due dates',
  people: 'Who held each role, and who took part in the comms channel',
  numbers: 'Time to first update, to identify and to resolve',
  custom_fields: "The incident's custom fields (empty when none are configured)",
} as const;

export type PostmortemPlaceholder = keyof typeof POSTMORTEM_PLACEHOLDERS;

// `{{ name }}`: spaces inside the braces are allowed; anything else in braces is left as typed.
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

const isPlaceholder = (name: string): name is PostmortemPlaceholder => Object.hasOwn(POSTMORTEM_PLACEHOLDERS, name);

/** The names a template uses that are not placeholders, each once, in the order they appear. */
export function unknownPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((n) => !isPlaceholder(n)))];
}

/**
 * The template with each placeholder replaced by its value, in one pass: a value that itself contains
 * `{{…}}` (a summary someone typed) is written as it is, never expanded again.
 */
export function fillTemplate(template: string, values: Record<PostmortemPlaceholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}
