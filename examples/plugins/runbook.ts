// A keyword handler: when someone mentions "runbook" or "run book" in an incident channel
// (any case, as a word), reply in their thread with a link to the runbooks.
import { definePlugin, keywordHandler } from 'response/sdk';

const RUNBOOKS_URL = 'https://runbooks.example.com';

export default definePlugin({
  name: 'runbook',
  keywords: [
    keywordHandler(['runbook', 'run book'], async (ctx) => {
      await ctx.reply(`📖 Looking for a runbook? They're all at <${RUNBOOKS_URL}/search?q=${encodeURIComponent(ctx.incident.report)}|${RUNBOOKS_URL}>.`);
    }),
  ],
});
