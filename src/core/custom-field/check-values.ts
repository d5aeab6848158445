import { z } from 'zod';
import { hasNul } from '../shared/input-limits.js';
import { invalid } from '../shared/errors.js';
import type { FieldDefinition, IncidentProcess } from '../shared/incident-process.js';
import { slackUserId } from '../incident/schemas.js';
import { fieldAppliesTo, fieldRequirement, fieldsForType, findField, isEmptyValue, type CustomFieldValue, type CustomFields } from './definitions.js';

/** The `custom_fields` object of a declaration or an edit, as given (checked here against the configuration). */
export const customFieldsInputSchema = z.record(z.string(), z.unknown(), { message: 'must be an object of field keys to values' });

export const TEXT_FIELD_MAX = 2000;
export const TEXTAREA_FIELD_MAX = 20000;

/** `custom_fields.<key>`: the field named in a 422 and in a Slack form's error. */
export const fieldPath = (key: string) => `custom_fields.${key}`;

function text(field: FieldDefinition, value: unknown, max: number): string {
  if (typeof value !== 'string') throw invalid(fieldPath(field.key), `custom_fields.${field.key} must be text`);
  if (hasNul(value)) throw invalid(fieldPath(field.key), `custom_fields.${field.key} must not contain NUL characters`);
  if (value.length > max) throw invalid(fieldPath(field.key), `custom_fields.${field.key} must be at most ${max} characters`);
  return value.trim();
}

function optionKey(field: FieldDefinition, value: unknown): string {
  if (typeof value !== 'string' || !field.options.some((o) => o.key === value))
    throw invalid(fieldPath(field.key), `custom_fields.${field.key} must be one of ${field.options.map((o) => o.key).join(', ')}`);
  return value;
}

/** One value checked against its field's kind; an empty one (blank text, no options) clears the field. */
export function checkFieldValue(field: FieldDefinition, value: unknown): CustomFieldValue | null {
  if (value === null || value === undefined) return null;
  const path = fieldPath(field.key);
  switch (field.kind) {
    case 'text':
      return text(field, value, TEXT_FIELD_MAX) || null;
    case 'textarea':
      return text(field, value, TEXTAREA_FIELD_MAX) || null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, `${path} must be a number`);
      return value;
    case 'select':
      return optionKey(field, value);
    case 'multi_select': {
      if (!Array.isArray(value)) throw invalid(path, `${path} must be a list of option keys (${field.options.map((o) => o.key).join(', ')})`);
      const keys = value.map((v) => optionKey(field, v));
      return keys.length ? [...new Set(keys)] : null;
    }
    case 'user':
      if (typeof value !== 'string' || !slackUserId.safeParse(value).success) throw invalid(path, `${path} must be a Slack user id such as U0123ABCD`);
      return value;
    case 'link': {
      const url = text(field, value, TEXT_FIELD_MAX);
      if (!url) return null;
      const parsed = URL.canParse(url) ? new URL(url) : null;
      // Only web links: a `javascript:` URL would run when the doc's link is clicked.
      if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw invalid(path, `${path} must be an http or https link`);
      return url;
    }
    case 'datetime': {
      const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
      if (!at || Number.isNaN(at.getTime()) || at.getUTCFullYear() > 9999) throw invalid(path, `${path} must be an ISO 8601 date-time such as 2026-01-31T14:05:00Z`);
      return at.toISOString();
    }
  }
}

/**
 * The values an edit asks for, checked against the configuration (kind, options, the incident's type),
 * merged over what is stored: fields the edit leaves out keep their value, including fields no longer
 * configured. Null or empty clears a field (not one required at declaration).
 */
export function mergeCustomFields(
  process: Pick<IncidentProcess, 'fields' | 'types'>,
  type: string | null,
  stored: CustomFields,
  given: Record<string, unknown>,
): CustomFields {
  const next: CustomFields = { ...stored };
  for (const [key, raw] of Object.entries(given)) {
    const field = findField(process, key);
    if (!field) {
      // Sending back a stored value of a field no longer configured is no change; anything else is a typo.
      if (key in stored && JSON.stringify(stored[key]) === JSON.stringify(raw)) continue;
      throw invalid(fieldPath(key), `${fieldPath(key)} is not a configured field (fields: ${process.fields.map((f) => f.key).join(', ') || 'none'})`);
    }
    if (!fieldAppliesTo(field, type)) throw invalid(fieldPath(key), `${fieldPath(key)} is not a field of ${type ?? 'untyped'} incidents (only ${field.types?.join(', ')})`);
    const value = checkFieldValue(field, raw);
    if (value === null) {
      if (fieldRequirement(process, field, type) === 'declare' && key in stored) throw invalid(fieldPath(key), `${field.label} (${fieldPath(key)}) is required and cannot be cleared`);
      delete next[key];
    } else next[key] = value;
  }
  return next;
}

/** The values of a declaration: checked like an edit, and every field required at declaration for the type given. */
export function checkDeclaredFields(process: Pick<IncidentProcess, 'fields' | 'types'>, type: string, given: Record<string, unknown>): CustomFields {
  const values = mergeCustomFields(process, type, {}, given);
  const missing = fieldsForType(process, type).filter((f) => fieldRequirement(process, f, type) === 'declare' && isEmptyValue(values[f.key]));
  const first = missing[0];
  if (first) throw invalid(fieldPath(first.key), `${missing.map((f) => `${f.label} (${fieldPath(f.key)})`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required to declare a ${type} incident`);
  return values;
}
