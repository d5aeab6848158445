// An ES module plugin (.js in a folder with "type": "module").
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'esm-folder-js',
  commands: [incidentCommand(['hello-js'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
