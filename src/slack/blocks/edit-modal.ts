import type { KnownBlock, View } from '@slack/types';
import { LIVE_STATUSES, type Status } from '../../core/incident/model.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import { CallbackIds } from '../ids.js';
import { fitsTextInput, impactInput, leadInput, modalText, severityInput, statusInput, summaryInput, titleInput, typeInput, VALUE } from './modal-fields.js';
import { DEFAULT_INCIDENT_PROCESS, usesTypes, type IncidentProcess, type RoleDefinition } from '../../core/shared/incident-process.js';
import { TEXT_INPUT_MAX, truncate } from '../../plugins/sdk/slack-text.js';
import { customFieldInputs } from './custom-field-inputs.js';

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

/** The block of a role's user select in the edit modal (the lead keeps its own `lead` block). */
export const roleBlockId = (key: string) => `role:${key}`;

/** One user select per configured role besides the lead, prefilled with its holder. */
function roleInputs(incident: IncidentView, roles: readonly RoleDefinition[]): KnownBlock[] {
  return roles
    .filter((r) => r.key !== 'lead')
    .map((role) => {
      const holder = incident.roles.find((r) => r.role === role.key)?.user.slackId;
      return {
        type: 'input',
        block_id: roleBlockId(role.key),
        optional: true,
        label: modalText(truncate(role.name, 2000)),
        ...(role.description ? { hint: modalText(truncate(role.description, 2000)) } : {}),
        element: { type: 'users_select', action_id: VALUE, placeholder: modalText(truncate(`Who is ${role.name}?`, 150)), ...(holder ? { initial_user: holder } : {}) },
      } satisfies KnownBlock;
    });
}

/** "Edit Incident {id}", prefilled from the incident (a select per role); private_metadata carries `{incident_id}`. */
export function renderEditModal(incident: IncidentView, process: Pick<IncidentProcess, 'roles' | 'severities' | 'types' | 'fields'> = DEFAULT_INCIDENT_PROCESS): View {
  const statuses: readonly Status[] = incident.reportOnly ? ['reported', 'resolved'] : LIVE_STATUSES;
  return {
    type: 'modal',
    callback_id: CallbackIds.editIncident,
    title: modalText(`Edit Incident ${incident.id}`.slice(0, 24)),
    submit: modalText('Save'),
    close: modalText('Cancel'),
    private_metadata: JSON.stringify({ incident_id: incident.id }),
    blocks: [
      ...(usesTypes(process) ? [typeInput(process, incident.type, { dispatch: false })] : []),
      titleInput(incident.report, 'Title'),
      longText('Summary', incident.summary, summaryInput, incident.docUrl),
      longText('Impact', incident.impact, impactInput, incident.docUrl),
      leadInput(incident.lead?.slackId),
      ...roleInputs(incident, process.roles),
      severityInput(process, incident.severity),
      statusInput(statuses, incident.status),
      // The fields of the incident's type. One required at declaration can't be cleared; an incident from
      // before it was required isn't made to fill it in to save another change (closing asks for it).
      ...customFieldInputs(process, incident.type, incident.customFields, { docUrl: incident.docUrl, required: (r, value) => r === 'declare' && value !== undefined }),
    ].slice(0, 100),
  };
}
