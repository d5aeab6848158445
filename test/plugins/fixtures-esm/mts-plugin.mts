// A TypeScript plugin in a folder whose package.json says "type": "module" (.mts).
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'esm-folder-mts',
  commands: [incidentCommand(['hello-mts'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
