import type { KnownBlock, View } from '@slack/types';
import { CallbackIds, FieldBlocks } from '../ids.js';
import { REPORT_MAX_LENGTH } from '../../core/incident/model.js';
import { DEFAULT_INCIDENT_PROCESS, typeDefinition, usesTypes, type IncidentProcess } from '../../core/shared/incident-process.js';
import { fitsTextInput, impactInput, leadInput, modalText, privateInput, severityInput, summaryInput, titleInput, typeInput, VALUE } from './modal-fields.js';
import { TEXT_INPUT_MAX } from '../../plugins/sdk/slack-text.js';
import { customFieldInputs } from './custom-field-inputs.js';
import type { CustomFields } from '../../core/custom-field/definitions.js';

export const INCIDENT_TYPE_LIVE = 'live';
export const INCIDENT_TYPE_REPORT = 'report';

/** What the report modal carries through Slack to its submission. */
export interface ReportModalMetadata {
  /** Where /incident was typed, for the thank-you message. */
  channelId: string;
}

/**
 * "Report an Incident": opened by `/incident [text]` with the text as the title. A text longer
 * than a title may be goes into the summary whole, and the title is left for a short sentence.
 */
export function renderReportModal(input: {
  text: string;
  askIfLive: boolean;
  metadata: ReportModalMetadata;
  offerPrivate?: boolean;
  process?: Pick<IncidentProcess, 'severities' | 'types' | 'fields'>;
  /** Redrawn for a type chosen in the open form: that type, and the summary as typed so far. */
  type?: string;
  summary?: string | null;
  /** Custom field values typed so far (kept through a redraw for another type). */
  fields?: CustomFields;
}): View {
  const process = input.process ?? DEFAULT_INCIDENT_PROCESS;
  const type = usesTypes(process) ? typeDefinition(process, input.type ?? process.types[0]!.key) : null;
  const text = input.text.trim();
  const tooLongForTitle = text.length > REPORT_MAX_LENGTH;
  const hint = tooLongForTitle
    ? fitsTextInput(text)
      ? `What you typed is longer than ${REPORT_MAX_LENGTH} characters, so it is in the summary below. Give the incident a short title.`
      : `What you typed is longer than a form field holds (${TEXT_INPUT_MAX} characters). Give the incident a short title and the essentials in the summary.`
    : undefined;
  const blocks: KnownBlock[] = [];
  if (type) blocks.push(typeInput(process, type.key, { dispatch: true }));
  blocks.push(titleInput(tooLongForTitle ? undefined : text || undefined, 'Title', hint));
  if (input.askIfLive) {
    blocks.push({
      type: 'input',
      block_id: FieldBlocks.incidentType,
      label: modalText('Is this a live incident?'),
      element: {
        type: 'static_select',
        action_id: VALUE,
        placeholder: modalText('Choose one'),
        options: [
          { text: modalText('Yes - this is a live incident happening right now'), value: INCIDENT_TYPE_LIVE },
          { text: modalText('No - this is just a report of something that happened'), value: INCIDENT_TYPE_REPORT },
        ],
      },
    });
  }
  blocks.push(summaryInput(input.summary ?? (tooLongForTitle ? text : undefined)), impactInput(), leadInput(), severityInput(process, type?.defaultSeverity));
  // The fields of the type picked (the form redraws on a type switch); those required at declaration can't be left empty.
  const typeKey = type?.key ?? process.types[0]?.key ?? null;
  blocks.push(...customFieldInputs(process, typeKey, input.fields ?? {}, { required: (r) => r === 'declare' }));
  if (input.offerPrivate) blocks.push(privateInput(type?.privateByDefault === true));
  return {
    type: 'modal',
    callback_id: CallbackIds.reportIncident,
    title: modalText('Report an Incident'),
    submit: modalText('Report'),
    close: modalText('Cancel'),
    private_metadata: JSON.stringify(input.metadata),
    blocks,
  };
}
