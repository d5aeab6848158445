// A CommonJS plugin (.cjs, beside "type": "module"): require and module.exports.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, as a team may write it */
const { definePlugin, escapeMrkdwn, incidentCommand } = require('response/sdk');

module.exports = definePlugin({
  name: 'esm-folder-cjs',
  commands: [incidentCommand(['hello-cjs'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
