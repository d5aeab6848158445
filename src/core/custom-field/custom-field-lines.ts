import type { IncidentProcess } from '../shared/incident-process.js';
import type { CustomFields } from './definitions.js';
import { findField, isEmptyValue } from './definitions.js';
import { formatFieldValue } from './format-value.js';

/** Backslash-escapes Markdown's punctuation so a value reads as typed (user text stays inert). */
const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');

/**
 * The incident's custom fields as Markdown list lines (`- **Label:** value`) for the postmortem: the
 * configured fields with a value in the configured order, then values of fields no longer configured
 * (by key). Pure; a user shows as their Slack mention text, since a document has no Slack to resolve it.
 */
export function customFieldLines(process: Pick<IncidentProcess, 'fields'>, incident: { customFields: CustomFields }): string[] {
  const values = incident.customFields;
  const configured = process.fields.map((f) => f.key);
  const removed = Object.keys(values).filter((k) => !configured.includes(k)).sort();
  return [...configured, ...removed]
    .filter((k) => !isEmptyValue(values[k]))
    .map((k) => {
      const field = findField(process, k);
      const value = values[k]!;
      const text = field?.kind === 'user' ? `@${String(value)}` : formatFieldValue(field, value);
      return `- **${escapeMarkdown(field?.label ?? k)}:** ${escapeMarkdown(text)}`;
    });
}
