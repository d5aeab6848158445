import type { KnownBlock, View } from '@slack/types';
import { LIVE_STATUSES, type Status } from '../../core/incident/model.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import { CallbackIds } from '../ids.js';
import { fitsTextInput, impactInput, leadInput, modalText, severityInput, statusInput, summaryInput, titleInput } from './modal-fields.js';
import { TEXT_INPUT_MAX } from '../../plugins/sdk/slack-text.js';

/**
 * A summary or impact longer than a Slack text input holds can't be edited here without cutting
 * it: the modal says where to edit it instead, and (with no input block) the submission leaves it as it is.
 */
function longText(label: string, value: string | null, input: (initial?: string | null) => KnownBlock, docUrl: string): KnownBlock {
  if (fitsTextInput(value)) return input(value);
  return {
    type: 'section',
    block_id: `${label.toLowerCase()}_too_long`,
    text: { type: 'mrkdwn', text: `*${label}*\nThe ${label.toLowerCase()} is longer than a Slack form field holds (${TEXT_INPUT_MAX.toLocaleString('en')} characters); edit it in the <${docUrl}|incident doc>.` },
  };
}

/** "Edit Incident {id}", prefilled from the incident; private_metadata carries `{incident_id}`. */
export function renderEditModal(incident: IncidentView): View {
  const statuses: readonly Status[] = incident.reportOnly ? ['reported', 'resolved'] : LIVE_STATUSES;
  return {
    type: 'modal',
    callback_id: CallbackIds.editIncident,
    title: modalText(`Edit Incident ${incident.id}`.slice(0, 24)),
    submit: modalText('Save'),
    close: modalText('Cancel'),
    private_metadata: JSON.stringify({ incident_id: incident.id }),
    blocks: [
      titleInput(incident.report, 'Title'),
      longText('Summary', incident.summary, summaryInput, incident.docUrl),
      longText('Impact', incident.impact, impactInput, incident.docUrl),
      leadInput(incident.lead?.slackId),
      severityInput(incident.severity),
      statusInput(statuses, incident.status),
    ],
  };
}
