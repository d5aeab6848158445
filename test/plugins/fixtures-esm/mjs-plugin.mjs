// An ES module plugin (.mjs) in a folder with "type": "module".
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'esm-folder-mjs',
  commands: [incidentCommand(['hello-mjs'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
