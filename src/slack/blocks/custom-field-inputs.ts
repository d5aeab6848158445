import type { KnownBlock, PlainTextOption } from '@slack/types';
import { checkFieldValue, fieldPath } from '../../core/custom-field/check-values.js';
import { fieldRequirement, fieldsForType, type CustomFields, type CustomFieldValue } from '../../core/custom-field/definitions.js';
import { DomainError } from '../../core/shared/errors.js';
import type { FieldDefinition, IncidentProcess } from '../../core/shared/incident-process.js';
import { TEXT_INPUT_MAX, truncate } from '../../plugins/sdk/slack-text.js';
import type { StateValue } from '../schemas.js';
import { modalText, VALUE } from './modal-fields.js';

/** The block of a custom field's input: `field:<key>` (its errors are keyed by it). */
export const fieldBlockId = (key: string) => `field:${key}`;
const FIELD_BLOCK = /^field:(.+)$/;

type Process = Pick<IncidentProcess, 'fields' | 'types'>;

const options = (field: FieldDefinition, current: readonly string[]): (PlainTextOption & { value: string })[] => {
  const list = field.options.map((o) => ({ text: modalText(o.label), value: o.key }));
  // A stored option no longer configured stays offered, so saving the form keeps it.
  for (const key of current) if (!list.some((o) => o.value === key)) list.push({ text: modalText(truncate(`${key} (no longer used)`, 75)), value: key });
  return list.slice(0, 100);
};

/** The Block Kit element for a field's kind, prefilled with its value (a text too long for Slack's input is left out: see customFieldInputs). */
function element(field: FieldDefinition, value: CustomFieldValue | undefined): Record<string, unknown> {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return { type: 'plain_text_input', action_id: VALUE, multiline: field.kind === 'textarea', max_length: TEXT_INPUT_MAX, ...(text ? { initial_value: text } : {}) };
    case 'number':
      return { type: 'number_input', action_id: VALUE, is_decimal_allowed: true, ...(text ? { initial_value: text } : {}) };
    case 'link':
      return { type: 'url_text_input', action_id: VALUE, ...(text ? { initial_value: text } : {}) };
    case 'user':
      return { type: 'users_select', action_id: VALUE, ...(text ? { initial_user: text } : {}) };
    case 'datetime': {
      const at = text ? Math.floor(new Date(text).getTime() / 1000) : NaN;
      return { type: 'datetimepicker', action_id: VALUE, ...(Number.isFinite(at) ? { initial_date_time: at } : {}) };
    }
    case 'select': {
      const list = options(field, text ? [text] : []);
      const initial = list.find((o) => o.value === text);
      return { type: 'static_select', action_id: VALUE, placeholder: modalText('Choose one'), options: list, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'multi_select': {
      const chosen = Array.isArray(value) ? value : [];
      const list = options(field, chosen);
      const initial = list.filter((o) => chosen.includes(o.value));
      return { type: 'multi_static_select', action_id: VALUE, placeholder: modalText('Choose any'), options: list, ...(initial.length ? { initial_options: initial } : {}) };
    }
  }
}

/**
 * An input per field of the incident type, in the configured order: required (Slack won't submit
 * without it) when `required` says so for the field's requirement. A text longer than Slack's
 * input holds is shown, with where to edit it, rather than cut.
 */
export function customFieldInputs(
  process: Process,
  type: string | null,
  values: CustomFields,
  opts: { docUrl?: string; only?: readonly string[]; required: (requirement: 'declare' | 'close' | null, value: CustomFieldValue | undefined) => boolean },
): KnownBlock[] {
  return fieldsForType(process, type)
    .filter((f) => !opts.only || opts.only.includes(f.key))
    .map((field): KnownBlock => {
      const value = values[field.key];
      if (typeof value === 'string' && value.length > TEXT_INPUT_MAX && (field.kind === 'text' || field.kind === 'textarea')) {
        const where = opts.docUrl ? `<${opts.docUrl}|incident doc>` : 'incident doc';
        return { type: 'section', block_id: `${fieldBlockId(field.key)}:too_long`, text: { type: 'mrkdwn', text: `*${truncate(field.label, 100)}*\nLonger than a Slack form field holds; edit it in the ${where}.` } };
      }
      return {
        type: 'input',
        block_id: fieldBlockId(field.key),
        optional: !opts.required(fieldRequirement(process, field, type), value),
        label: modalText(truncate(field.label, 2000)),
        ...(field.help ? { hint: modalText(truncate(field.help, 2000)) } : {}),
        element: element(field, value) as never,
      };
    });
}

/** A field's submitted state as the value core checks (number inputs arrive as text, date-times as UNIX seconds). */
function submitted(field: FieldDefinition, state: StateValue | undefined): unknown {
  if (!state) return null;
  switch (field.kind) {
    case 'select':
      return state.selected_option?.value ?? null;
    case 'multi_select':
      return (state.selected_options ?? []).map((o) => o.value);
    case 'user':
      return state.selected_user ?? null;
    case 'datetime':
      return typeof state.selected_date_time === 'number' ? new Date(state.selected_date_time * 1000).toISOString() : null;
    case 'number': {
      const text = state.value?.trim();
      return text ? Number(text) : null;
    }
    default:
      return state.value ?? null;
  }
}

/**
 * The custom fields of a submitted form (only the ones it had inputs for), checked as core would,
 * with any problem as a field error on its block so the form stays open.
 */
export function readCustomFields(
  process: Process,
  values: Record<string, Record<string, StateValue>>,
): { values: Record<string, CustomFieldValue | null>; errors: Record<string, string> } {
  const out: Record<string, CustomFieldValue | null> = {};
  const errors: Record<string, string> = {};
  for (const blockId of Object.keys(values)) {
    const key = FIELD_BLOCK.exec(blockId)?.[1];
    const field = key ? process.fields.find((f) => f.key === key) : undefined;
    if (!key || !field) continue;
    const raw = submitted(field, values[blockId]?.[VALUE] ?? Object.values(values[blockId] ?? {})[0]);
    try {
      out[key] = checkFieldValue(field, raw);
    } catch (err) {
      errors[blockId] = err instanceof DomainError ? err.message.replace(`${fieldPath(key)} `, '').replace(/^./, (c) => c.toUpperCase()) : 'Check this value';
    }
  }
  return { values: out, errors };
}

/** The form block at fault for a core error naming `custom_fields.<key>`, or null. */
export function fieldErrorBlock(err: unknown): string | null {
  const key = err instanceof DomainError && err.field?.startsWith('custom_fields.') ? err.field.slice('custom_fields.'.length) : null;
  return key ? fieldBlockId(key) : null;
}
