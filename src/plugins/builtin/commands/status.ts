import { LIVE_STATUSES, type Status } from '../../../core/incident/model.js';
import { capitalise, STATUS_EMOJI, incidentCommand } from '../../sdk/index.js';
import { setBy } from './confirm.js';

export const STATUS_HINT = `Use one of: ${LIVE_STATUSES.join(', ')} — e.g. \`@incident status monitoring\``;

/** `@incident status <investigating|identified|monitoring|resolved>`. */
export const statusCommand = incidentCommand(
  ['status'],
  'Set the incident status',
  async (ctx) => {
    const wanted = ctx.args.trim().toLowerCase();
    const status = LIVE_STATUSES.find((s) => s === wanted) as Status | undefined;
    if (!status) return { handled: false, hint: STATUS_HINT };
    const before = ctx.incident.status;
    const after = (await ctx.incidents.update({ status })).status;
    if (after === before) return { handled: true, hint: `The status is already ${capitalise(after)}.` };
    // Closing and reopening are told by their own notice (from the outbox, whichever edge did it).
    if (after === 'resolved' || before === 'resolved') return;
    await ctx.say(`${STATUS_EMOJI[after]} Status is now *${capitalise(after)}*${setBy(ctx)}`);
  },
  { usage: `<${LIVE_STATUSES.join('|')}>` },
);
