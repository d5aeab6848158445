// An example plugin: `@incident runbook [system]` in an incident's channel answers with the runbook to follow.
// Put your own runbooks below, or copy this file to start another plugin and list it in response.config.ts.
// It may be TypeScript or JavaScript, an ES module or CommonJS: `response/sdk` is the running Response's SDK.
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

const RUNBOOKS_URL = 'https://runbooks.example.com';
const RUNBOOKS: Record<string, string> = {
  payments: `${RUNBOOKS_URL}/payments`,
  login: `${RUNBOOKS_URL}/login`,
};

export default definePlugin({
  name: 'runbook',
  commands: [
    incidentCommand(
      ['runbook', 'runbooks'],
      'Link the runbook for a system',
      async (ctx) => {
        const system = ctx.args.trim().toLowerCase();
        const url = RUNBOOKS[system];
        if (url) {
          await ctx.reply(`📖 The ${escapeMrkdwn(system)} runbook: <${url}|${url}>`);
          return;
        }
        const unknown = system ? `No runbook for “${escapeMrkdwn(system)}”. ` : '';
        await ctx.reply(`📖 ${unknown}Runbooks: ${Object.keys(RUNBOOKS).join(', ')}, all at <${RUNBOOKS_URL}|${RUNBOOKS_URL}>.`);
      },
      { usage: '[system]' },
    ),
  ],
});
