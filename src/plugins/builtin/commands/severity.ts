import { parseSeverity, type IncidentProcess } from '../../../core/shared/incident-process.js';
import { severityEmoji, severityText, incidentCommand } from '../../sdk/index.js';
import { setBy } from './confirm.js';

/** What the configured scale accepts: each key, with its rank as a number and as sevN. */
export const severityHint = (process: Pick<IncidentProcess, 'severities'>) =>
  `I don't know that severity. Use one of: ${process.severities.map((s) => `${s.key} (${s.rank}, sev${s.rank})`).join(', ')} — e.g. \`@incident severity ${process.severities[0]?.key ?? 'major'}\``;

/** `@incident severity <level>`: a key or label, its rank or sevN, any case. */
export const severityCommand = (process: Pick<IncidentProcess, 'severities'>) =>
  incidentCommand(
    ['severity', 'sev'],
    'Set the incident severity',
    async (ctx) => {
      const severity = parseSeverity(process, ctx.args);
      if (!severity) return { handled: false, hint: severityHint(process) };
      const before = ctx.incident.severity;
      const after = await ctx.incidents.update({ severity });
      if (after.severity === before) return { handled: true, hint: `The severity is already ${severityText(after.severityLevel)}.` };
      await ctx.say(`${severityEmoji(after.severityLevel)} Severity is now *${severityText(after.severityLevel)}*${setBy(ctx)}`);
    },
    { usage: `<${process.severities.map((s) => s.key).join('|')}>` },
  );
