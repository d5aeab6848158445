import type { ProposedField } from './propose-field.js';

/** `@incident impact [text]`. */
export const IMPACT: ProposedField = {
  field: 'impact',
  help: 'Explain the impact of this. If it is set already, I show it and yours: press *Yes* to use yours (or *Change* to edit)',
  label: 'impact',
  missing: "The impact of this incident hasn't been set yet.",
  changeActionId: 'update-current-impact-action',
  acceptActionId: 'set-new-impact-action',
  callbackId: 'update-impact-dialog',
  modalTitle: 'Update Impact',
  divider: false,
};
