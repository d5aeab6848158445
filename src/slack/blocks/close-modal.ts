import type { View } from '@slack/types';
import type { IncidentView } from '../../plugins/sdk/types.js';
import type { FieldDefinition, IncidentProcess } from '../../core/shared/incident-process.js';
import { CallbackIds } from '../ids.js';
import { modalText } from './modal-fields.js';
import { customFieldInputs } from './custom-field-inputs.js';
import { escapeMrkdwn, truncate } from '../../plugins/sdk/slack-text.js';

/**
 * "Close Incident {id}": asks for the fields the incident needs before it closes (each a required
 * input); submitting fills them in and closes it in one change. private_metadata carries `{incident_id}`.
 */
export function renderCloseModal(incident: IncidentView, process: Pick<IncidentProcess, 'fields' | 'types'>, missing: readonly FieldDefinition[]): View {
  const names = missing.map((f) => f.label).join(', ');
  return {
    type: 'modal',
    callback_id: CallbackIds.closeIncident,
    title: modalText(`Close Incident ${incident.id}`.slice(0, 24)),
    submit: modalText('Close incident'),
    close: modalText('Not yet'),
    private_metadata: JSON.stringify({ incident_id: incident.id }),
    blocks: [
      {
        type: 'section',
        block_id: 'close_intro',
        text: { type: 'mrkdwn', text: truncate(`Before *${escapeMrkdwn(incident.report)}* closes, your team needs: ${escapeMrkdwn(names)}.`, 3000) },
      },
      ...customFieldInputs(process, incident.type, incident.customFields, { docUrl: incident.docUrl, only: missing.map((f) => f.key), required: () => true }),
    ],
  };
}
