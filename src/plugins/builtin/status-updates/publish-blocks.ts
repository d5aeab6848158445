import type { KnownBlock } from '@slack/types';
import type { IncidentView } from '../../sdk/types.js';
import { COMPONENT_STATUS_LABEL, type ComponentImpacts, type ComponentStatus } from '../../../core/status-page/ports.js';
import { PUBLIC_BODY_MAX, PUBLIC_TITLE_MAX } from '../../../core/status-page/publish-schema.js';
import { truncate } from '../../sdk/slack-text.js';
import { PublishBlocks } from './ids.js';

/** Publishing from the update modal, when a status page is configured. */
export interface StatusUpdatePublishing {
  components: readonly { key: string; name: string }[];
  /** The incident's public title and impacts as last published (null: never). */
  lastPublished(incidentId: number): Promise<{ title: string; components: ComponentImpacts } | null>;
}

/** The impacts the modal asks about, worst first; a component in none of them is operational. */
const IMPACTS: Exclude<ComponentStatus, 'operational'>[] = ['major_outage', 'partial_outage', 'degraded_performance', 'under_maintenance'];

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const PUBLISH_OPTION = { text: plain('Publish this update on the public status page'), value: 'publish' };

/**
 * The modal's "Status page" part: a choice to publish, the public title and message (their own
 * words: the internal text above is never published) and which components are affected how.
 * Starts from what was last published; a private incident only says it cannot be published.
 */
export function renderPublishBlocks(incident: IncidentView, components: StatusUpdatePublishing['components'], last: { title: string; components: ComponentImpacts } | null): KnownBlock[] {
  if (incident.private) return [{ type: 'divider' }, { type: 'context', elements: [{ type: 'mrkdwn', text: '🔒 This incident is private, so it is never published to the status page.' }] }];
  const option = (c: { key: string; name: string }) => ({ text: plain(truncate(c.name, 75)), value: c.key });
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: plain('Status page') },
    {
      type: 'input',
      block_id: PublishBlocks.publish,
      optional: true,
      label: plain('Publish'),
      element: { type: 'checkboxes', action_id: 'value', options: [PUBLISH_OPTION], ...(last ? { initial_options: [PUBLISH_OPTION] } : {}) },
    },
    {
      type: 'input',
      block_id: PublishBlocks.title,
      optional: true,
      label: plain('Public title'),
      hint: plain(last ? 'What customers see as the incident’s name.' : 'What customers see as the incident’s name (needed the first time).'),
      element: { type: 'plain_text_input', action_id: 'value', max_length: PUBLIC_TITLE_MAX, ...(last ? { initial_value: last.title } : {}) },
    },
    {
      type: 'input',
      block_id: PublishBlocks.body,
      optional: true,
      label: plain('Public message'),
      hint: plain('In words for customers. The internal text above is never published.'),
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: PUBLIC_BODY_MAX },
    },
  ];
  if (components.length === 0) return blocks;
  for (const impact of IMPACTS) {
    const initial = components.filter((c) => last?.components[c.key] === impact).map(option);
    blocks.push({
      type: 'input',
      block_id: `${PublishBlocks.impactPrefix}${impact}`,
      optional: true,
      label: plain(COMPONENT_STATUS_LABEL[impact]),
      element: { type: 'multi_static_select', action_id: 'value', placeholder: plain('Components'), options: components.slice(0, 100).map(option), ...(initial.length ? { initial_options: initial } : {}) },
    });
  }
  return blocks;
}

type Values = Record<string, Record<string, unknown>>;
type Input = { value?: string | null; selected_options?: { value?: string }[] | null } | undefined;

/**
 * Reads the "Status page" part of a submission: null when publishing was not chosen; otherwise the
 * publish input (every component named gets the worst impact it was put under; the others are
 * operational for this incident), or the block to show an error on.
 */
export function readPublish(values: Values): null | { publish: { title: string | null; body: string; components: ComponentImpacts } } | { errors: Record<string, string> } {
  const input = (block: string) => values[block]?.value as Input;
  if (!(input(PublishBlocks.publish)?.selected_options ?? []).some((o) => o.value === 'publish')) return null;
  const body = (input(PublishBlocks.body)?.value ?? '').trim();
  if (!body) return { errors: { [PublishBlocks.body]: 'Write the public message: the internal text is never published' } };
  const components: ComponentImpacts = {};
  for (const impact of IMPACTS) {
    for (const o of input(`${PublishBlocks.impactPrefix}${impact}`)?.selected_options ?? []) if (o.value && !components[o.value]) components[o.value] = impact;
  }
  return { publish: { title: (input(PublishBlocks.title)?.value ?? '').trim() || null, body, components } };
}
