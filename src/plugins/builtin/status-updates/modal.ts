import type { KnownBlock, View } from '@slack/types';
import type { IncidentView, UpdateStatus } from '../../sdk/types.js';
import { NEXT_STEPS_MAX, NEXT_UPDATE_MAX_MINUTES, UPDATE_MESSAGE_MAX } from '../../../core/status-update/schemas.js';
import { UPDATE_STATUS_LABEL, UPDATE_STATUSES } from '../../../core/status-update/ports.js';
import { truncate } from '../../sdk/slack-text.js';
import { StatusUpdateIds, UpdateBlocks } from './ids.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

const option = (status: UpdateStatus) => ({ text: plain(`${UPDATE_STATUS_LABEL[status].emoji} ${UPDATE_STATUS_LABEL[status].name}`), value: status });

/**
 * The "Post a status update" modal: the status (the incident's, to start with), what is happening
 * now, the next steps, and when the next update is due (the severity's cadence; empty for none);
 * with a status page, its "publish" part (publish-blocks.ts) after them.
 */
export function renderUpdateModal(incident: IncidentView, defaultMinutes: number | null, draft = '', publish: KnownBlock[] = []): View {
  // A report-only incident's `reported` is no update status; it starts from investigating.
  const current: UpdateStatus = (UPDATE_STATUSES as readonly string[]).includes(incident.status) ? (incident.status as UpdateStatus) : 'investigating';
  return {
    type: 'modal',
    callback_id: StatusUpdateIds.modal,
    title: plain('Post a status update'),
    submit: plain('Post update'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ incident_id: incident.id }),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`Incident ${incident.id}: ${incident.report}`, 300) }] },
      {
        type: 'input',
        block_id: UpdateBlocks.status,
        label: plain('Status'),
        element: { type: 'static_select', action_id: 'value', options: UPDATE_STATUSES.map(option), initial_option: option(current) },
      },
      {
        type: 'input',
        block_id: UpdateBlocks.message,
        label: plain('What is happening now?'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: UPDATE_MESSAGE_MAX,
          placeholder: plain('What we know, who is affected, what we are doing'),
          ...(draft ? { initial_value: truncate(draft, UPDATE_MESSAGE_MAX) } : {}),
        },
      },
      {
        type: 'input',
        block_id: UpdateBlocks.nextSteps,
        optional: true,
        label: plain('Next steps'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: NEXT_STEPS_MAX },
      },
      {
        type: 'input',
        block_id: UpdateBlocks.nextUpdate,
        optional: true,
        label: plain('Next update in (minutes)'),
        hint: plain(`Up to ${NEXT_UPDATE_MAX_MINUTES}. Leave it empty if no further update is planned.`),
        element: {
          type: 'number_input',
          action_id: 'value',
          is_decimal_allowed: false,
          min_value: '1',
          max_value: String(NEXT_UPDATE_MAX_MINUTES),
          ...(defaultMinutes !== null ? { initial_value: String(defaultMinutes) } : {}),
        },
      },
      ...publish,
    ],
  };
}
