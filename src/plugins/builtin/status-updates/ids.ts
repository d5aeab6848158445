/** The built-in plugin that owns status updates: `@incident update`, its button and modal, and the cadence's nudges. */
export const STATUS_UPDATES_PLUGIN = 'builtin:status-updates';

/** The "📣 Post an update" button (welcome message, `@incident update`, nudges) and the modal it opens. */
export const StatusUpdateIds = {
  openModal: 'post-status-update-button',
  modal: 'post-status-update-modal',
} as const;

/** block_ids of the modal's inputs (field errors are keyed by these). */
export const UpdateBlocks = {
  status: 'update_status',
  message: 'update_message',
  nextSteps: 'update_next_steps',
  nextUpdate: 'update_next_in_minutes',
} as const;

/** block_ids of the modal's "Status page" part. */
export const PublishBlocks = {
  publish: 'update_publish',
  title: 'update_public_title',
  body: 'update_public_body',
  /** One multi-select per impact: `update_impact_partial_outage`… */
  impactPrefix: 'update_impact_',
} as const;

/** A button value carrying a draft (`@incident update <text>`) rather than the incident id. */
export const DRAFT_PREFIX = 'draft:';
