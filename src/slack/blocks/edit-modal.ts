import type { View } from '@slack/types';
import { LIVE_STATUSES, type Status } from '../../core/incident/model.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import { CallbackIds } from '../ids.js';
import { impactInput, leadInput, modalText, severityInput, statusInput, summaryInput, titleInput } from './modal-fields.js';

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
      titleInput(incident.report, 'Report'),
      summaryInput(incident.summary),
      impactInput(incident.impact),
      leadInput(incident.lead?.slackId),
      severityInput(incident.severity),
      statusInput(statuses, incident.status),
    ],
  };
}
