// An ES module plugin (.mjs) in a folder without "type".
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'cjs-folder-mjs',
  commands: [incidentCommand(['hello-mjs'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
