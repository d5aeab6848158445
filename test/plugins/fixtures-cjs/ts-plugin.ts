// A TypeScript plugin in a folder whose package.json has no "type": tsx loads .ts and .cts as CommonJS, .mts as an ES module.
import { definePlugin, escapeMrkdwn, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'cjs-folder-ts',
  commands: [incidentCommand(['hello-ts'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
