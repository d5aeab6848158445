// A TypeScript plugin in a folder whose package.json says "type": "module" (.ts).
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'esm-folder-ts',
  commands: [incidentCommand(['hello-ts'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
