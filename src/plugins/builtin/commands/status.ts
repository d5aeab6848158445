import { LIVE_STATUSES, type Status } from '../../../core/incident/model.js';
import { incidentCommand } from '../../sdk/index.js';

export const STATUS_HINT = `Use one of: ${LIVE_STATUSES.join(', ')} — e.g. \`@incident status monitoring\``;

/** `@incident status <investigating|identified|monitoring|resolved>`. */
export const statusCommand = incidentCommand(
  ['status'],
  'Set the incident status',
  async (ctx) => {
    const wanted = ctx.args.trim().toLowerCase();
    const status = LIVE_STATUSES.find((s) => s === wanted) as Status | undefined;
    if (!status) return { handled: false, hint: STATUS_HINT };
    await ctx.incidents.update({ status });
  },
  { usage: `<${LIVE_STATUSES.join('|')}>` },
);
