// A TypeScript plugin in a folder whose package.json says "type": "module" (.cts).
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'esm-folder-cts',
  commands: [incidentCommand(['hello-cts'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
