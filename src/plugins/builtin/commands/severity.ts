import { parseSeverity, SEVERITIES } from '../../../core/incident/model.js';
import { severityEmoji, severityText, incidentCommand } from '../../sdk/index.js';
import { setBy } from './confirm.js';

export const SEVERITY_HINT = `I don't know that severity. Use one of: ${SEVERITIES.map((s, i) => `${s} (${i + 1}, sev${i + 1})`).join(', ')} — e.g. \`@incident severity major\``;

/** `@incident severity <level>`: a name, 1–4 or sev1–sev4, any case. */
export const severityCommand = incidentCommand(
  ['severity', 'sev'],
  'Set the incident severity',
  async (ctx) => {
    const severity = parseSeverity(ctx.args);
    if (!severity) return { handled: false, hint: SEVERITY_HINT };
    const before = ctx.incident.severity;
    const after = (await ctx.incidents.update({ severity })).severity;
    if (after === before) return { handled: true, hint: `The severity is already ${severityText(after)}.` };
    await ctx.say(`${severityEmoji(after)} Severity is now *${severityText(after)}*${setBy(ctx)}`);
  },
  { usage: '<critical|major|minor|trivial>' },
);
