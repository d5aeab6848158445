import type { KnownBlock, View } from '@slack/types';
import { CallbackIds, FieldBlocks } from '../ids.js';
import { impactInput, leadInput, modalText, privateInput, severityInput, summaryInput, titleInput, VALUE } from './modal-fields.js';

export const INCIDENT_TYPE_LIVE = 'live';
export const INCIDENT_TYPE_REPORT = 'report';

/** What the report modal carries through Slack to its submission. */
export interface ReportModalMetadata {
  /** Where /incident was typed, for the thank-you message. */
  channelId: string;
}

/** "Report an Incident": opened by `/incident [text]` with the text as the title. */
export function renderReportModal(input: { text: string; askIfLive: boolean; metadata: ReportModalMetadata; offerPrivate?: boolean }): View {
  const blocks: KnownBlock[] = [titleInput(input.text.trim() || undefined)];
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
  blocks.push(summaryInput(), impactInput(), leadInput(), severityInput());
  if (input.offerPrivate) blocks.push(privateInput());
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
