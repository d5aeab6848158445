import type { ProposedField } from './propose-field.js';

/** `@incident summary [text]`. */
export const SUMMARY: ProposedField = {
  field: 'summary',
  help: "Provide a summary of what's going on. If there is one already, I show it and yours: press *Yes* to use yours (or *Change* to edit)",
  label: 'summary',
  missing: "This incident doesn't have a summary yet.",
  changeActionId: 'update-current-summary-action',
  acceptActionId: 'set-new-summary-action',
  callbackId: 'update-summary-dialog',
  modalTitle: 'Update Summary',
  divider: true,
};
