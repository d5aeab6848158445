import type { View } from '@slack/types';
import type { PagerDutyServiceConfig } from '../../../../config/integrations/pagerduty.js';
import { truncate } from '../../../sdk/slack-text.js';
import type { IncidentView } from '../../../sdk/types.js';
import { PageBlocks, PagerDutyIds } from './ids.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** PagerDuty's limit on an alert's summary. */
export const PAGE_MESSAGE_MAX = 1024;

const URGENCY = [
  { text: plain('High: notify now (critical)'), value: 'high' },
  { text: plain('Low: during working hours (warning)'), value: 'low' },
];

/** "Page someone with PagerDuty": the service, the urgency and what to tell them. */
export function renderPageModal(incident: IncidentView, services: PagerDutyServiceConfig[]): View {
  // Slack's static_select holds at most 100 options.
  const options = services.slice(0, 100).map((s) => ({ text: plain(truncate(s.name, 75)), value: s.key }));
  const onlyOne = options.length === 1 ? { initial_option: options[0] } : {};
  return {
    type: 'modal',
    callback_id: PagerDutyIds.modal,
    title: plain('Page with PagerDuty'),
    submit: plain('Page'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ incident_id: incident.id }),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`Incident ${incident.id}: ${incident.report}`, 300) }] },
      {
        type: 'input',
        block_id: PageBlocks.service,
        label: plain('Service'),
        hint: plain('Its escalation policy decides who is paged.'),
        element: { type: 'static_select', action_id: 'value', placeholder: plain('Choose a service'), options, ...onlyOne },
      },
      {
        type: 'input',
        block_id: PageBlocks.urgency,
        label: plain('Urgency'),
        element: { type: 'radio_buttons', action_id: 'value', options: URGENCY, initial_option: URGENCY[0] },
      },
      {
        type: 'input',
        block_id: PageBlocks.message,
        label: plain('Message'),
        hint: plain('What the person paged reads first.'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: PAGE_MESSAGE_MAX,
          initial_value: truncate(incident.summary ?? incident.report, PAGE_MESSAGE_MAX),
        },
      },
    ],
  };
}
