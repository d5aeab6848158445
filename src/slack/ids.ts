import { CLOSE_WITH_FIELDS_ACTION } from '../plugins/builtin/commands/close.js';

/**
 * Every `action_id` and `callback_id` Response's own Slack flows use, in one place, so a rename
 * is one edit and a handler can't drift from the blocks that trigger it.
 */
export const ActionIds = {
  createCommsChannel: 'create-comms-channel-button',
  editIncident: 'edit-incident-button',
  closeIncident: 'close-incident-button',
  /** Opens the form asking for the fields an incident needs before it closes (`@incident close` offers it). */
  closeWithFields: CLOSE_WITH_FIELDS_ACTION,
} as const;
export type ActionId = (typeof ActionIds)[keyof typeof ActionIds];

export const CallbackIds = {
  reportIncident: 'incident-report-dialog',
  editIncident: 'incident-edit-dialog',
  /** The fields an incident needs before closing; submitting it fills them in and closes. */
  closeIncident: 'incident-close-dialog',
} as const;
export type CallbackId = (typeof CallbackIds)[keyof typeof CallbackIds];

/** block_ids of the report/edit modals' inputs (field errors are keyed by these). */
export const FieldBlocks = {
  title: 'report',
  /** "Is this a live incident?" (Response's live-or-report question; the name is historic). */
  incidentType: 'incident_type',
  /** The configured incident type (Default, Security…), asked only when more than one is configured. */
  incidentKind: 'incident_kind',
  summary: 'summary',
  impact: 'impact',
  lead: 'lead',
  severity: 'severity',
  status: 'status',
  private: 'private',
} as const;

/** The slash command Response answers. */
export const SLASH_COMMAND = '/incident';

/** The built-in plugin that owns the headline buttons and the report/edit modals. */
export const RESPONSE_PLUGIN = 'response';
