import type { KnownBlock, PlainTextOption } from '@slack/types';
import { REPORT_MAX_LENGTH, type Severity, type Status } from '../../core/incident/model.js';
import { severityDefinition, typeDefinition, type IncidentProcess } from '../../core/shared/incident-process.js';
import { FieldBlocks } from '../ids.js';
import { capitalise, TEXT_INPUT_MAX, truncate } from '../../plugins/sdk/slack-text.js';

/** The one action_id inside each input block (the block_id says which field it is). */
export const VALUE = 'value';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

/** The configured scale, most severe first, with each level's help under it (Slack shows 75 characters). */
export const severityOptions = (process: Pick<IncidentProcess, 'severities'>): PlainTextOption[] =>
  process.severities.map((s) => ({ ...option(`${s.emoji} ${s.label}`, s.key), ...(s.description ? { description: plain(truncate(s.description, 75)) } : {}) }));

/**
 * Slack enforces `max_length` as people type, so a title can't grow past the limit in the form. A
 * prefill that is already longer is left out (never cut: a cut title would be saved as if typed).
 */
export function titleInput(initial: string | undefined, label = 'Title', hint?: string): KnownBlock {
  return {
    type: 'input',
    block_id: FieldBlocks.title,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: VALUE,
      placeholder: plain("What's happened, in a sentence?"),
      max_length: REPORT_MAX_LENGTH,
      ...(initial && initial.length <= REPORT_MAX_LENGTH ? { initial_value: initial } : {}),
    },
  };
}

/** Whether a text can be edited in a Slack text input (3,000 characters at most). */
export const fitsTextInput = (text: string | null | undefined) => (text ?? '').length <= TEXT_INPUT_MAX;

export function textArea(blockId: string, label: string, placeholder: string, initial: string | null | undefined, hint?: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: VALUE,
      multiline: true,
      placeholder: plain(placeholder),
      max_length: TEXT_INPUT_MAX,
      // Callers leave out a text longer than the input holds (fitsTextInput) rather than cut it.
      ...(initial && fitsTextInput(initial) ? { initial_value: initial } : {}),
    },
  };
}

export const summaryInput = (initial?: string | null) => textArea(FieldBlocks.summary, 'Summary', 'Can you share any more details?', initial);
export const impactInput = (initial?: string | null) =>
  textArea(FieldBlocks.impact, 'Impact', 'Who or what might be affected?', initial, 'Think about affected people, systems, and processes');

/** The value of the report modal's "Private incident" checkbox when ticked. */
export const PRIVATE_VALUE = 'private';

/** Shown only to people allowed to declare private incidents (PERMISSION_DECLARE_PRIVATE); ticked for a type private by default. */
export function privateInput(ticked = false): KnownBlock {
  const option = {
    text: plain('Private incident'),
    value: PRIVATE_VALUE,
    description: plain('Only its people and admins see it; its channel is private'),
  };
  return {
    type: 'input',
    block_id: FieldBlocks.private,
    optional: true,
    label: plain('Visibility'),
    element: {
      type: 'checkboxes',
      action_id: VALUE,
      options: [option],
      ...(ticked ? { initial_options: [option] } : {}),
    },
  };
}

export function leadInput(initial?: string | null): KnownBlock {
  return {
    type: 'input',
    block_id: FieldBlocks.lead,
    optional: true,
    label: plain('Lead'),
    element: { type: 'users_select', action_id: VALUE, placeholder: plain('Who is leading the response?'), ...(initial ? { initial_user: initial } : {}) },
  };
}

export function severityInput(process: Pick<IncidentProcess, 'severities'>, initial?: Severity | null): KnownBlock {
  const options = severityOptions(process);
  // An incident keeps a severity no longer configured until someone picks another: offered so saving the form keeps it.
  if (initial && !options.some((o) => o.value === initial)) {
    const old = severityDefinition(process, initial);
    options.push(option(`${old.emoji} ${old.label} (no longer used)`, initial));
  }
  const selected = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: FieldBlocks.severity,
    optional: true,
    label: plain('Severity'),
    element: {
      type: 'static_select',
      action_id: VALUE,
      placeholder: plain('How bad is it?'),
      options,
      ...(selected ? { initial_option: selected } : {}),
    },
  };
}

/**
 * The incident type, when more than one is configured. `dispatch_action`: Slack tells us at once when
 * it changes, and the form is redrawn with that type's defaults (severity, privacy).
 */
export function typeInput(process: Pick<IncidentProcess, 'types'>, initial: string | null, opts: { dispatch: boolean }): KnownBlock {
  const options: PlainTextOption[] = process.types.map((t) => ({ ...option(t.label, t.key), ...(t.description ? { description: plain(truncate(t.description, 75)) } : {}) }));
  if (initial && !options.some((o) => o.value === initial)) options.push(option(`${typeDefinition(process, initial).label} (no longer used)`, initial));
  const selected = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: FieldBlocks.incidentKind,
    label: plain('Type'),
    ...(opts.dispatch ? { dispatch_action: true } : {}),
    element: { type: 'static_select', action_id: VALUE, placeholder: plain('What kind of incident?'), options, ...(selected ? { initial_option: selected } : {}) },
  };
}

export function statusInput(statuses: readonly Status[], initial: Status): KnownBlock {
  const options = statuses.map((s) => option(capitalise(s), s));
  return {
    type: 'input',
    block_id: FieldBlocks.status,
    label: plain('Status'),
    element: { type: 'static_select', action_id: VALUE, options, initial_option: options.find((o) => o.value === initial) ?? options[0] },
  };
}

export const modalText = plain;
